// An Enterprise Grid org-wide install end to end: one installation serves every workspace of
// the org, and keeps each person's answers under the org (Grid user ids are org-wide),
// whichever surface they come from: the command and Home (which name the person's
// workspace), the modals (whose app_installed_team_id is the org's id, which Bolt takes for
// context.teamId) and a DM button. Another person of the org sees none of it, every call
// goes out with the org's token, and a delete also finds rows older versions kept under the
// person's workspace.

import { describe, expect, it } from 'vitest';
import { seedRejection } from '../../devkit/seed.js';
import { type EmulatedUser, visibleText } from '../../emulator/index.js';
import type { UserScope } from '../../src/domain/types.js';
import { homeText } from '../support/home.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const gusScope: UserScope = { teamId: 'E1', enterpriseId: 'E1', userId: 'UG1' };
const harness = harnessPerTest();

async function publishedFor(h: Harness, user: EmulatedUser, act: () => Promise<unknown>) {
  const count = () =>
    h.emu.callsTo('views.publish').filter((call) => call.ok && call.params.user_id === user.id).length;
  await h.idle();
  const before = count();
  await act();
  await expect.poll(count).toBeGreaterThan(before);
}

describe('an org-wide install on Enterprise Grid', () => {
  it('keeps a person’s routine under the org, from the command, modals, a DM button and Home', async () => {
    const h = await harness.start({ distributed: true, now: NOW });
    const { emu } = h;
    const page = await installThroughOAuth(h.appUrl, emu, { id: 'E1', name: 'Grid Co' }, { orgWide: true });
    expect(page.status).toBe(200);
    const gus = emu.addUser({ id: 'UG1', teamId: 'T5', enterpriseId: 'E1', name: 'gus', tz: 'Europe/Paris' });
    const hal = emu.addUser({ id: 'UH1', teamId: 'T6', enterpriseId: 'E1', name: 'hal', tz: null });

    await gus.command('/rejected', 'Acme Labs');
    await gus.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(gus.modal?.app_installed_team_id).toBe('E1');
    for (const [answers, next] of [
      [step1, 'routine_step_2'],
      [step2, 'routine_step_3'],
      [step3, 'routine_step_4'],
    ] as const) {
      expect((await gus.submit(answers)).errors).toBeUndefined();
      expect(gus.modal?.callback_id).toBe(next);
    }
    expect((await gus.submit(step4)).errors).toBeUndefined();
    await expect.poll(() => gus.dm.length).toBeGreaterThanOrEqual(2);
    expect(visibleText(gus.dm[0])).toContain('Acme Labs');

    const [rejection] = await h.rebound.store.listRejections(gusScope);
    expect(rejection).toMatchObject({ status: 'complete', answers: { company: 'Acme Labs' } });
    // One scope for every surface: nothing under the workspace the command named.
    expect(await h.rebound.store.listRejections({ ...gusScope, teamId: 'T5' })).toEqual([]);

    const note = gus.dm.find((message) => JSON.stringify(message.blocks).includes('note_mark_sent'));
    if (!note) throw new Error('no drafted note in the DM');
    await gus.clickMessageButton(note.ts, 'note_mark_sent');
    await expect
      .poll(async () => (await h.rebound.store.listFeedbackNotes(gusScope)).map((one) => one.sentAt !== null))
      .toEqual([true]);

    await gus.command('/rejected', 'list');
    await expect.poll(() => gus.ephemerals.length).toBe(1);
    expect(visibleText(gus.ephemerals[0])).toContain('Acme Labs');

    await publishedFor(h, gus, () => gus.openHome());
    expect(homeText(gus)).toContain('Acme Labs');
    await publishedFor(h, hal, () => hal.openHome());
    expect(homeText(hal)).not.toContain('Acme Labs');

    // The check-ins go out days later, found by the org's installation.
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    h.clock.set(later);
    const dms = gus.dm.length;
    const report = await h.rebound.runFollowUps(later);
    expect(report).toMatchObject({ failed: 0 });
    expect(report.sent).toBeGreaterThan(0);
    await expect.poll(() => gus.dm.length).toBe(dms + report.sent);

    // An older version kept some of Gus's rows under his workspace instead of the org;
    // /rejected delete removes those too.
    const former: UserScope = { ...gusScope, teamId: 'T5' };
    await seedRejection(h.rebound.store, former, { answers: { company: 'Old Co' }, followUps: [], now: NOW });
    await gus.command('/rejected', 'delete');
    await gus.waitForModal((view) => view.callback_id === 'delete_my_data');
    await gus.submit();
    await expect.poll(async () => (await h.rebound.store.exportUserData(gusScope)).rejections).toEqual([]);
    expect((await h.rebound.store.exportUserData(former)).rejections).toEqual([]);
    expect((await h.rebound.store.exportUserData({ ...gusScope, userId: 'UH1' })).rejections).toEqual([]);

    const token = emu.tokenOf('E1');
    expect(token).toBeDefined();
    const bot = emu.calls.filter((call) => call.teamId !== undefined);
    expect(new Set(bot.map((call) => call.teamId))).toEqual(new Set(['E1']));
    expect(emu.problems).toEqual([]);
  });
});
