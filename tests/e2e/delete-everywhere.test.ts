// `/rejected delete` means gone from Slack too: the export files Rebound uploaded, Rebound's
// own DM messages (if the person asks), and a follow-up DM being posted at that very moment.
// The confirmation comes last and says what was removed and what stays.

import { describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import type { EmulatedUser, StoredMessage } from '../../emulator/index.js';
import { published } from '../support/home.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const alice = scopeOf('U1');
const harness = harnessPerTest();

const blocksOf = (message: StoredMessage | undefined) => JSON.stringify(message?.blocks ?? []);
const isConfirmation = (message: StoredMessage) => message.text === 'Rebound: your data is deleted';

/** A finished rejection whose follow-up went out, an export (two files), and a line alice wrote. */
async function aliceWithHistory(h: Harness, user: EmulatedUser) {
  await seedRejection(h.rebound.store, alice, {
    followUps: [
      { kind: 'reflect', dueAt: NOW },
      { kind: 'feedback_check', dueAt: new Date(NOW.getTime() + 2 * DAY) },
    ],
    now: new Date(NOW.getTime() - DAY),
  });
  await h.rebound.store.createDraft(alice, { company: 'Initech' }, NOW);
  expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ sent: 1 });
  await user.command('/rejected', 'export');
  await expect.poll(() => h.emu.uploadedFiles.filter((file) => file.completed).length).toBeGreaterThan(0);
  // Recorded once Slack answered the upload.
  await expect.poll(() => h.rebound.store.listUploads(alice)).toHaveLength(h.emu.uploadedFiles.length);
  return user.writeInDm('Note to self: call Sam on Friday.');
}

async function confirmDelete(user: EmulatedUser, values: Record<string, unknown> = {}) {
  await user.command('/rejected', 'delete');
  const modal = await user.waitForModal((view) => view.callback_id === 'delete_my_data');
  expect(JSON.stringify(modal.blocks)).toContain('Also remove Rebound’s messages from our DM');
  await user.submit(values as never);
  const confirmation = await user.waitForDm(isConfirmation, 20_000);
  // Home is published again last: a welcome, as for someone new.
  await expect.poll(() => JSON.stringify(user.home?.blocks ?? [])).toContain('Welcome to Rebound');
  return confirmation;
}

describe('delete removes Rebound from Slack too', () => {
  it('deletes the export files and every message Rebound sent, keeps what alice wrote, and says so', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const written = await aliceWithHistory(h, user);
    const uploads = h.emu.uploadedFiles.length;
    const sentBefore = user.dm.filter((message) => message.user === undefined).length;
    expect(sentBefore).toBeGreaterThanOrEqual(2);

    const confirmation = await confirmDelete(user);
    expect(h.emu.uploadedFiles.every((file) => file.deleted)).toBe(true);
    expect(user.dm.map((message) => message.ts)).toEqual([written.ts, confirmation.ts]);
    const report = blocksOf(confirmation);
    expect(report).toContain('1 rejection with your answers, and 1 unfinished draft');
    expect(report).toContain('1 check-in still to come: none will come now');
    expect(report).toContain(`${uploads} export file`);
    expect(report).toContain(`${sentBefore} messages Rebound had sent you`);
    expect(report).toContain('anything you wrote yourself');
    // The modal shows the same report once Slack is clean.
    await expect.poll(() => JSON.stringify(user.modal?.blocks ?? [])).toContain('What stays');
    expect(await h.rebound.store.listUploads(alice)).toEqual([]);
  });

  it('leaves Rebound’s earlier messages when alice unticks the offer, but still deletes the files', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await aliceWithHistory(h, user);
    const followUpDm = user.dm.find((message) => blocksOf(message).includes('nudge_done'));
    const confirmation = await confirmDelete(user, { delete_messages: [] });
    expect(h.emu.uploadedFiles.every((file) => file.deleted)).toBe(true);
    expect(user.dm.some((message) => message.ts === followUpDm?.ts)).toBe(true);
    expect(blocksOf(confirmation)).toContain('Rebound’s earlier messages in this DM, as you chose');
  });

  it('a follow-up being posted during the delete is removed, and nothing arrives after the confirmation', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await seedRejection(h.rebound.store, alice, { followUps: [{ kind: 'reflect', dueAt: NOW }], now: NOW });
    // Slack takes 1.5 s to post the follow-up: the delete lands in the middle of it.
    h.emu.failNext('chat.postMessage', { delayMs: 1500 });
    const tick = h.rebound.runFollowUps(NOW);
    await expect.poll(() => h.emu.peakInFlight('chat.postMessage')).toBe(1);

    const confirmation = await confirmDelete(user, { delete_messages: [] });
    expect(await tick).toMatchObject({ claimed: 1 });
    // The late follow-up went out, was found by its metadata and removed before the confirmation.
    expect(user.dm.map((message) => message.ts)).toEqual([confirmation.ts]);
    const posts = h.emu.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]?.at).toBeGreaterThan((posts[0]?.at ?? 0) + 1500);
    expect(h.emu.callsTo('chat.delete')).toHaveLength(1);

    // Later ticks find nothing of alice's to send.
    h.clock.set(new Date(NOW.getTime() + 7 * DAY));
    expect(await h.rebound.runFollowUps(new Date(NOW.getTime() + 7 * DAY))).toMatchObject({ claimed: 0 });
    expect(user.dm.map((message) => message.ts)).toEqual([confirmation.ts]);
  });

  it('Home has a Delete my data button that opens the same confirmation', async () => {
    const h = await harness.start({ now: NOW });
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await published(h, user, () => user.openHome());
    await user.clickHomeButton('home_delete_data');
    await user.waitForModal((view) => view.callback_id === 'delete_my_data');
  });
});
