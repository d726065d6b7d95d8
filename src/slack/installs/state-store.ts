// The OAuth `state` Rebound hands Slack at /slack/install and checks at /slack/oauth_redirect.
// Bolt already ties it to the installer's browser with a cookie; on top of that it is
// signed with SLACK_STATE_SECRET (a forged one fails), expires with that cookie (10 min) and
// can be redeemed once, across every instance sharing the database (a replay fails).

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Store } from '../../store/store.js';

/** Also the lifetime of Bolt's state cookie (stateCookieExpirationSeconds), so both end together. */
export const STATE_TTL_SECONDS = 600;

export function createOAuthStateStore(deps: {
  secret: string;
  store: Store;
  clock: () => Date;
  /** What the redirect handler exchanges the code with: the same for every install. */
  installOptions: InstallURLOptions;
}): StateStore {
  const { secret, store, clock, installOptions } = deps;
  const ttlMs = STATE_TTL_SECONDS * 1000;
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url');
  const invalid = (why: string) => new ReboundError(ErrorCode.OAuthStateInvalid, `OAuth state ${why}`);

  return {
    // Bolt passes its own `now`; Rebound's clock is the one source of time.
    async generateStateParam() {
      const body = `${randomBytes(16).toString('base64url')}.${clock().getTime().toString(36)}`;
      return `${body}.${sign(body)}`;
    },

    async verifyStateParam(_now, state) {
      const [id, issued, signature, ...extra] = state.split('.');
      if (!id || !issued || !signature || extra.length > 0) throw invalid('is malformed');
      const expected = Buffer.from(sign(`${id}.${issued}`));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw invalid('was not issued by this app');
      const issuedAt = Number.parseInt(issued, 36);
      const now = clock();
      if (!Number.isFinite(issuedAt) || Math.abs(now.getTime() - issuedAt) > ttlMs)
        throw invalid('has expired');
      if (!(await store.redeemOAuthState(id, new Date(issuedAt + ttlMs), now)))
        throw invalid('was already used');
      return installOptions;
    },
  };
}
