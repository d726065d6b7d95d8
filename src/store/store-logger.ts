// The logger the store writes to: any object with these four methods (Slack's Logger fits).
// Store log lines carry codes, ids and versions only — never answers a user typed.

export interface StoreLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

export const silentLogger: StoreLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
};
