// Discreet by default: the top-level `text` of every message Rebound sends (what lock
// screens, notifications and search previews show) names no company, role or answer, until
// the person turns "Show details in notifications" on from Home. Searching while employed
// here keeps the company out of the DMs' headings too.

import { describe, expect, it } from 'vitest';
import type { ApiCall, EmulatedUser } from '../../emulator/index.js';
import { published } from '../support/home.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const COMPANY = 'Acme Corp';
/** Everything the person typed, and the fragments a preview might show of it. */
const TYPED = [
  COMPANY,
  'Acme',
  step1.role,
  step2.interview,
  step2.strengths,
  step4.lesson,
  'portfolio',
  'Designer',
  'Calm under',
];

const harness = harnessPerTest();

/** The notification text of every call the app made: `text`, and a file's `initial_comment`. */
function notificationTexts(calls: readonly ApiCall[]): string[] {
  return calls.flatMap((call) =>
    ['text', 'initial_comment'].flatMap((field) =>
      typeof call.params[field] === 'string' ? [String(call.params[field])] : [],
    ),
  );
}

async function walkRoutine(user: EmulatedUser) {
  await user.command('/rejected', COMPANY);
  await user.waitForModal((view) => view.callback_id === 'routine_step_1');
  await user.submit(step1);
  await user.submit(step2);
  await user.submit(step3);
  await user.submit(step4);
  await user.waitForDm((message) => JSON.stringify(message.blocks).includes('Ask about the team'));
  // The feedback note follows the summary, as its own DM.
  await user.waitForDm((message) => JSON.stringify(message.blocks).includes('note_mark_sent'));
}

/** The person marks their feedback note sent: "did you hear back?" is due 5 working days on. */
async function markNoteSent(user: EmulatedUser) {
  const note = user.dm.find((message) => JSON.stringify(message.blocks).includes('note_mark_sent'));
  await user.clickMessageButton(note?.ts ?? '', 'note_mark_sent');
  await user.waitForDm((message) => message.ts === note?.ts && message.updatedCount > 0);
}

/**
 * Runs the follow-up job ten days on: the action check-in (7 working days after the routine)
 * and, once a note was marked sent, "did you hear back?" (5 working days after) go out.
 */
async function deliverFollowUps(h: Harness, days = 10) {
  const when = new Date(NOW.getTime() + days * DAY);
  h.clock.set(when);
  return h.rebound.runFollowUps(when);
}

describe('discreet notifications', () => {
  it('never puts company, role or answers in a message’s text: routine, follow-ups, a click, export', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await walkRoutine(user);
    await markNoteSent(user);
    expect(await deliverFollowUps(h)).toMatchObject({ sent: 2 });

    // The follow-ups still say everything inside, where only the open DM shows it.
    const reflect = user.dm.find((message) => JSON.stringify(message.blocks).includes('nudge_done'));
    expect(JSON.stringify(reflect?.blocks)).toContain(COMPANY);
    expect(reflect?.text).toBe('Rebound has a check-in for you');
    // Answering rewrites the DM (chat.update): its text stays discreet.
    await user.clickMessageButton(reflect?.ts ?? '', 'nudge_done');
    await user.waitForDm((message) => message.ts === reflect?.ts && message.updatedCount > 0);
    await user.command('/rejected', 'export');
    await expect.poll(() => h.emu.uploadedFiles.length).toBe(2);
    await user.command('/rejected', 'list');
    await expect.poll(() => user.ephemerals.length).toBeGreaterThanOrEqual(2);

    const texts = [...notificationTexts(h.emu.calls), ...user.dm.map((message) => message.text ?? '')];
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const text of [...texts, ...user.ephemerals.map((message) => message.text ?? '')]) {
      for (const typed of TYPED) expect(text).not.toContain(typed);
    }
    expect(user.dm.map((message) => message.text)).toContain('Rebound: your notes are ready');
  });

  it('names company and role once the person turns details on at Home', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await published(h, user, () => user.openHome());
    expect(JSON.stringify(user.home?.blocks)).toContain('Show details in notifications');
    await published(h, user, () => user.selectOption('home', 'home_show_details', 'on'));
    expect(
      await h.rebound.store.getPrivacySettings({ teamId: 'T1', enterpriseId: null, userId: 'U1' }),
    ).toEqual({ showDetails: true, employedHere: null });

    await walkRoutine(user);
    await markNoteSent(user);
    await deliverFollowUps(h);
    const texts = user.dm.map((message) => message.text ?? '');
    expect(texts).toContain(`Your next steps after ${COMPANY} are ready.`);
    expect(texts).toContain(`Your note to ${COMPANY}, ready to send.`);
    expect(texts).toContain(`Did you hear back from ${COMPANY} about the ${step1.role} role?`);

    // …and off again.
    await published(h, user, () => user.selectOption('home', 'home_show_details', 'off'));
    await user.command('/rejected', 'Globex');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    await user.submit(step1);
    await user.submit(step2);
    await user.submit(step3);
    await user.submit(step4);
    // The summary, then the note: both discreet again.
    await expect.poll(() => user.dm.at(-1)?.text).toBe('Your feedback note, ready to send.');
    expect(user.dm.at(-2)?.text).toBe('Rebound: your notes are ready');
  });

  it('searching while employed here: no company in the DMs’ headings either, and a note on Home', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await published(h, user, () => user.openHome());
    await published(h, user, () => user.selectOption('home', 'home_employed_here', 'yes'));
    expect(JSON.stringify(user.home?.blocks)).toContain('workspace owners can export DMs with apps');

    await walkRoutine(user);
    await deliverFollowUps(h);
    expect(user.dm).toHaveLength(3);
    for (const message of user.dm) {
      const headings = JSON.stringify(message.blocks).match(/\*[^*]+\*/g) ?? [];
      expect(headings.length).toBeGreaterThan(0);
      for (const heading of headings) {
        expect(heading).not.toContain(COMPANY);
        expect(heading).not.toContain(step1.role);
      }
      const isNote = JSON.stringify(message.blocks).includes('note_mark_sent');
      expect(message.text).toBe(
        message === user.dm[0]
          ? 'Rebound: your notes are ready'
          : isNote
            ? 'Your feedback note, ready to send.'
            : 'Rebound has a check-in for you',
      );
    }
    // What they wrote is still there for them; only the naming is gone.
    expect(JSON.stringify(user.dm[0]?.blocks)).toContain(step4.lesson);
  });

  it('asks once, inside the first modal: the answer changes the wording and shows on Home', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await user.command('/rejected', COMPANY);
    const first = await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    // The question sits in the modal itself: no message came instead of it.
    expect(JSON.stringify(first.blocks)).toContain('Are you searching while employed here?');
    expect(JSON.stringify(first.blocks)).toContain('workspace owners can export DMs with apps');
    expect(h.emu.callsTo('chat.postMessage')).toEqual([]);
    await user.submit({ ...step1, employed_here: 'yes' });
    expect(
      await h.rebound.store.getPrivacySettings({ teamId: 'T1', enterpriseId: null, userId: 'U1' }),
    ).toEqual({ showDetails: false, employedHere: true });
    await user.submit(step2);
    await user.submit(step3);
    await user.submit(step4);
    const summary = await user.waitForDm();
    expect(JSON.stringify(summary.blocks)).toContain('*Your plan*');

    // Asked once: the next routine does not ask again.
    await user.command('/rejected', 'Globex');
    const again = await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(JSON.stringify(again.blocks)).not.toContain('Are you searching while employed here?');
    await user.closeModal();
    await published(h, user, () => user.openHome());
    expect(JSON.stringify(user.home?.blocks)).toContain('use Rebound in a personal Slack workspace');

    // Changed on Home: the company is back in the headings (the text stays discreet).
    await published(h, user, () => user.selectOption('home', 'home_employed_here', 'no'));
    await deliverFollowUps(h);
    const checkIn = user.dm.at(-1);
    expect(JSON.stringify(checkIn?.blocks)).toContain(COMPANY);
    expect(checkIn?.text).toBe('Rebound has a check-in for you');
  });

  it('skipping the question keeps the discreet defaults and asks again next time', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await user.command('/rejected', COMPANY);
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    await user.submit(step1);
    expect(user.modal?.callback_id).toBe('routine_step_2');
    await user.closeModal();
    await user.command('/rejected', 'Globex');
    await user.waitForModal((view) => view.callback_id === 'resume_draft');
    await user.clickButton('draft_start_fresh');
    const fresh = await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(JSON.stringify(fresh.blocks)).toContain('Are you searching while employed here?');
  });
});
