// The contract for one person's data as a whole: entries across rejections (App Home),
// moving or calling off a follow-up that has not gone out, export and deletion. Part of
// runStoreContract, so SQLite and PostgreSQL are held to it alike.

import { describe, expect, it } from 'vitest';
import type { FollowUp, NewFollowUp, UserScope } from '../../src/domain/types.js';
import { ErrorCode } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { alice, at, DAY, expectCode, MINUTE, strangers, T0 } from './contract-support.js';

export function describeUserData(current: () => Store): void {
  /** A complete rejection of `scope` with these follow-ups, a reflection and a feedback entry. */
  async function fullRejection(scope: UserScope, company: string, followUps: NewFollowUp[] = [], later = 0) {
    const store = current();
    const draft = await store.createDraft(scope, { company }, T0);
    const done = await store.completeRejection(
      scope,
      draft.id,
      { company, stage: 'final_round' },
      followUps,
      T0,
    );
    await store.addEntry(
      scope,
      draft.id,
      { kind: 'reflection', answers: { interview: 'Slower' } },
      at(later + MINUTE),
    );
    await store.addEntry(
      scope,
      draft.id,
      { kind: 'feedback', received: true, text: 'Thanks' },
      at(later + 2 * MINUTE),
    );
    return done;
  }

  /** Everything of `scope` the store still has, through every read it offers. */
  async function everything(scope: UserScope) {
    const store = current();
    const data = await store.exportUserData(scope);
    return {
      ...data,
      listed: await store.listRejections(scope),
      draft: await store.findOpenDraft(scope),
      entries: await store.listUserEntries(scope),
    };
  }

  describe('a person’s entries across rejections', () => {
    it('lists them oldest first, optionally of one kind, and only this user’s', async () => {
      const acme = await fullRejection(alice, 'Acme');
      const globex = await fullRejection(alice, 'Globex', [], 10 * MINUTE);
      const store = current();
      const all = await store.listUserEntries(alice);
      expect(all.map((entry) => [entry.rejectionId, entry.data.kind])).toEqual([
        [acme.rejection.id, 'reflection'],
        [acme.rejection.id, 'feedback'],
        [globex.rejection.id, 'reflection'],
        [globex.rejection.id, 'feedback'],
      ]);
      const feedback = await store.listUserEntries(alice, { kind: 'feedback' });
      expect(feedback.map((entry) => entry.data)).toEqual([
        { kind: 'feedback', received: true, text: 'Thanks' },
        { kind: 'feedback', received: true, text: 'Thanks' },
      ]);
      for (const [, stranger] of strangers) expect(await store.listUserEntries(stranger)).toEqual([]);
    });
  });

  describe('moving or calling off a follow-up that has not gone out', () => {
    async function pending(): Promise<FollowUp> {
      const { followUps } = await fullRejection(alice, 'Acme', [{ kind: 'reflect', dueAt: at(DAY) }]);
      const [first] = followUps;
      if (!first) throw new Error('no follow-up');
      return first;
    }

    it('reschedules a pending follow-up, which is then claimed at its new time only', async () => {
      const store = current();
      const followUp = await pending();
      const moved = await store.rescheduleFollowUp(alice, followUp.id, at(3 * DAY), at(MINUTE));
      expect(moved).toEqual({ ...followUp, dueAt: at(3 * DAY), updatedAt: at(MINUTE) });
      expect(await store.claimDueFollowUps(at(DAY), { limit: 5, leaseMs: MINUTE, owner: 'w' })).toEqual([]);
      const claimed = await store.claimDueFollowUps(at(3 * DAY), { limit: 5, leaseMs: MINUTE, owner: 'w' });
      expect(claimed.map((one) => one.id)).toEqual([followUp.id]);
      // Once claimed it is on its way: too late to move or cancel.
      await expectCode(
        store.rescheduleFollowUp(alice, followUp.id, at(5 * DAY), at(3 * DAY)),
        ErrorCode.StoreConflict,
      );
      await expectCode(store.cancelFollowUp(alice, followUp.id, at(3 * DAY)), ErrorCode.StoreConflict);
    });

    it('cancels a pending follow-up once; it is never claimed', async () => {
      const store = current();
      const followUp = await pending();
      const cancelled = await store.cancelFollowUp(alice, followUp.id, at(MINUTE));
      expect(cancelled).toMatchObject({ id: followUp.id, status: 'cancelled', updatedAt: at(MINUTE) });
      await expectCode(store.cancelFollowUp(alice, followUp.id, at(MINUTE)), ErrorCode.StoreConflict);
      expect(await store.claimDueFollowUps(at(2 * DAY), { limit: 5, leaseMs: MINUTE, owner: 'w' })).toEqual(
        [],
      );
      expect(await store.listFollowUps(alice, { status: 'pending' })).toEqual([]);
      expect(await store.listFollowUps(alice, { status: 'cancelled' })).toEqual([cancelled]);
    });

    it('treats someone else’s or an unknown follow-up as missing, and changes nothing', async () => {
      const store = current();
      const followUp = await pending();
      for (const [, stranger] of strangers) {
        await expectCode(
          store.rescheduleFollowUp(stranger, followUp.id, at(DAY), T0),
          ErrorCode.StoreNotFound,
        );
        await expectCode(store.cancelFollowUp(stranger, followUp.id, T0), ErrorCode.StoreNotFound);
      }
      await expectCode(store.cancelFollowUp(alice, 'no-such-id', T0), ErrorCode.StoreNotFound);
      expect(await store.findFollowUp(alice, followUp.id)).toEqual(followUp);
    });
  });

  describe('exporting a person’s data', () => {
    it('returns rejections of every status, entries, follow-ups and the profile: theirs only', async () => {
      const store = current();
      const done = await fullRejection(alice, 'Acme', [{ kind: 'reflect', dueAt: at(DAY) }]);
      const draft = await store.createDraft(alice, { company: 'Draft Co' }, at(DAY));
      await store.saveUserProfile(alice, 'Europe/Berlin', T0);
      for (const [, stranger] of strangers)
        await fullRejection(stranger, 'Not hers', [{ kind: 'reflect', dueAt: T0 }]);

      const data = await store.exportUserData(alice);
      expect(data.rejections.map((one) => [one.id, one.status])).toEqual([
        [draft.id, 'draft'],
        [done.rejection.id, 'complete'],
      ]);
      expect(data.entries.map((entry) => entry.data.kind)).toEqual(['reflection', 'feedback']);
      expect(data.followUps).toEqual(done.followUps);
      expect(data.profile).toMatchObject({ scope: alice, tz: 'Europe/Berlin' });
      expect(JSON.stringify(data)).not.toContain('Not hers');
    });

    it('returns empty lists and no profile for someone Rebound knows nothing about', async () => {
      expect(await current().exportUserData(alice)).toEqual({
        rejections: [],
        entries: [],
        followUps: [],
        profile: null,
        settings: { showDetails: false, employedHere: null },
      });
    });
  });

  describe('deleting a person’s data', () => {
    it('removes every record of theirs, pending follow-ups included, and nobody else’s', async () => {
      const store = current();
      const done = await fullRejection(alice, 'Acme', [
        { kind: 'reflect', dueAt: at(DAY) },
        { kind: 'feedback_check', dueAt: at(2 * DAY) },
      ]);
      await store.createDraft(alice, { company: 'Draft Co' }, T0);
      const discarded = await store.createDraft(alice, { company: 'Dropped' }, T0);
      await store.discardDraft(alice, discarded.id, T0);
      await store.saveUserProfile(alice, 'Europe/Berlin', T0);
      const kept = new Map<string, Awaited<ReturnType<typeof everything>>>();
      for (const [label, stranger] of strangers) {
        await fullRejection(stranger, 'Theirs', [{ kind: 'reflect', dueAt: at(DAY) }]);
        await store.saveUserProfile(stranger, 'Asia/Tokyo', T0);
        kept.set(label, await everything(stranger));
      }

      // 3 rejections + 2 entries + 2 follow-ups + 1 profile.
      expect(await store.deleteUserData(alice)).toBe(8);

      expect(await everything(alice)).toEqual({
        rejections: [],
        entries: [],
        followUps: [],
        profile: null,
        settings: { showDetails: false, employedHere: null },
        listed: [],
        draft: null,
      });
      for (const followUp of done.followUps) expect(await store.findFollowUp(alice, followUp.id)).toBeNull();
      expect(
        await store.claimDueFollowUps(at(3 * DAY), { limit: 10, leaseMs: MINUTE, owner: 'w' }),
      ).toHaveLength(strangers.length);
      for (const [label, stranger] of strangers) {
        const before = kept.get(label);
        const after = await everything(stranger);
        expect(after.rejections).toEqual(before?.rejections);
        expect(after.entries).toEqual(before?.entries);
        expect(after.profile).toEqual(before?.profile);
      }
      // Deleting again finds nothing, and a fresh start works.
      expect(await store.deleteUserData(alice)).toBe(0);
      expect((await store.createDraft(alice, { company: 'New' }, at(DAY))).status).toBe('draft');
    });
  });
}
