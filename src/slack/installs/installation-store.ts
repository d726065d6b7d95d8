// Bolt's InstallationStore on Rebound's store: one installation per workspace, or per org
// for an org-wide Enterprise Grid install. The whole installation (tokens, ids, scopes) is
// sealed with AES-256-GCM and bound to its key, so a row copied onto another workspace's
// key does not open, and the database never holds a token in the clear.

import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { InstallationKey, Store } from '../../store/store.js';

export interface SlackInstallations extends InstallationStore {
  /** The installation that serves a workspace: its own, else its org's org-wide one; null if neither. */
  findForTeam(team: { teamId: string; enterpriseId: string | null }): Promise<Installation | null>;
  /** Drops this key's decrypted installation from the cache (uninstalled, token revoked). */
  forget(key: InstallationKey): void;
}

/**
 * How long a decrypted installation is reused without reading the database: every request
 * is authorized with one, so a short database blip does not refuse everybody meanwhile.
 */
export const INSTALLATION_CACHE_MS = 60_000;

/** The additional authenticated data a sealed installation is bound to. */
export function bindingFor(key: InstallationKey): string {
  return `installation:${key.enterpriseId ?? ''}:${key.teamId ?? ''}`;
}

/** Where an installation belongs: the org for an org-wide install, else the workspace. */
export function keyOfInstallation(installation: Installation): InstallationKey {
  const enterpriseId = installation.enterprise?.id ?? null;
  if (installation.isEnterpriseInstall && enterpriseId) return { enterpriseId, teamId: null };
  const teamId = installation.team?.id;
  if (!teamId) throw new ReboundError(ErrorCode.InvalidPayload, 'installation has neither a team nor an org');
  return { enterpriseId, teamId };
}

/** What Bolt asks for when authorizing a request. */
export function keyOfQuery(query: InstallationQuery<boolean>): InstallationKey {
  const enterpriseId = query.enterpriseId ?? null;
  if (query.isEnterpriseInstall && enterpriseId) return { enterpriseId, teamId: null };
  if (!query.teamId) throw new ReboundError(ErrorCode.InvalidPayload, 'installation query has no team');
  return { enterpriseId, teamId: query.teamId };
}

export function describeKey(key: InstallationKey): string {
  return key.teamId ? `team ${key.teamId}` : `org ${key.enterpriseId}`;
}

export function createInstallationStore(deps: {
  store: Store;
  cipher: TokenCipher;
  clock: () => Date;
}): SlackInstallations {
  const { store, cipher, clock } = deps;
  // Per instance, in memory only; the key is our process's cipher, so a new key (a restart) starts empty.
  const cache = new Map<string, { installation: Installation; until: number }>();
  const cacheKey = (key: InstallationKey) => bindingFor(key);

  const open = async (key: InstallationKey): Promise<Installation | null> => {
    const cached = cache.get(cacheKey(key));
    if (cached && cached.until > clock().getTime()) return cached.installation;
    const found = await store.findInstallation(key);
    if (!found) {
      cache.delete(cacheKey(key));
      return null;
    }
    const installation = JSON.parse(cipher.decrypt(found.sealed, bindingFor(key))) as Installation;
    cache.set(cacheKey(key), { installation, until: clock().getTime() + INSTALLATION_CACHE_MS });
    return installation;
  };

  return {
    async storeInstallation(installation) {
      const key = keyOfInstallation(installation);
      cache.delete(cacheKey(key));
      await store.saveInstallation(
        key,
        cipher.encrypt(JSON.stringify(installation), bindingFor(key)),
        clock(),
      );
      // Installed again before the retention period ran out: its data stays (data-retention.ts).
      await store.clearTeamUninstalled(key);
    },

    async fetchInstallation(query) {
      const key = keyOfQuery(query);
      const installation = await open(key);
      if (!installation)
        throw new ReboundError(ErrorCode.NotInstalled, `Rebound is not installed for ${describeKey(key)}`);
      return installation;
    },

    async deleteInstallation(query) {
      const key = keyOfQuery(query);
      cache.delete(cacheKey(key));
      await store.deleteInstallation(key);
    },

    forget(key) {
      cache.delete(cacheKey(key));
    },

    async findForTeam({ teamId, enterpriseId }) {
      const own = await open({ enterpriseId, teamId });
      if (own || !enterpriseId) return own;
      return open({ enterpriseId, teamId: null });
    },
  };
}
