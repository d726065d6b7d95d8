// Rebound's loggers, implementing Slack's Logger interface so Bolt and our code share one
// output format. Lines go to stderr (warn, error) or stdout (debug, info).
//
// Privacy: Slack's SDKs log whole request and ack bodies at debug level — modal views with
// the answers people typed. So the logger handed to Bolt never goes below info, whatever
// LOG_LEVEL says; LOG_LEVEL=debug only opens Rebound's own debug lines, which carry ids
// and codes, never text a user wrote.

import { type Logger, LogLevel } from '@slack/logger';
import type { LogLevelName } from './config.js';

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

export interface LogSink {
  write(level: LogLevel, line: string): void;
}

const processSink: LogSink = {
  write(level, line) {
    const stream = SEVERITY[level] >= SEVERITY[LogLevel.WARN] ? process.stderr : process.stdout;
    stream.write(`${line}\n`);
  },
};

class LineLogger implements Logger {
  constructor(
    private name: string,
    private level: LogLevel,
    private readonly floor: LogLevel,
    private readonly sink: LogSink,
  ) {}

  getLevel(): LogLevel {
    return this.level;
  }

  setLevel(level: LogLevel): void {
    this.level = SEVERITY[level] < SEVERITY[this.floor] ? this.floor : level;
  }

  setName(name: string): void {
    this.name = name;
  }

  debug(...msg: unknown[]): void {
    this.log(LogLevel.DEBUG, msg);
  }
  info(...msg: unknown[]): void {
    this.log(LogLevel.INFO, msg);
  }
  warn(...msg: unknown[]): void {
    this.log(LogLevel.WARN, msg);
  }
  error(...msg: unknown[]): void {
    this.log(LogLevel.ERROR, msg);
  }

  private log(level: LogLevel, msg: unknown[]): void {
    if (SEVERITY[level] < SEVERITY[this.level]) return;
    const text = msg.map(formatPart).join(' ');
    this.sink.write(level, `${new Date().toISOString()} ${level.toUpperCase()} [${this.name}] ${text}`);
  }
}

function formatPart(part: unknown): string {
  if (part instanceof Error) {
    const code = (part as { code?: unknown }).code;
    return code === undefined
      ? `${part.name}: ${part.message}`
      : `${part.name} (${String(code)}): ${part.message}`;
  }
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

export interface Loggers {
  /** Rebound's own logger: honours LOG_LEVEL. */
  app: Logger;
  /** The logger given to Bolt and Slack's SDKs: never below info (see above). */
  slack: Logger;
}

export function createLoggers(level: LogLevelName, sink: LogSink = processSink): Loggers {
  const wanted = level as LogLevel;
  const slack = new LineLogger('slack', LogLevel.INFO, LogLevel.INFO, sink);
  slack.setLevel(wanted);
  return {
    app: new LineLogger('rebound', wanted, LogLevel.DEBUG, sink),
    slack,
  };
}
