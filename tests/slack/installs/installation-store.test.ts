// The Bolt InstallationStore adapter on a real (in-memory SQLite) store: what Bolt stores it
// gets back, keyed by workspace or by org, sealed so the database holds no token.

import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../../src/crypto/token-cipher.js';
import { ErrorCode } from '../../../src/errors.js';
import {
  createInstallationStore,
  type SlackInstallations,
} from '../../../src/slack/installs/installation-store.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/store.js';

const T0 = new Date('2030-01-01T00:00:00Z');

function teamInstall(teamId: string, token: string, enterpriseId?: string): Installation {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: enterpriseId ? { id: enterpriseId, name: 'Grid' } : undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands', 'chat:write'], id: 'B1', userId: 'UBOT' },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A1',
    authVersion: 'v2',
  };
}

const orgInstall = (enterpriseId: string, token: string): Installation => ({
  team: undefined,
  enterprise: { id: enterpriseId, name: 'Grid' },
  user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
  bot: { token, scopes: ['commands'], id: 'B2', userId: 'UBOT2' },
  isEnterpriseInstall: true,
  appId: 'A1',
  authVersion: 'v2',
});

let store: Store;
let installations: SlackInstallations;
beforeEach(async () => {
  store = await createStore(':memory:');
  installations = createInstallationStore({
    store,
    cipher: createTokenCipher(randomBytes(32)),
    clock: () => T0,
  });
});
afterEach(async () => {
  await store.close();
});

describe('installation store', () => {
  it('gives Bolt back what it stored, and keeps no token in the clear', async () => {
    const installation = teamInstall('T1', 'xoxb-secret-1');
    await installations.storeInstallation(installation);
    const query = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false } as const;
    expect(await installations.fetchInstallation(query)).toEqual(installation);
    const [row] = await store.listInstallations({ limit: 10 });
    expect(row?.key).toEqual({ enterpriseId: null, teamId: 'T1' });
    expect(row?.sealed).not.toContain('xoxb');
    expect(row?.sealed).not.toContain('Team T1');
  });

  it('keys an org-wide install by its org, and serves its workspaces from it', async () => {
    await installations.storeInstallation(orgInstall('E1', 'xoxb-org'));
    await installations.storeInstallation(teamInstall('T2', 'xoxb-own', 'E1'));
    const orgQuery = { teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true } as const;
    expect((await installations.fetchInstallation(orgQuery)).bot?.token).toBe('xoxb-org');
    expect((await installations.findForTeam({ teamId: 'T9', enterpriseId: 'E1' }))?.bot?.token).toBe(
      'xoxb-org',
    );
    expect((await installations.findForTeam({ teamId: 'T2', enterpriseId: 'E1' }))?.bot?.token).toBe(
      'xoxb-own',
    );
    expect(await installations.findForTeam({ teamId: 'T9', enterpriseId: null })).toBeNull();
  });

  it('fails not_installed for a workspace without an installation, and deletes', async () => {
    const query = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false } as const;
    await expect(installations.fetchInstallation(query)).rejects.toMatchObject({
      code: ErrorCode.NotInstalled,
    });
    await installations.storeInstallation(teamInstall('T1', 'xoxb-1'));
    await installations.deleteInstallation?.(query);
    await expect(installations.fetchInstallation(query)).rejects.toMatchObject({
      code: ErrorCode.NotInstalled,
    });
  });

  it("refuses a sealed installation copied onto another workspace's row", async () => {
    await installations.storeInstallation(teamInstall('T1', 'xoxb-1'));
    const [row] = await store.listInstallations({ limit: 1 });
    await store.saveInstallation({ enterpriseId: null, teamId: 'T2' }, row?.sealed as string, T0);
    await expect(installations.findForTeam({ teamId: 'T2', enterpriseId: null })).rejects.toMatchObject({
      code: ErrorCode.TokenDecryptFailed,
    });
  });
});

describe('installing again after an uninstall', () => {
  it('keeps the workspace’s data: the retention job no longer deletes it', async () => {
    const alice = { teamId: 'T1', enterpriseId: null, userId: 'U1' };
    const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
    await store.completeRejection(alice, draft.id, { company: 'Acme' }, [], T0);
    await store.markTeamUninstalled({ teamId: 'T1', enterpriseId: null }, T0);
    await installations.storeInstallation(teamInstall('T1', 'xoxb-again'));
    expect(await store.claimTeamPurge(new Date(T0.getTime() + 365 * 86_400_000), T0, 60_000)).toBeNull();
    expect(await store.listRejections(alice)).toHaveLength(1);
  });
});
