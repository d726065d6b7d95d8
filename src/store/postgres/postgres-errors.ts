// Which pg failures mean "the database is not reachable or not usable right now", and how to
// say so: host:port and the reason (ECONNREFUSED, "password authentication failed …"),
// never the password.

import { ErrorCode, isReboundError, ReboundError } from '../../errors.js';
import type { PostgresTarget } from '../database-url.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// SQLSTATE classes: 08 connection exception, 28 bad credentials, 53 insufficient resources
// (e.g. too many connections), 57P shutdown / starting up / database dropped; 3D000 no such
// database.
const UNAVAILABLE_SQLSTATE = /^(08|28|53|57P)|^3D000$/;

// pg reports a socket that died mid-query, or a pool connect timeout, only in its message.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|encountered a connection error|not queryable|Query read timeout/i;

export function isPostgresUnavailable(error: unknown): boolean {
  if (isReboundError(error)) return isReboundError(error, ErrorCode.StoreUnavailable);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}

// The server's own statement_timeout (57014) and lock_timeout (55P03): it cancelled the
// statement, so nothing of it commits later; the connection is still good.
const BUSY_SQLSTATE = /^(57014|55P03)$/;

/**
 * Unavailability becomes `store_unavailable`, a statement the server cancelled `store_busy`;
 * other errors (bugs) pass through unchanged.
 */
export function postgresError(error: unknown, target: PostgresTarget): unknown {
  if (isReboundError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && BUSY_SQLSTATE.test(code)) {
    const message = `PostgreSQL at ${target.host}:${target.port} (database ${target.database}) cancelled a statement that waited too long (${code})`;
    return new ReboundError(ErrorCode.StoreBusy, message, { cause: error });
  }
  if (!isPostgresUnavailable(error)) return error;
  return unavailable(target, reasonOf(error), error);
}

/** Any failure to get a connection (refused, bad password, TLS, timeout) means unavailable. */
export function connectFailed(error: unknown, target: PostgresTarget): ReboundError {
  return isReboundError(error) ? error : unavailable(target, reasonOf(error), error);
}

function unavailable(target: PostgresTarget, reason: string, cause?: unknown): ReboundError {
  const message = `PostgreSQL at ${target.host}:${target.port} (database ${target.database}) is unavailable: ${reason}`;
  return new ReboundError(ErrorCode.StoreUnavailable, scrub(message, target.password), { cause });
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  // Node's AggregateError (every address refused) has an empty message but a code.
  const message = error instanceof Error ? error.message : '';
  if (message && typeof code === 'string' && !message.includes(code)) return `${message} (${code})`;
  return message || (typeof code === 'string' ? code : 'unknown error');
}

/** Belt and braces: pg never echoes the password, but make sure no message can. */
function scrub(text: string, password: string | null): string {
  return password && password.length >= 4 ? text.replaceAll(password, '***') : text;
}
