// App Home end to end: the real app against the Slack emulator. Home is published on every
// visit and again after anything that changes it; its buttons open the routine's modals or
// change a check-in, and a long history pages behind "Show more", within 100 blocks.

import { describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { type EmulatedUser, visibleText } from '../../emulator/index.js';
import type { NewFollowUp, RoutineAnswers } from '../../src/domain/types.js';
import { homeActions, homeJson, homeText, published } from '../support/home.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';

/** Monday 2 March 2026, 10:00 in New York. */
const NOW = new Date('2026-03-02T15:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const alice = scopeOf('U1');

const harness = harnessPerTest();

async function start(): Promise<{ h: Harness; user: EmulatedUser }> {
  const h = await harness.start({ now: NOW });
  return { h, user: h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' }) };
}

async function seed(answers: RoutineAnswers, when: Date, dueAt?: Date) {
  return seedRejection(harness.current().rebound.store, alice, {
    answers,
    followUps: dueAt ? [{ kind: 'reflect', dueAt }] : [],
    now: when,
  });
}

/**
 * A rejection with only its company answered (Acme Corp) and these follow-ups, four days old;
 * the job has just run at NOW. Returns it and the first follow-up DM about it.
 */
async function deliverAcme(user: EmulatedUser, followUps: NewFollowUp[]) {
  const { rebound } = harness.current();
  const draft = await rebound.store.createDraft(alice, { company: 'Acme Corp' }, at(-4 * DAY));
  const done = await rebound.store.completeRejection(
    alice,
    draft.id,
    { company: 'Acme Corp' },
    followUps,
    at(-4 * DAY),
  );
  await rebound.runFollowUps(NOW);
  const dm = await user.waitForDm((message) => visibleText(message).includes('Acme Corp'));
  return { ...done, dm };
}

describe('App Home', () => {
  it('welcomes a new user with one way to start, which opens the routine; finishing fills Home', async () => {
    const { h, user } = await start();
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Welcome to Rebound');
    expect(homeActions(user.home)).toEqual([
      'home_start_routine',
      'home_show_details',
      'home_employed_here',
      'home_delete_data',
    ]);

    await user.clickHomeButton('home_start_routine');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    await user.submit({ company: 'Acme Corp', role: 'Designer', stage: 'final_round', intermediary: 'none' });
    await user.submit({ interview: 'Slow down.', strengths: 'Calm.' });
    await user.submit({ dailyFit: 'yes', excited: 'very', skillsElsewhere: 'yes', tweaks: ['referrals'] });
    await published(h, user, () => user.submit({ lesson: 'Ask early.' }));

    const home = homeText(user);
    expect(home).not.toContain('Welcome to Rebound');
    expect(home).toContain('Acme Corp · Designer');
    expect(home).toContain('ended at Final round');
    expect(home).toContain('✓ Feedback  ✓ Reflect  ✓ Search  ✓ Learn');
    expect(home).toContain('No feedback yet');
    expect(home).toContain('Coming up');
    // Nothing typed into the routine reaches the logs.
    expect(h.logs.join('\n')).not.toContain('Acme Corp');
  });

  it('publishes no Home to someone who never opened it; their first visit shows the routine', async () => {
    const { h, user } = await start();
    await user.command('/rejected', 'Acme Corp');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    await user.submit({ role: 'Designer', stage: 'final_round', intermediary: 'none' });
    await user.submit({ interview: 'Slow down.', strengths: 'Calm.' });
    await user.submit({ dailyFit: 'yes', excited: 'very', skillsElsewhere: 'yes', tweaks: ['referrals'] });
    await user.submit({ lesson: 'Ask early.' });
    await user.waitForDm((message) => visibleText(message).includes('Acme Corp'));
    await h.idle();
    expect(h.emu.callsTo('views.publish')).toHaveLength(0);

    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Acme Corp · Designer');
    // From that visit on, a change made in a DM or a modal shows on Home without another visit.
    await user.command('/rejected', 'Globex');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    await user.submit({ role: 'Analyst', stage: 'first_interview', intermediary: 'none' });
    await user.submit({ interview: 'Breathe.', strengths: 'Curious.' });
    await user.submit({ dailyFit: 'yes', excited: 'very', skillsElsewhere: 'yes', tweaks: ['referrals'] });
    await published(h, user, () => user.submit({ lesson: 'Ask about the team.' }));
    expect(homeText(user)).toContain('Globex · Analyst');
    expect(h.emu.problems).toEqual([]);
  });

  it('shows the Messages tab nothing new: only the Home tab is published', async () => {
    const { h, user } = await start();
    await user.openHome('messages');
    await h.idle();
    expect(h.emu.callsTo('views.publish')).toHaveLength(0);
  });

  it('pages a long history behind "Show more", never more than 100 blocks, newest first', async () => {
    const { h, user } = await start();
    for (let i = 0; i < 130; i += 1) {
      await seed(
        {
          company: `Company ${String(i).padStart(3, '0')}`,
          stage: i % 3 ? 'first_interview' : 'final_round',
        },
        at(-(130 - i) * MINUTE),
      );
    }
    await published(h, user, () => user.openHome());
    const first = user.home?.blocks ?? [];
    expect(first.length).toBeLessThanOrEqual(100);
    const firstText = homeText(user);
    // The history itself, below the patterns and the lessons (which name companies too).
    const firstHistory = firstText.slice(firstText.indexOf('Your rejections'));
    expect(firstHistory.indexOf('Company 129')).toBeLessThan(firstHistory.indexOf('Company 128'));
    // Patterns across all 130, drawn as text bars.
    expect(firstText).toContain('Where processes ended');
    expect(firstText).toMatch(/(^|\n)▓+░* 86 · First interview/);
    expect(firstText).toContain('Across your 130 rejections');
    const shownFirst = (firstHistory.match(/Company \d{3}/g) ?? []).length;
    expect(shownFirst).toBeGreaterThan(50);

    await published(h, user, () => user.clickHomeButton('home_show_more', { value: String(shownFirst) }));
    const second = homeText(user);
    expect(second).toContain('Earlier rejections');
    expect(second).not.toContain('Where processes ended');
    const shownSecond = second.match(/Company \d{3}/g) ?? [];
    expect(shownFirst + shownSecond.length).toBe(130);
    expect(shownSecond.at(-1)).toBe('Company 000');
    expect(user.home?.blocks.some((block) => block.block_id === 'home_more')).toBe(false);

    await published(h, user, () => user.clickHomeButton('home_show_more', { value: '0' }));
    expect(homeText(user)).toContain('Company 129');
    expect(h.emu.problems).toEqual([]);
  });

  it('resumes a draft at its step from Home, and shows it there once closed', async () => {
    const { h, user } = await start();
    const draft = await h.rebound.store.createDraft(alice, { company: 'Globex' }, NOW);
    await h.rebound.store.saveDraft(
      alice,
      draft.id,
      2,
      { company: 'Globex', stage: 'take_home', intermediary: 'none' },
      NOW,
    );
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('step 2 of 4');

    await user.clickHomeButton('home_resume_draft');
    const modal = await user.waitForModal((view) => view.callback_id === 'routine_step_2');
    expect(modal.title.text).toContain('2 of 4');
    await user.submit({ interview: 'Fewer slides.', strengths: 'Research.' });
    await published(h, user, () => user.closeModal());
    expect(homeText(user)).toContain('step 3 of 4');
  });

  it('snoozes an upcoming check-in a week past its day, or cancels it, and republishes Home', async () => {
    const { h, user } = await start();
    const due = new Date('2026-03-05T15:00:00Z'); // Thursday 10:00 EST
    const acme = await seed({ company: 'Acme Corp' }, at(-DAY), due);
    const globex = await seed({ company: 'Globex' }, at(-DAY), at(2 * DAY));
    const acmeId = acme.followUps[0]?.id ?? '';
    const globexId = globex.followUps[0]?.id ?? '';
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Check-in about Acme Corp');

    await published(h, user, () =>
      user.selectOption('home', 'home_snooze_nudge', `1w:${acmeId}`, { blockId: `home_nudge_${acmeId}` }),
    );
    const moved = new Date('2026-03-12T14:00:00Z'); // the next Thursday, 10:00 EDT after the change
    expect((await h.rebound.store.findFollowUp(alice, acmeId))?.dueAt).toEqual(moved);
    expect(homeJson(user)).toContain(`<!date^${moved.getTime() / 1000}^`);

    await published(h, user, () => user.clickHomeButton('home_cancel_nudge', { value: globexId }));
    expect((await h.rebound.store.findFollowUp(alice, globexId))?.status).toBe('cancelled');
    expect(homeJson(user)).not.toContain(`home_nudge_${globexId}`);
    // A stale Cancel (the check-in is already cancelled) changes nothing and just refreshes.
    await published(h, user, () => user.clickHomeButton('home_cancel_nudge', { value: acmeId }));
    expect((await h.rebound.store.findFollowUp(alice, acmeId))?.status).toBe('cancelled');
    expect(homeText(user)).not.toContain('Coming up');
  });

  it('republishes Home after a follow-up is answered in the DM', async () => {
    const { h, user } = await start();
    const { rejection, dm } = await deliverAcme(user, [
      { kind: 'reflect', dueAt: NOW },
      { kind: 'feedback_check', dueAt: at(2 * DAY) },
    ]);
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Did you hear back from Acme Corp?');

    await published(h, user, () => user.clickMessageButton(dm.ts, 'nudge_done'));
    expect(homeText(user)).not.toContain('Coming up');
    expect(
      (await h.rebound.store.listFollowUps(alice, { rejectionId: rejection.id })).map((f) => f.status),
    ).toEqual(['done', 'cancelled']);
  });

  it('answers a delivered follow-up from Home with the same modal as the DM, then updates both', async () => {
    const { h, user } = await start();
    const { followUps, dm } = await deliverAcme(user, [{ kind: 'feedback_check', dueAt: NOW }]);
    const checkId = followUps[0]?.id ?? '';
    await published(h, user, () => user.openHome());
    expect(homeText(user)).toContain('Waiting for you');

    await user.clickHomeButton('nudge_feedback_yes', { blockId: `home_waiting_${checkId}` });
    await user.waitForModal((view) => view.callback_id === 'nudge_feedback');
    await published(h, user, () => user.submit({ feedback_text: 'They hired internally.' }));

    expect(homeText(user)).not.toContain('Waiting for you');
    expect(homeText(user)).toContain('Feedback received');
    expect((await h.rebound.store.findFollowUp(alice, checkId))?.status).toBe('done');
    // The DM the follow-up came in loses its buttons too.
    await user.waitForDm((message) => message.ts === dm.ts && message.updatedCount > 0);
    expect(h.logs.join('\n')).not.toContain('hired internally');
  });
});
