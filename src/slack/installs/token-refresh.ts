// Token rotation (the app's token_rotation_enabled) for the follow-up job. Bolt refreshes an
// expiring bot token only while it authorizes a request; the job sends with the stored one,
// so before it builds a workspace's client it refreshes a token that expires soon, with the
// same window Bolt uses. Slack's refresh token works once: of two instances refreshing at
// once only one gets a new pair. So the new pair is stored only if the stored installation
// is still the one that was refreshed (compare-and-set on the sealed row), and the instance
// that lost at Slack reads the winner's pair back instead of giving up on the workspace.

import type { Installation, Logger } from '@slack/bolt';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { InstallationKey, Store } from '../../store/store.js';
import { bindingFor, describeKey, keyOfInstallation } from './installation-store.js';

/** Refresh a token that expires within this (Bolt's window for requests: 2 h). */
export const REFRESH_WINDOW_MS = 2 * 3_600_000;

/** What oauth.v2.access answers a refresh grant with. */
export interface RefreshedPair {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

/** True for a rotating bot token (it has a refresh token) that expires within the window. */
export function needsRefresh(installation: Installation, now: Date): boolean {
  const bot = installation.bot;
  return (
    typeof bot?.refreshToken === 'string' &&
    typeof bot.expiresAt === 'number' &&
    bot.expiresAt * 1000 - now.getTime() <= REFRESH_WINDOW_MS
  );
}

function expired(installation: Installation, now: Date): boolean {
  const expiresAt = installation.bot?.expiresAt;
  return typeof expiresAt === 'number' && expiresAt * 1000 <= now.getTime();
}

export interface TokenRefresher {
  /** The installation with a bot token that is not about to expire (refreshed when it was). */
  fresh(installation: Installation): Promise<Installation>;
}

export function createTokenRefresher(deps: {
  store: Store;
  cipher: TokenCipher;
  clock: () => Date;
  logger: Logger;
  /** oauth.v2.access with grant_type=refresh_token and the app's client id and secret. */
  refreshGrant: (refreshToken: string) => Promise<RefreshedPair>;
  /** Drops what this instance caches for the installation (decrypted copies, clients). */
  forget: (key: InstallationKey) => void;
}): TokenRefresher {
  const { store, cipher, clock, logger } = deps;

  const readStored = async (key: InstallationKey) => {
    const found = await store.findInstallation(key);
    if (!found) return null;
    const installation = JSON.parse(cipher.decrypt(found.sealed, bindingFor(key))) as Installation;
    return { sealed: found.sealed, installation };
  };
  const notInstalled = (key: InstallationKey) =>
    new ReboundError(ErrorCode.NotInstalled, `Rebound is not installed for ${describeKey(key)}`);

  return {
    async fresh(cached) {
      const key = keyOfInstallation(cached);
      // The cached copy may be older than the row: another instance may have refreshed already.
      const stored = await readStored(key);
      if (!stored) throw notInstalled(key);
      if (!needsRefresh(stored.installation, clock())) {
        deps.forget(key);
        return stored.installation;
      }
      const bot = stored.installation.bot as NonNullable<Installation['bot']>;
      const usedRefreshToken = bot.refreshToken as string;

      let pair: RefreshedPair;
      try {
        pair = await deps.refreshGrant(usedRefreshToken);
      } catch (error) {
        // Most likely another instance traded this refresh token a moment ago: use its pair.
        const again = await readStored(key);
        if (!again) throw notInstalled(key);
        if (again.installation.bot?.refreshToken !== usedRefreshToken) {
          deps.forget(key);
          return again.installation;
        }
        const code = errorCode(error);
        logger.warn(`Could not refresh the bot token of ${describeKey(key)}: ${code}`);
        // Still valid for a while: send with it, and refresh again next time.
        if (!expired(again.installation, clock())) return again.installation;
        throw new ReboundError(ErrorCode.TokenRefreshFailed, `bot token expired, refresh failed: ${code}`);
      }
      if (!pair.access_token || !pair.refresh_token || typeof pair.expires_in !== 'number')
        throw new ReboundError(ErrorCode.TokenRefreshFailed, 'refresh answer without a token pair');

      const now = clock();
      const refreshed: Installation = {
        ...stored.installation,
        bot: {
          ...bot,
          token: pair.access_token,
          refreshToken: pair.refresh_token,
          expiresAt: Math.floor(now.getTime() / 1000) + pair.expires_in,
        },
      };
      const sealed = cipher.encrypt(JSON.stringify(refreshed), bindingFor(key));
      const replaced = await store.resealInstallation(key, stored.sealed, sealed, now);
      deps.forget(key);
      if (replaced) {
        logger.info(`Refreshed the bot token of ${describeKey(key)}.`);
        return refreshed;
      }
      // The row changed meanwhile (a reinstall, Bolt's own refresh): it wins; our new token
      // works too, so it is used for this send if the stored one is no better.
      const again = await readStored(key);
      if (!again) throw notInstalled(key);
      return needsRefresh(again.installation, now) ? refreshed : again.installation;
    },
  };
}
