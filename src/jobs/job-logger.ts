// The logger jobs write to: any object with these methods (Bolt's Logger fits), so the jobs
// need no Slack package. Job log lines carry ids and codes only, never what a person typed.

export interface JobLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}
