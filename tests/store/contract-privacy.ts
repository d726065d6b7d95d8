// The contract for privacy: a person's settings, the files Rebound uploaded for them, drafts
// that do not linger, and a delete that says what went. Part of runStoreContract, so SQLite
// and PostgreSQL (plain and sealed) are held to it alike.

import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { alice, at, DAY, expectCode, MINUTE, strangers, T0 } from './contract-support.js';

export function describePrivacy(current: () => Store): void {
  describe('privacy settings', () => {
    it('are discreet and unasked until changed, then keep each choice apart', async () => {
      const store = current();
      expect(await store.getPrivacySettings(alice)).toEqual({ showDetails: false, employedHere: null });
      expect(await store.savePrivacySettings(alice, { employedHere: true }, T0)).toEqual({
        showDetails: false,
        employedHere: true,
      });
      await store.savePrivacySettings(alice, { showDetails: true }, at(MINUTE));
      expect(await store.getPrivacySettings(alice)).toEqual({ showDetails: true, employedHere: true });
      await store.savePrivacySettings(alice, { employedHere: false }, at(2 * MINUTE));
      expect(await store.getPrivacySettings(alice)).toEqual({ showDetails: true, employedHere: false });
      for (const [, stranger] of strangers) {
        expect(await store.getPrivacySettings(stranger)).toEqual({ showDetails: false, employedHere: null });
      }
      expect((await store.exportUserData(alice)).settings).toEqual({
        showDetails: true,
        employedHere: false,
      });
    });
  });

  describe('uploads', () => {
    it('are listed for their person only, oldest first, once each', async () => {
      const store = current();
      await store.recordUpload(alice, 'F2', at(MINUTE));
      await store.recordUpload(alice, 'F1', T0);
      await store.recordUpload(alice, 'F1', at(2 * MINUTE));
      expect(await store.listUploads(alice)).toEqual(['F1', 'F2']);
      for (const [, stranger] of strangers) expect(await store.listUploads(stranger)).toEqual([]);
    });
  });

  describe('drafts that do not linger', () => {
    it('deleteDraft removes a draft, and refuses a finished rejection or someone else’s', async () => {
      const store = current();
      const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
      for (const [, stranger] of strangers)
        await expectCode(store.deleteDraft(stranger, draft.id), ErrorCode.StoreNotFound);
      await store.deleteDraft(alice, draft.id);
      expect(await store.getRejection(alice, draft.id)).toBeNull();
      await expectCode(store.deleteDraft(alice, draft.id), ErrorCode.StoreNotFound);
      const other = await store.createDraft(alice, {}, T0);
      await store.completeRejection(alice, other.id, { company: 'Globex' }, [], T0);
      await expectCode(store.deleteDraft(alice, other.id), ErrorCode.StoreConflict);
    });

    it('purgeStaleDrafts deletes drafts untouched since the cutoff, everyone’s, and nothing finished', async () => {
      const store = current();
      const stale = await store.createDraft(alice, { company: 'Old' }, T0);
      const setAside = await store.createDraft(alice, { company: 'Aside' }, T0);
      await store.discardDraft(alice, setAside.id, T0);
      const touched = await store.createDraft(alice, { company: 'Touched' }, T0);
      await store.saveDraft(alice, touched.id, 2, { company: 'Touched' }, at(20 * DAY));
      const [, strangerScope] = strangers[0] ?? [];
      const theirs = await store.createDraft(strangerScope ?? alice, {}, T0);
      const done = await store.createDraft(alice, {}, T0);
      await store.completeRejection(alice, done.id, { company: 'Done' }, [], T0);

      expect(await store.purgeStaleDrafts(at(10 * DAY))).toBe(3);
      expect(await store.getRejection(alice, stale.id)).toBeNull();
      expect(await store.getRejection(strangerScope ?? alice, theirs.id)).toBeNull();
      expect((await store.getRejection(alice, touched.id))?.status).toBe('draft');
      expect((await store.getRejection(alice, done.id))?.status).toBe('complete');
      expect(await store.purgeStaleDrafts(at(10 * DAY))).toBe(0);
    });
  });

  describe('deleteUserRecords', () => {
    it('deletes everything of the person and says what went: counts, sending follow-ups, uploads', async () => {
      const store = current();
      const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
      const { followUps } = await store.completeRejection(
        alice,
        draft.id,
        { company: 'Acme' },
        [
          { kind: 'reflect', dueAt: T0 },
          { kind: 'feedback_check', dueAt: at(DAY) },
        ],
        T0,
      );
      await store.addEntry(alice, draft.id, { kind: 'feedback', received: true, text: 'Thanks' }, T0);
      await store.createDraft(alice, { company: 'Initech' }, T0);
      await store.recordUpload(alice, 'F1', T0);
      await store.savePrivacySettings(alice, { showDetails: true }, T0);
      const [claimed] = await store.claimDueFollowUps(T0, { limit: 10, leaseMs: MINUTE, owner: 'w1' });
      const [, stranger] = strangers[1] ?? [];
      await store.recordUpload(stranger ?? alice, 'F_THEIRS', T0);

      const records = await store.deleteUserRecords(alice);
      expect(records).toMatchObject({
        rejections: 1,
        drafts: 1,
        entries: 1,
        upcomingFollowUps: 1,
        sendingFollowUpIds: [claimed?.id],
        uploadIds: ['F1'],
      });
      expect(records.total).toBe(1 + 1 + 1 + 2 + 1 + 1);
      expect(followUps.map((followUp) => followUp.id)).toContain(claimed?.id);
      expect(await store.getPrivacySettings(alice)).toEqual({ showDetails: false, employedHere: null });
      expect(await store.listUploads(alice)).toEqual([]);
      expect(await store.listUploads(stranger ?? alice)).toEqual(['F_THEIRS']);
      expect(await store.deleteUserRecords(alice)).toMatchObject({
        total: 0,
        sendingFollowUpIds: [],
        uploadIds: [],
      });
    });
  });
}
