// The contract for notes shared with someone: recorded only for a complete rejection of the
// person sharing, listed and found only by them, forgotten one by one or with all their data
// (and with their workspace's). Part of runStoreContract, so both engines are held to it.

import { describe, expect, it } from 'vitest';
import type { UserScope } from '../../src/domain/types.js';
import { ErrorCode } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { alice, at, DAY, expectCode, MINUTE, strangers, T0 } from './contract-support.js';

export function describeShares(current: () => Store): void {
  async function complete(scope: UserScope, company: string) {
    const store = current();
    const draft = await store.createDraft(scope, { company }, T0);
    return (await store.completeRejection(scope, draft.id, { company }, [], T0)).rejection;
  }
  const note = (recipientId: string, ts: string) => ({
    recipientId,
    parts: ['plan' as const, 'lesson' as const],
    channelId: `D${recipientId}`,
    messageTs: ts,
  });

  describe('shares', () => {
    it('records a share of a complete rejection and lists it newest first, by rejection too', async () => {
      const store = current();
      const acme = await complete(alice, 'Acme');
      const globex = await complete(alice, 'Globex');
      const first = await store.recordShare(alice, acme.id, note('U_SAM', '1.000001'), at(MINUTE));
      const second = await store.recordShare(alice, globex.id, note('U_KIM', '1.000002'), at(2 * MINUTE));
      expect(first).toEqual({
        id: expect.any(String),
        rejectionId: acme.id,
        scope: alice,
        recipientId: 'U_SAM',
        parts: ['plan', 'lesson'],
        channelId: 'DU_SAM',
        messageTs: '1.000001',
        createdAt: at(MINUTE),
      });
      expect((await store.listShares(alice)).map((share) => share.id)).toEqual([second.id, first.id]);
      expect(await store.listShares(alice, { rejectionId: acme.id })).toEqual([first]);
      expect(await store.findShare(alice, first.id)).toEqual(first);
    });

    it('refuses a draft, a missing rejection and someone else’s', async () => {
      const store = current();
      const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
      await expectCode(store.recordShare(alice, draft.id, note('U_SAM', '1.1'), T0), ErrorCode.StoreNotFound);
      await expectCode(
        store.recordShare(alice, 'missing', note('U_SAM', '1.1'), T0),
        ErrorCode.StoreNotFound,
      );
      const acme = await complete(alice, 'Acme');
      for (const [, stranger] of strangers) {
        await expectCode(
          store.recordShare(stranger, acme.id, note('U_SAM', '1.1'), T0),
          ErrorCode.StoreNotFound,
        );
      }
      expect(await store.listShares(alice)).toEqual([]);
    });

    it.each(strangers)('shows %s nothing and lets them delete nothing', async (_name, stranger) => {
      const store = current();
      const acme = await complete(alice, 'Acme');
      const share = await store.recordShare(alice, acme.id, note('U_SAM', '1.1'), T0);
      expect(await store.listShares(stranger)).toEqual([]);
      expect(await store.findShare(stranger, share.id)).toBeNull();
      expect(await store.deleteShare(stranger, share.id)).toBe(false);
      expect(await store.findShare(alice, share.id)).toEqual(share);
    });

    it('forgets one share once, and every share with the person’s data or workspace', async () => {
      const store = current();
      const acme = await complete(alice, 'Acme');
      const one = await store.recordShare(alice, acme.id, note('U_SAM', '1.1'), T0);
      await store.recordShare(alice, acme.id, note('U_KIM', '1.2'), at(MINUTE));
      expect(await store.deleteShare(alice, one.id)).toBe(true);
      expect(await store.deleteShare(alice, one.id)).toBe(false);
      expect(await store.listShares(alice)).toHaveLength(1);
      // The rejection and the remaining share: two records.
      expect(await store.deleteUserData(alice)).toBe(2);
      expect(await store.listShares(alice)).toEqual([]);

      const again = await complete(alice, 'Initech');
      await store.recordShare(alice, again.id, note('U_SAM', '1.3'), T0);
      await store.markTeamUninstalled({ teamId: alice.teamId, enterpriseId: null }, T0);
      const team = await store.claimTeamPurge(at(DAY), at(DAY), MINUTE);
      expect(team).toEqual({ teamId: alice.teamId, enterpriseId: null });
      expect(
        await store.purgeTeamBatch(team as NonNullable<typeof team>, 100, at(DAY), MINUTE),
      ).toMatchObject({
        finished: true,
      });
      expect(await store.listShares(alice)).toEqual([]);
    });
  });
}
