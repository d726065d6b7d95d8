// The contract for what a person does after the routine: answering a delivered follow-up
// (snooze, done, stop) and adding entries to a finished rejection. Part of runStoreContract,
// so SQLite and PostgreSQL are held to it alike.

import { describe, expect, it } from 'vitest';
import type { EntryData, FollowUp, NewFollowUp } from '../../src/domain/types.js';
import { ErrorCode } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { alice, at, DAY, expectCode, MINUTE, strangers, T0 } from './contract-support.js';

export function describeFollowUpAnswers(current: () => Store): void {
  /** A complete rejection of alice with these follow-ups, all still pending. */
  async function rejectionWith(followUps: NewFollowUp[], company = 'Acme') {
    const store = current();
    const draft = await store.createDraft(alice, { company }, T0);
    return store.completeRejection(alice, draft.id, { company }, followUps, T0);
  }

  /** Claims and delivers one due follow-up, as the job does. */
  async function deliver(followUp: FollowUp | undefined, ts = '1.1'): Promise<FollowUp> {
    const store = current();
    if (!followUp) throw new Error('no follow-up to deliver');
    const claimed = await store.claimDueFollowUps(followUp.dueAt, { limit: 1, leaseMs: MINUTE, owner: 'w' });
    expect(claimed.map((one) => one.id)).toEqual([followUp.id]);
    return store.markFollowUpSent(followUp.id, 'w', { channelId: 'D1', messageTs: ts }, followUp.dueAt);
  }

  async function sentReflect(): Promise<FollowUp> {
    const { followUps } = await rejectionWith([{ kind: 'reflect', dueAt: at(DAY) }]);
    return deliver(followUps[0]);
  }

  describe('finding a follow-up', () => {
    it('finds only this user’s follow-ups', async () => {
      const sent = await sentReflect();
      expect(await current().findFollowUp(alice, sent.id)).toEqual(sent);
      expect(await current().findFollowUp(alice, 'no-such-id')).toBeNull();
      for (const [, stranger] of strangers)
        expect(await current().findFollowUp(stranger, sent.id)).toBeNull();
    });
  });

  describe('marking a delivered follow-up done', () => {
    it('closes a sent follow-up once; anything else is a conflict', async () => {
      const sent = await sentReflect();
      const done = await current().markFollowUpDone(alice, sent.id, at(2 * DAY));
      expect(done).toEqual({ ...sent, status: 'done', updatedAt: at(2 * DAY) });
      await expectCode(current().markFollowUpDone(alice, sent.id, at(3 * DAY)), ErrorCode.StoreConflict);

      const { followUps } = await rejectionWith([{ kind: 'reflect', dueAt: at(DAY) }]);
      await expectCode(
        current().markFollowUpDone(alice, followUps[0]?.id ?? '', at(DAY)),
        ErrorCode.StoreConflict,
      );
    });

    it.each(strangers)('treats the %s as missing', async (_label, stranger) => {
      const sent = await sentReflect();
      await expectCode(current().markFollowUpDone(stranger, sent.id, at(2 * DAY)), ErrorCode.StoreNotFound);
      await expectCode(current().markFollowUpDone(alice, 'no-such-id', at(2 * DAY)), ErrorCode.StoreNotFound);
      expect(await current().findFollowUp(alice, sent.id)).toEqual(sent);
    });
  });

  describe('snoozing a delivered follow-up', () => {
    it('closes it and schedules the same kind again, claimable when due', async () => {
      const { followUps } = await rejectionWith([{ kind: 'feedback_check', dueAt: at(DAY) }]);
      const sent = await deliver(followUps[0]);
      const next = await current().snoozeFollowUp(alice, sent.id, at(4 * DAY), at(2 * DAY));
      expect(next).toEqual({
        id: expect.any(String),
        rejectionId: sent.rejectionId,
        scope: alice,
        kind: 'feedback_check',
        dueAt: at(4 * DAY),
        status: 'pending',
        attempts: 0,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        sendStartedAt: null,
        retryingSince: null,
        channelId: null,
        messageTs: null,
        createdAt: at(2 * DAY),
        updatedAt: at(2 * DAY),
        sentAt: null,
      });
      expect(next.id).not.toBe(sent.id);
      expect(await current().findFollowUp(alice, sent.id)).toMatchObject({ status: 'done' });
      expect(
        await current().claimDueFollowUps(at(4 * DAY - 1), { limit: 5, leaseMs: MINUTE, owner: 'w' }),
      ).toEqual([]);
      const [due] = await current().claimDueFollowUps(at(4 * DAY), { limit: 5, leaseMs: MINUTE, owner: 'w' });
      expect(due?.id).toBe(next.id);
    });

    it('lets exactly one of two racing snoozes win', async () => {
      const sent = await sentReflect();
      const outcomes = await Promise.allSettled([
        current().snoozeFollowUp(alice, sent.id, at(3 * DAY), at(2 * DAY)),
        current().snoozeFollowUp(alice, sent.id, at(9 * DAY), at(2 * DAY)),
      ]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost[0]?.reason).toMatchObject({ code: ErrorCode.StoreConflict });
      const all = await current().listFollowUps(alice);
      expect(all.map((one) => one.status).sort()).toEqual(['done', 'pending']);
    });

    it('refuses a follow-up that is not delivered, or someone else’s, and changes nothing', async () => {
      const { followUps } = await rejectionWith([{ kind: 'reflect', dueAt: at(DAY) }]);
      const pending = followUps[0];
      await expectCode(
        current().snoozeFollowUp(alice, pending?.id ?? '', at(3 * DAY), at(2 * DAY)),
        ErrorCode.StoreConflict,
      );
      const sent = await deliver(pending);
      for (const [, stranger] of strangers) {
        await expectCode(
          current().snoozeFollowUp(stranger, sent.id, at(3 * DAY), at(2 * DAY)),
          ErrorCode.StoreNotFound,
        );
      }
      expect(await current().listFollowUps(alice)).toEqual([sent]);
    });
  });

  describe('stopping a rejection’s follow-ups', () => {
    it('cancels the pending and closes the delivered ones of that rejection only, once', async () => {
      const { followUps } = await rejectionWith([
        { kind: 'reflect', dueAt: at(DAY) },
        { kind: 'feedback_check', dueAt: at(4 * DAY) },
      ]);
      const other = await rejectionWith([{ kind: 'feedback_check', dueAt: at(4 * DAY) }], 'Globex');
      const sent = await deliver(followUps[0]);

      expect(await current().stopFollowUps(alice, sent.rejectionId, at(2 * DAY))).toBe(2);
      const stopped = await current().listFollowUps(alice, { rejectionId: sent.rejectionId });
      expect(stopped.map((one) => [one.kind, one.status, one.updatedAt])).toEqual([
        ['reflect', 'done', at(2 * DAY)],
        ['feedback_check', 'cancelled', at(2 * DAY)],
      ]);
      expect(await current().listFollowUps(alice, { rejectionId: other.rejection.id })).toEqual(
        other.followUps,
      );

      expect(await current().stopFollowUps(alice, sent.rejectionId, at(3 * DAY))).toBe(0);
      expect(await current().listFollowUps(alice, { rejectionId: sent.rejectionId })).toEqual(stopped);
      expect(await current().stopFollowUps(alice, 'no-such-id', at(3 * DAY))).toBe(0);
    });

    it.each(strangers)('changes nothing for the %s', async (_label, stranger) => {
      const { rejection, followUps } = await rejectionWith([{ kind: 'reflect', dueAt: at(DAY) }]);
      expect(await current().stopFollowUps(stranger, rejection.id, at(2 * DAY))).toBe(0);
      expect(await current().listFollowUps(alice)).toEqual(followUps);
    });

    it('leaves failed follow-ups and one being sent alone', async () => {
      const { rejection, followUps } = await rejectionWith([
        { kind: 'reflect', dueAt: at(DAY) },
        { kind: 'feedback_check', dueAt: at(2 * DAY) },
      ]);
      await current().claimDueFollowUps(at(DAY), { limit: 1, leaseMs: MINUTE, owner: 'w' });
      await current().markFollowUpFailed(followUps[0]?.id ?? '', 'w', 'user_not_found', at(DAY));
      await current().claimDueFollowUps(at(2 * DAY), { limit: 1, leaseMs: MINUTE, owner: 'w' });
      expect(await current().stopFollowUps(alice, rejection.id, at(2 * DAY))).toBe(0);
      const statuses = (await current().listFollowUps(alice)).map((one) => one.status);
      expect(statuses).toEqual(['failed', 'sending']);
    });
  });

  describe('updating a complete rejection’s answers', () => {
    it('replaces the answers and keeps the rest', async () => {
      const { rejection } = await rejectionWith([]);
      const answers = { company: 'Acme Corp', tweaks: ['referrals' as const], tweakOther: 'Zürich ☕' };
      const updated = await current().updateAnswers(alice, rejection.id, answers, at(DAY));
      expect(updated).toEqual({ ...rejection, answers, updatedAt: at(DAY) });
      expect(await current().getRejection(alice, rejection.id)).toEqual(updated);
      expect((await current().listRejections(alice))[0]).toEqual(updated);
    });

    it('refuses drafts (store_conflict) and missing or foreign rejections (store_not_found)', async () => {
      const draft = await current().createDraft(alice, { company: 'Acme' }, T0);
      await expectCode(current().updateAnswers(alice, draft.id, {}, at(DAY)), ErrorCode.StoreConflict);
      await expectCode(current().updateAnswers(alice, 'no-such-id', {}, at(DAY)), ErrorCode.StoreNotFound);
      const { rejection } = await rejectionWith([]);
      for (const [, stranger] of strangers) {
        await expectCode(
          current().updateAnswers(stranger, rejection.id, {}, at(DAY)),
          ErrorCode.StoreNotFound,
        );
      }
      expect((await current().getRejection(alice, rejection.id))?.answers).toEqual({ company: 'Acme' });
    });
  });

  describe('rejection entries', () => {
    const reflection: EntryData = {
      kind: 'reflection',
      answers: { interview: 'Slow down 🙂 & breathe <ok>', strengths: 'שלום\nline two\u0000 NUL' },
    };
    const feedback: EntryData = { kind: 'feedback', received: true, text: '"Great portfolio", more depth' };
    const silence: EntryData = { kind: 'feedback', received: false, text: null };

    it('adds entries and lists them oldest first, per rejection', async () => {
      const { rejection } = await rejectionWith([]);
      const other = await rejectionWith([], 'Globex');
      const second = await current().addEntry(alice, rejection.id, feedback, at(2 * DAY));
      const first = await current().addEntry(alice, rejection.id, reflection, at(DAY));
      await current().addEntry(alice, other.rejection.id, silence, at(DAY));
      expect(first).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        rejectionId: rejection.id,
        scope: alice,
        data: reflection,
        createdAt: at(DAY),
      });
      expect(await current().listEntries(alice, rejection.id)).toEqual([first, second]);
      expect((await current().listEntries(alice, other.rejection.id)).map((entry) => entry.data)).toEqual([
        silence,
      ]);
      expect(await current().listEntries(alice, 'no-such-id')).toEqual([]);
    });

    it('takes entries only on this user’s complete rejections', async () => {
      const draft = await current().createDraft(alice, { company: 'Acme' }, T0);
      await expectCode(current().addEntry(alice, draft.id, feedback, at(DAY)), ErrorCode.StoreConflict);
      await expectCode(current().addEntry(alice, 'no-such-id', feedback, at(DAY)), ErrorCode.StoreNotFound);
      const { rejection } = await rejectionWith([]);
      await current().addEntry(alice, rejection.id, feedback, at(DAY));
      for (const [, stranger] of strangers) {
        await expectCode(
          current().addEntry(stranger, rejection.id, feedback, at(DAY)),
          ErrorCode.StoreNotFound,
        );
        expect(await current().listEntries(stranger, rejection.id)).toEqual([]);
      }
      expect(await current().listEntries(alice, draft.id)).toEqual([]);
      expect(await current().listEntries(alice, rejection.id)).toHaveLength(1);
    });
  });
}
