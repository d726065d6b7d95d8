// The contract for Home's one read: the same records the separate reads give, one person's
// only. Part of runStoreContract, so both engines are held to it.

import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { alice, at, DAY, MINUTE, strangers, T0 } from './contract-support.js';

export function describeHomeReads(current: () => Store): void {
  describe('readHome', () => {
    it('reads what the separate reads give, for this person only', async () => {
      const store = current();
      const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
      const { rejection } = await store.completeRejection(
        alice,
        draft.id,
        { company: 'Acme', lesson: 'Ask early.' },
        [{ kind: 'reflect', dueAt: at(DAY) }],
        at(MINUTE),
      );
      await store.addEntry(
        alice,
        rejection.id,
        { kind: 'feedback', received: true, text: 'Good.' },
        at(MINUTE),
      );
      const open = await store.createDraft(alice, { company: 'Globex' }, at(2 * MINUTE));
      for (const [, stranger] of strangers) await store.createDraft(stranger, { company: 'Initech' }, T0);

      const read = await store.readHome(alice, { limit: 10 });
      expect(read.rejections).toEqual(await store.listRejections(alice, { limit: 10 }));
      expect(read.rejections.map((each) => each.answers.company)).toEqual(['Acme']);
      expect(read.draft?.id).toBe(open.id);
      expect(read.pending).toEqual(await store.listFollowUps(alice, { status: 'pending' }));
      expect(read.pending).toHaveLength(1);
      expect(read.sent).toEqual([]);
      expect(read.failed).toEqual([]);
      expect(read.feedback).toEqual(await store.listUserEntries(alice, { kind: 'feedback' }));
      expect(read.notes).toEqual(await store.listFeedbackNotes(alice));
      expect(read.settings).toEqual(await store.getPrivacySettings(alice));
    });
  });
}
