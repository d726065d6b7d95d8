// Types for mrkdwn.js, a plain browser module, so the sandbox's unit tests can import it from TypeScript.

export type MrkdwnNode =
  | { type: 'text'; text: string }
  | { type: 'bold' | 'italic' | 'strike'; children: MrkdwnNode[] }
  | { type: 'code' | 'pre'; text: string }
  | { type: 'quote'; children: MrkdwnNode[] }
  | { type: 'link'; url: string | null; text: string }
  | { type: 'mention'; text: string }
  | { type: 'date'; text: string; url: string | null }
  | { type: 'emoji'; name: string; text: string };

export interface MrkdwnContext {
  /** The reader's "now" (ms): today / tomorrow and {ago} are relative to it. */
  now?: number;
  /** IANA zone to show dates in; the reader's own when left out. */
  timeZone?: string;
  /** user id → name, for `<@U…>`. */
  userNames?: Record<string, string>;
}

export function decodeEntities(text: string): string;
export function parseMrkdwn(text: string, context?: MrkdwnContext): MrkdwnNode[];
export function formatSlackDate(unixSeconds: number, format: string, context?: MrkdwnContext): string;
export function plainTextNodes(text: string): MrkdwnNode[];
