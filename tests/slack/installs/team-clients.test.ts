import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createTeamClients } from '../../../src/slack/installs/team-clients.js';

const installation = (
  teamId: string | null,
  token: string,
  enterpriseId: string | null = null,
): Installation => ({
  team: teamId ? { id: teamId } : undefined,
  enterprise: enterpriseId ? { id: enterpriseId } : undefined,
  user: { id: 'U0', token: undefined, scopes: undefined },
  bot: { token, scopes: [], id: 'B1', userId: 'UBOT' },
  isEnterpriseInstall: teamId === null,
});

function setUp(installed: Map<string, Installation>) {
  let now = 0;
  const lookups: string[] = [];
  const clients = createTeamClients({
    findInstallation: async ({ teamId, enterpriseId }) => {
      lookups.push(teamId);
      return installed.get(teamId) ?? (enterpriseId ? (installed.get(enterpriseId) ?? null) : null);
    },
    makeClient: (token) => ({ token }),
    clock: () => new Date(now),
    ttlMs: 1000,
  });
  return { clients, lookups, advance: (ms: number) => (now += ms) };
}

describe('team clients', () => {
  it('makes a client with the workspace token, and looks each workspace up once while fresh', async () => {
    const { clients, lookups, advance } = setUp(
      new Map([
        ['T1', installation('T1', 'xoxb-1')],
        ['T2', installation('T2', 'xoxb-2')],
      ]),
    );
    const team1 = { teamId: 'T1', enterpriseId: null };
    const [a, b] = await Promise.all([clients.clientFor(team1), clients.clientFor(team1)]);
    expect(a).toEqual({ token: 'xoxb-1' });
    expect(b).toBe(a);
    expect((await clients.clientFor({ teamId: 'T2', enterpriseId: null }))?.token).toBe('xoxb-2');
    expect(lookups).toEqual(['T1', 'T2']);
    advance(1001);
    await clients.clientFor(team1);
    expect(lookups).toEqual(['T1', 'T2', 'T1']);
  });

  it('answers null without an installation, and looks again next time', async () => {
    const installed = new Map<string, Installation>();
    const { clients, lookups } = setUp(installed);
    expect(await clients.clientFor({ teamId: 'T1', enterpriseId: null })).toBeNull();
    installed.set('T1', installation('T1', 'xoxb-1'));
    expect(await clients.clientFor({ teamId: 'T1', enterpriseId: null })).toEqual({ token: 'xoxb-1' });
    expect(lookups).toEqual(['T1', 'T1']);
  });

  it('forgets an uninstalled workspace at once; an org-wide uninstall covers its workspaces', async () => {
    const installed = new Map([
      ['T1', installation('T1', 'xoxb-1')],
      ['E1', installation(null, 'xoxb-org', 'E1')],
    ]);
    const { clients } = setUp(installed);
    const inGrid = { teamId: 'T5', enterpriseId: 'E1' };
    expect(await clients.clientFor(inGrid)).toEqual({ token: 'xoxb-org' });
    expect(await clients.clientFor({ teamId: 'T1', enterpriseId: null })).not.toBeNull();

    installed.delete('T1');
    clients.forget({ enterpriseId: null, teamId: 'T1' });
    expect(await clients.clientFor({ teamId: 'T1', enterpriseId: null })).toBeNull();
    expect(await clients.clientFor(inGrid)).toEqual({ token: 'xoxb-org' }); // still cached

    installed.delete('E1');
    clients.forget({ enterpriseId: 'E1', teamId: null });
    expect(await clients.clientFor(inGrid)).toBeNull();
  });

  it('passes a failed lookup on and does not keep it', async () => {
    let fail = true;
    const clients = createTeamClients({
      findInstallation: async () => {
        if (fail) throw new Error('store_unavailable');
        return installation('T1', 'xoxb-1');
      },
      makeClient: (token) => token,
      clock: () => new Date(0),
    });
    await expect(clients.clientFor({ teamId: 'T1', enterpriseId: null })).rejects.toThrow(
      'store_unavailable',
    );
    fail = false;
    expect(await clients.clientFor({ teamId: 'T1', enterpriseId: null })).toBe('xoxb-1');
  });
});
