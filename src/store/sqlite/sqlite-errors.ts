// Which SQLite failures mean "the database is not usable right now" rather than a bug.

import { ErrorCode, isReboundError, ReboundError } from '../../errors.js';

// Locked past busy_timeout, unopenable, I/O, full disk, read-only, corrupt or not a database.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB|PERM|PROTOCOL)/;

export function sqliteError(error: unknown, description: string): unknown {
  if (isReboundError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) {
    return new ReboundError(ErrorCode.StoreUnavailable, `${description} is unavailable: ${code}`, {
      cause: error,
    });
  }
  // Anything else (a constraint or SQL error) is a bug; keep it as it is.
  return error;
}

export function storeClosed(description: string): ReboundError {
  return new ReboundError(ErrorCode.StoreUnavailable, `${description} is closed`);
}
