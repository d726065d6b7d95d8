// Drafts do not linger: "Start fresh" deletes the old one, and a draft nobody touched for
// DRAFT_EXPIRY_DAYS (30) is deleted by the hourly job, with a note on Home the day before.

import { describe, expect, it } from 'vitest';
import { scopeOf } from '../../devkit/seed.js';
import { runDraftExpiry } from '../../src/jobs/draft-expiry.js';
import { homeText, published } from '../support/home.js';
import { harnessPerTest } from '../support/rebound-harness.js';
import { step1 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const alice = scopeOf('U1');
const harness = harnessPerTest();
const silent = { info() {}, warn() {}, error() {} };

describe('drafts', () => {
  it('Start fresh deletes the old draft instead of keeping it aside', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await user.command('/rejected', 'Acme Corp');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    await user.submit(step1);
    await user.closeModal();
    await expect.poll(async () => (await h.rebound.store.findOpenDraft(alice))?.step).toBe(2);
    const oldDraft = await h.rebound.store.findOpenDraft(alice);

    await user.command('/rejected', 'Globex');
    await user.waitForModal((view) => view.callback_id === 'resume_draft');
    await user.clickButton('draft_start_fresh');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(await h.rebound.store.getRejection(alice, oldDraft?.id ?? '')).toBeNull();
    const kept = (await h.rebound.store.exportUserData(alice)).rejections;
    expect(kept.map((rejection) => rejection.answers.company)).toEqual(['Globex']);
  });

  it('an untouched draft gets a note on Home the day before, then is deleted after 30 days', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const draft = await h.rebound.store.createDraft(alice, { company: 'Acme Corp' }, NOW);
    const expire = (days: number) =>
      runDraftExpiry(
        { store: h.rebound.store, logger: silent, expiryDays: 30 },
        new Date(NOW.getTime() + days * DAY),
      );

    h.clock.set(new Date(NOW.getTime() + 28 * DAY));
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Picking up where you left off?');
    expect(homeText(user)).not.toContain('Untouched drafts are cleared');

    h.clock.set(new Date(NOW.getTime() + 29.5 * DAY));
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Untouched drafts are cleared after 30 days: this one goes');
    expect(await expire(29.5)).toBe(0);
    expect(await h.rebound.store.getRejection(alice, draft.id)).not.toBeNull();

    expect(await expire(30.01)).toBe(1);
    expect(await h.rebound.store.getRejection(alice, draft.id)).toBeNull();
    h.clock.set(new Date(NOW.getTime() + 30.01 * DAY));
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Welcome to Rebound');
    // /rejected starts fresh: no "pick up where you left off?".
    await user.command('/rejected', '');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
  });

  it('a draft touched since stays', async () => {
    const h = await harness.start({ now: NOW });
    const draft = await h.rebound.store.createDraft(alice, { company: 'Acme Corp' }, NOW);
    await h.rebound.store.saveDraft(
      alice,
      draft.id,
      2,
      { company: 'Acme Corp' },
      new Date(NOW.getTime() + 20 * DAY),
    );
    const deleted = await runDraftExpiry(
      { store: h.rebound.store, logger: silent, expiryDays: 30 },
      new Date(NOW.getTime() + 31 * DAY),
    );
    expect(deleted).toBe(0);
    expect((await h.rebound.store.findOpenDraft(alice))?.id).toBe(draft.id);
  });
});
