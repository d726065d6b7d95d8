// Web API clients for background work in distributed mode, one per workspace, each with the
// token of that workspace's installation. A client is kept for a short while so a tick with
// many follow-ups for one workspace reads and decrypts its installation once; an uninstall
// handled here drops it at once (another instance's copy ages out, and Slack then refuses
// the revoked token). With token rotation, a token about to expire is refreshed before the
// client is made (token-refresh.ts), and a refresh drops the cached clients of its installation.

import type { Installation } from '@slack/bolt';
import type { InstallationKey } from '../../store/store.js';
import { keyOfInstallation } from './installation-store.js';

export const TEAM_CLIENT_TTL_MS = 60_000;

export interface TeamClients<Client> {
  /** The client for a workspace, or null when Rebound is not installed there. */
  clientFor(team: { teamId: string; enterpriseId: string | null }): Promise<Client | null>;
  /** Drops cached clients of an installation (an org-wide one covers all its workspaces). */
  forget(key: InstallationKey): void;
}

interface Entry<Client> {
  loading: Promise<{ client: Client; key: InstallationKey } | null>;
  /** Whose installation the client holds, once loaded. */
  key?: InstallationKey;
  expiresAt: number;
}

export function createTeamClients<Client>(deps: {
  findInstallation: (team: { teamId: string; enterpriseId: string | null }) => Promise<Installation | null>;
  makeClient: (token: string) => Client;
  /** Token rotation: the installation with a token that does not expire soon. */
  freshen?: (installation: Installation) => Promise<Installation>;
  clock: () => Date;
  ttlMs?: number;
}): TeamClients<Client> {
  const ttlMs = deps.ttlMs ?? TEAM_CLIENT_TTL_MS;
  const cache = new Map<string, Entry<Client>>();

  const load = async (team: { teamId: string; enterpriseId: string | null }) => {
    const found = await deps.findInstallation(team);
    const installation = found && deps.freshen ? await deps.freshen(found) : found;
    const token = installation?.bot?.token;
    if (!installation || !token) return null;
    return { client: deps.makeClient(token), key: keyOfInstallation(installation) };
  };

  return {
    async clientFor(team) {
      const id = `${team.enterpriseId ?? ''}:${team.teamId}`;
      const now = deps.clock().getTime();
      let entry = cache.get(id);
      if (!entry || entry.expiresAt <= now) {
        // Concurrent callers for one workspace share one lookup.
        entry = { loading: load(team), expiresAt: now + ttlMs };
        cache.set(id, entry);
      }
      const current = entry;
      const found = await current.loading.catch((error: unknown) => {
        if (cache.get(id) === current) cache.delete(id);
        throw error;
      });
      if (found) current.key = found.key;
      else if (cache.get(id) === current) cache.delete(id); // not installed yet: look again next time
      return found?.client ?? null;
    },

    forget(key) {
      // Entries still loading may be for this installation too: drop them, they reload.
      for (const [id, entry] of cache) if (!entry.key || matches(entry.key, key)) cache.delete(id);
    },
  };
}

function matches(cached: InstallationKey, gone: InstallationKey): boolean {
  if (cached.enterpriseId !== gone.enterpriseId) return false;
  return gone.teamId === null || cached.teamId === gone.teamId;
}
