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
}

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

  const open = async (key: InstallationKey): Promise<Installation | null> => {
    const found = await store.findInstallation(key);
    if (!found) return null;
    return JSON.parse(cipher.decrypt(found.sealed, bindingFor(key))) as Installation;
  };

  return {
    async storeInstallation(installation) {
      const key = keyOfInstallation(installation);
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
      await store.deleteInstallation(keyOfQuery(query));
    },

    async findForTeam({ teamId, enterpriseId }) {
      const own = await open({ enterpriseId, teamId });
      if (own || !enterpriseId) return own;
      return open({ enterpriseId, teamId: null });
    },
  };
}
