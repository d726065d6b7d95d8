import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import { createLoggers, type LogSink } from '../../src/logger.js';

function capture(): { sink: LogSink; lines: { level: LogLevel; line: string }[] } {
  const lines: { level: LogLevel; line: string }[] = [];
  return { sink: { write: (level, line) => lines.push({ level, line }) }, lines };
}

describe('createLoggers', () => {
  it("never lets Slack's SDK logger print debug lines, which carry whole payloads", () => {
    const { sink, lines } = capture();
    const { slack } = createLoggers('debug', sink);
    slack.setLevel(LogLevel.DEBUG);
    slack.debug('ack() response sent (body: {"view":"what someone typed"})');
    slack.info('connected');
    expect(lines.map((l) => l.line).join('\n')).not.toContain('what someone typed');
    expect(lines).toHaveLength(1);
    expect(slack.getLevel()).toBe(LogLevel.INFO);
  });

  it("honours LOG_LEVEL for Rebound's own lines", () => {
    const { sink, lines } = capture();
    const { app } = createLoggers('warn', sink);
    app.info('hidden');
    app.warn('shown');
    expect(lines.map((l) => l.line)).toEqual([expect.stringMatching(/WARN \[rebound\] shown$/)]);
  });

  it('prints errors with their code', () => {
    const { sink, lines } = capture();
    const { app } = createLoggers('info', sink);
    app.error('save failed:', new ReboundError(ErrorCode.StoreUnavailable, 'database is down'));
    expect(lines[0]?.line).toMatch(
      /ERROR \[rebound\] save failed: ReboundError \(store_unavailable\): database is down/,
    );
    expect(lines[0]?.level).toBe(LogLevel.ERROR);
  });
});
