// Why an install callback failed, from what Bolt's InstallProvider hands its failure
// handler: the redirect's own `error` parameter, Bolt's OAuth error codes, a Slack Web API
// error from oauth.v2.access, or one of ours (state, store). By code only: messages never
// reach the page.

import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import type { FailureKind } from './pages.js';

/** oauth.v2.access errors that mean Rebound's own app settings are wrong, not the installer's request. */
const CREDENTIAL_ERRORS = new Set([
  'invalid_client_id',
  'bad_client_secret',
  'bad_redirect_uri',
  'oauth_authorization_url_mismatch',
]);

/** `reason` is a short code for logs and the page: only [a-z0-9_], since the redirect's `error` is anyone's to write. */
export function classifyInstallFailure(
  error: unknown,
  redirectError: string | null,
): { kind: FailureKind; reason: string } {
  const { kind, reason } = classify(error, redirectError);
  return { kind, reason: reason.replace(/[^a-z0-9_]/gi, '').slice(0, 64) || 'unknown' };
}

function classify(error: unknown, redirectError: string | null): { kind: FailureKind; reason: string } {
  if (redirectError === 'access_denied') return { kind: 'denied', reason: 'access_denied' };
  if (redirectError) return { kind: 'no_code', reason: redirectError };
  const code = (error as { code?: unknown } | null)?.code;
  const reason = errorCode(error);
  if (isReboundError(error, ErrorCode.OAuthStateInvalid)) return { kind: 'bad_state', reason };
  if (isReboundError(error, ErrorCode.StoreUnavailable)) return { kind: 'not_saved', reason };
  switch (code) {
    case 'slack_oauth_missing_state':
    case 'slack_oauth_invalid_state':
      return { kind: 'bad_state', reason: 'state_not_for_this_browser' };
    case 'slack_oauth_missing_code':
      return { kind: 'no_code', reason: 'missing_code' };
    case 'slack_webapi_platform_error':
      return { kind: CREDENTIAL_ERRORS.has(reason) ? 'misconfigured' : 'slack_refused', reason };
    case 'slack_webapi_http_error':
    case 'slack_webapi_request_error':
    case 'slack_webapi_rate_limited_error':
      return { kind: 'slack_unreachable', reason };
    default:
      return { kind: 'unexpected', reason };
  }
}
