// Distributed mode: a workspace removing Rebound (app_uninstalled, tokens_revoked for the
// bot) deletes its installation, and its follow-ups stop — another workspace's carry on.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const TA = { enterpriseId: null, teamId: 'TA' };
const TB = { enterpriseId: null, teamId: 'TB' };

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ distributed: true, now: NOW });
  for (const id of ['TA', 'TB']) expect((await installThroughOAuth(h.appUrl, h.emu, id)).status).toBe(200);
  h.emu.addUser({ id: 'UA1', teamId: 'TA', name: 'alice', tz: 'America/New_York' });
  h.emu.addUser({ id: 'UB1', teamId: 'TB', name: 'bob', tz: 'Europe/Berlin' });
});
afterEach(async () => {
  expect(h.logs.join('\n')).not.toMatch(/xox[bpa]-/);
  await h.stop();
});

/** Which workspace's token each DM to `userId` was sent with. */
const sentTo = (userId: string) =>
  h.emu
    .callsTo('chat.postMessage')
    .filter((call) => call.ok && call.params.channel === userId)
    .map((call) => call.teamId);

/** One due follow-up per workspace's user; returns their ids. */
async function dueFollowUps(): Promise<{ alice: string; bob: string }> {
  const seed = async (userId: string, teamId: string) => {
    const { followUps } = await seedRejection(h.rebound.store, scopeOf(userId, teamId), {
      followUps: [{ kind: 'reflect', dueAt: at(-60_000) }],
      now: at(-3 * DAY),
    });
    return followUps[0]?.id as string;
  };
  return { alice: await seed('UA1', 'TA'), bob: await seed('UB1', 'TB') };
}

describe('uninstalling in distributed mode', () => {
  it("deletes that workspace's installation and stops its follow-ups, not the other workspace's", async () => {
    const ids = await dueFollowUps();
    const delivered = await h.emu.uninstall('TA');
    expect(delivered.tokensRevoked.status).toBe(200);
    expect(delivered.appUninstalled.status).toBe(200);
    await expect.poll(() => h.rebound.store.findInstallation(TA)).toBeNull();
    expect(await h.rebound.store.findInstallation(TB)).not.toBeNull();

    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ sent: 1, retrying: 0 });
    // Failed as not_installed by the job, or cancelled already by the uninstall itself.
    expect((await h.rebound.store.findFollowUp(scopeOf('UA1', 'TA'), ids.alice))?.status).toMatch(
      /^(failed|cancelled)$/,
    );
    expect(await h.rebound.store.findFollowUp(scopeOf('UB1', 'TB'), ids.bob)).toMatchObject({
      status: 'sent',
    });
    expect(sentTo('UB1')).toEqual(['TB']);
    expect(h.emu.user('UA1').dm).toEqual([]);
    // Nothing went to Slack with TA's revoked token, and nothing is retried later.
    expect(h.emu.calls.filter((call) => call.error === 'token_revoked')).toEqual([]);
    expect(await h.rebound.runFollowUps(at(DAY))).toMatchObject({ claimed: 0 });

    // A command from the removed workspace finds no installation: nothing is opened.
    const command = await h.emu.user('UA1').command('/rejected', 'Acme');
    expect(command.status).toBe(200);
    expect(h.emu.callsTo('views.open')).toEqual([]);
    expect(h.logs.join('\n')).toMatch(/not authorized: not_installed/);
    expect(h.emu.problems).toEqual([]);
  });

  it('fails a follow-up for a workspace with no installation as not_installed, once', async () => {
    const ids = await dueFollowUps();
    // Gone while no instance was listening (say, removed from the database by hand).
    expect(await h.rebound.store.deleteInstallation(TA)).toBe(true);
    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ claimed: 2, sent: 1, failed: 1, retrying: 0 });
    expect(await h.rebound.store.findFollowUp(scopeOf('UA1', 'TA'), ids.alice)).toMatchObject({
      status: 'failed',
      lastError: 'not_installed',
      attempts: 1,
    });
    expect(sentTo('UB1')).toEqual(['TB']);
    expect(await h.rebound.runFollowUps(at(DAY))).toMatchObject({ claimed: 0 });
  });

  it('deletes on tokens_revoked for the bot alone, not for user tokens, and tolerates repeats', async () => {
    await h.emu.sendEvent({ type: 'tokens_revoked', tokens: { oauth: ['UA1'], bot: [] } }, { teamId: 'TA' });
    expect(await h.rebound.store.findInstallation(TA)).not.toBeNull();

    await h.emu.sendEvent({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOT'] } }, { teamId: 'TA' });
    await expect.poll(() => h.rebound.store.findInstallation(TA)).toBeNull();
    const repeat = await h.emu.sendEvent({ type: 'app_uninstalled' }, { teamId: 'TA' });
    expect(repeat.status).toBe(200);
    expect(await h.rebound.store.findInstallation(TB)).not.toBeNull();
  });

  it('serves a workspace again once it reinstalls', async () => {
    await h.emu.uninstall('TA');
    await expect.poll(() => h.rebound.store.findInstallation(TA)).toBeNull();
    expect((await installThroughOAuth(h.appUrl, h.emu, 'TA')).status).toBe(200);
    await h.emu.user('UA1').command('/rejected', 'Acme');
    await h.emu.user('UA1').waitForModal();
    expect(h.emu.callsTo('views.open').map((call) => call.teamId)).toEqual(['TA']);
  });
});
