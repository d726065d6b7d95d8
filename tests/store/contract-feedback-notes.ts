// The contract for the feedback notes: one per audience, "Mark as sent" recorded once with the
// "did you hear back?" check in the same transaction, "I didn't send it" undoing it, and the
// answers that close a follow-up and store what comes next. Part of runStoreContract.

import { describe, expect, it } from 'vitest';
import type { FollowUp, NewFollowUp } from '../../src/domain/types.js';
import { ErrorCode } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { alice, at, DAY, expectCode, MINUTE, strangers, T0 } from './contract-support.js';

export function describeFeedbackNotes(current: () => Store): void {
  async function complete(followUps: NewFollowUp[] = []) {
    const store = current();
    const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
    return store.completeRejection(alice, draft.id, { company: 'Acme' }, followUps, T0);
  }

  const check = (offset: number): NewFollowUp => ({ kind: 'feedback_check', dueAt: at(offset) });

  describe('feedback notes', () => {
    it('keeps one note per audience, employer first, and saving again changes nothing', async () => {
      const { rejection } = await complete();
      const notes = await current().saveFeedbackNotes(
        alice,
        rejection.id,
        ['recruiter', 'employer'],
        at(MINUTE),
      );
      expect(notes.map((note) => [note.audience, note.sentAt, note.rejectionId])).toEqual([
        ['employer', null, rejection.id],
        ['recruiter', null, rejection.id],
      ]);
      expect(await current().saveFeedbackNotes(alice, rejection.id, ['employer'], at(DAY))).toEqual(notes);
      expect(await current().listFeedbackNotes(alice)).toEqual(notes);
      expect(await current().listFeedbackNotes(alice, { rejectionId: 'other' })).toEqual([]);
    });

    it('saves notes only for a complete rejection of this scope', async () => {
      const draft = await current().createDraft(alice, {}, T0);
      expect(await current().saveFeedbackNotes(alice, draft.id, ['employer'], T0)).toEqual([]);
      const { rejection } = await complete();
      for (const [, stranger] of strangers) {
        expect(await current().saveFeedbackNotes(stranger, rejection.id, ['employer'], T0)).toEqual([]);
      }
      expect(await current().listFeedbackNotes(alice, { rejectionId: rejection.id })).toEqual([]);
    });

    it('marks a note sent once, scheduling one check for the rejection however many notes are sent', async () => {
      const { rejection } = await complete();
      const [employer, recruiter] = await current().saveFeedbackNotes(
        alice,
        rejection.id,
        ['employer', 'recruiter'],
        T0,
      );
      const first = await current().markFeedbackNoteSent(
        alice,
        employer?.id ?? '',
        check(5 * DAY),
        at(MINUTE),
      );
      expect(first.note.sentAt).toEqual(at(MINUTE));
      expect(first.followUp).toMatchObject({ kind: 'feedback_check', status: 'pending', dueAt: at(5 * DAY) });
      await expectCode(
        current().markFeedbackNoteSent(alice, employer?.id ?? '', check(6 * DAY), at(2 * MINUTE)),
        ErrorCode.StoreConflict,
      );
      const second = await current().markFeedbackNoteSent(
        alice,
        recruiter?.id ?? '',
        check(6 * DAY),
        at(DAY),
      );
      expect(second.followUp).toBeNull();
      const followUps = await current().listFollowUps(alice, { rejectionId: rejection.id });
      expect(followUps.map((one: FollowUp) => one.kind)).toEqual(['feedback_check']);
      expect((await current().listFeedbackNotes(alice)).map((note) => note.sentAt)).toEqual([
        at(MINUTE),
        at(DAY),
      ]);
    });

    it.each(strangers)('treats the %s as missing', async (_label, stranger) => {
      const { rejection } = await complete();
      const [note] = await current().saveFeedbackNotes(alice, rejection.id, ['employer'], T0);
      expect(await current().findFeedbackNote(stranger, note?.id ?? '')).toBeNull();
      await expectCode(
        current().markFeedbackNoteSent(stranger, note?.id ?? '', check(DAY), T0),
        ErrorCode.StoreNotFound,
      );
      expect(await current().unmarkFeedbackNotesSent(stranger, rejection.id)).toBe(0);
      expect(await current().listFeedbackNotes(stranger)).toEqual([]);
    });

    it('"I didn\'t send it" makes the notes drafts again, so they can be marked sent anew', async () => {
      const { rejection } = await complete();
      const [note] = await current().saveFeedbackNotes(alice, rejection.id, ['employer'], T0);
      await current().markFeedbackNoteSent(alice, note?.id ?? '', check(DAY), T0);
      expect(await current().unmarkFeedbackNotesSent(alice, rejection.id)).toBe(1);
      expect(await current().unmarkFeedbackNotesSent(alice, rejection.id)).toBe(0);
      expect((await current().findFeedbackNote(alice, note?.id ?? ''))?.sentAt).toBeNull();
    });

    it('goes with the rest on delete and appears in the export', async () => {
      const { rejection } = await complete();
      const notes = await current().saveFeedbackNotes(alice, rejection.id, ['employer'], T0);
      expect((await current().exportUserData(alice)).feedbackNotes).toEqual(notes);
      await current().deleteUserData(alice);
      expect(await current().listFeedbackNotes(alice)).toEqual([]);
    });
  });

  describe('answering a follow-up with what comes next', () => {
    it('closes a sent follow-up and stores the next ones together; a second answer is a conflict', async () => {
      const { followUps } = await complete([check(DAY)]);
      const [due] = followUps;
      if (!due) throw new Error('no follow-up');
      await current().claimDueFollowUps(due.dueAt, { limit: 1, leaseMs: MINUTE, owner: 'w' });
      await current().markFollowUpSent(due.id, 'w', { channelId: 'D1', messageTs: '1.1' }, due.dueAt);
      const next: NewFollowUp[] = [{ kind: 'feedback_recheck', dueAt: at(8 * DAY) }];
      const answered = await current().answerFollowUp(alice, due.id, next, at(2 * DAY));
      expect(answered.done.status).toBe('done');
      expect(answered.next).toEqual([
        expect.objectContaining({ kind: 'feedback_recheck', status: 'pending', dueAt: at(8 * DAY) }),
      ]);
      await expectCode(current().answerFollowUp(alice, due.id, next, at(3 * DAY)), ErrorCode.StoreConflict);
      expect((await current().listFollowUps(alice)).map((one) => one.status)).toEqual(['done', 'pending']);
    });
  });
}
