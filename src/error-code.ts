// One way to name a failure in logs: the most specific code we know, never message bodies
// from Slack that could echo what a user typed.

import { isReboundError } from './errors.js';

/** e.g. `hash_conflict` (Slack platform error), `store_unavailable`, `ECONNRESET`, or `unexpected`. */
export function errorCode(error: unknown): string {
  if (isReboundError(error)) return error.code;
  if (typeof error === 'object' && error !== null) {
    const { data, code } = error as { data?: { error?: unknown }; code?: unknown };
    if (typeof data?.error === 'string') return data.error;
    if (typeof code === 'string') return code;
  }
  return 'unexpected';
}

/** The innermost error Slack's SDKs wrapped (`original`) or an error was caused by (`cause`). */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth += 1) {
    const inner =
      (current as { original?: unknown; cause?: unknown } | null)?.original ??
      (current as { cause?: unknown } | null)?.cause;
    if (inner === undefined || inner === null) return current;
    current = inner;
  }
  return current;
}
