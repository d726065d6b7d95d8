// Errors carry a stable code so callers branch on the code, never on message text,
// and so logs can say what went wrong without quoting anything a user typed.

export const ErrorCode = {
  ConfigInvalid: 'config_invalid',
  StoreUnavailable: 'store_unavailable',
  /** The database answered but cancelled the statement (statement or lock timeout): alive, busy. */
  StoreBusy: 'store_busy',
  StoreNotFound: 'store_not_found',
  StoreConflict: 'store_conflict',
  StoreMigrationFailed: 'store_migration_failed',
  SlackApi: 'slack_api_error',
  InvalidPayload: 'invalid_payload',
  TokenDecryptFailed: 'token_decrypt_failed',
  /** Distributed mode: no installation (no token) for the workspace a request or follow-up belongs to. */
  NotInstalled: 'not_installed',
  /** Token rotation: the bot token expired and no new one could be had (refresh refused or failed). */
  TokenRefreshFailed: 'token_refresh_failed',
  /** An OAuth `state` that is forged, expired or already used. */
  OAuthStateInvalid: 'oauth_state_invalid',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ReboundError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReboundError';
    this.code = code;
  }
}

export function isReboundError(error: unknown, code?: ErrorCode): error is ReboundError {
  return error instanceof ReboundError && (code === undefined || error.code === code);
}
