// One way to name a failure in logs: the most specific code we know, never message bodies
// from Slack that could echo what a user typed.

import { isReboundError, type ReboundError } from './errors.js';

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

/** Our own error inside the SDKs' wrapping (`original`, `cause`), or null if there is none. */
export function reboundErrorIn(error: unknown): ReboundError | null {
  let current = error;
  for (let depth = 0; depth < 10 && current !== null && current !== undefined; depth += 1) {
    if (isReboundError(current)) return current;
    const wrapped = current as { original?: unknown; cause?: unknown };
    current = wrapped.original ?? wrapped.cause;
  }
  return null;
}
