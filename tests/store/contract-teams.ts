// The contract for whole workspaces (stopping their follow-ups, purging them after uninstall)
// and for recording event deliveries once. Part of runStoreContract, for both engines.

import { describe, expect, it } from 'vitest';
import type { NewFollowUp, TeamScope, UserScope } from '../../src/domain/types.js';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { alice, aliceInGrid, aliceInOtherTeam, at, bob, DAY, MINUTE, T0 } from './contract-support.js';

const acme: TeamScope = { teamId: 'T_ACME', enterpriseId: null };
/** Same user ids, other workspaces: never touched by what happens to T_ACME. */
const aliceElsewhere: UserScope = aliceInOtherTeam;
const aliceInGridTeam2: UserScope = { teamId: 'T_GRID2', enterpriseId: 'E_GRID', userId: 'U_ALICE' };

/** What the retention job does: claim each due team, delete it in small batches; returns how many finished. */
async function purgeDue(store: Store, before: Date, now = before): Promise<number> {
  let finished = 0;
  for (
    let team = await store.claimTeamPurge(before, now, MINUTE);
    team;
    team = await store.claimTeamPurge(before, now, MINUTE)
  ) {
    for (;;) {
      const batch = await store.purgeTeamBatch(team, 3, now, MINUTE);
      if (batch.finished) finished += 1;
      if (batch.finished || batch.reinstalled) break;
    }
  }
  return finished;
}

export function describeTeams(current: () => Store): void {
  async function rejectionWith(scope: UserScope, followUps: NewFollowUp[], now = T0) {
    const store = current();
    const draft = await store.createDraft(scope, { company: 'Acme' }, now);
    const done = await store.completeRejection(scope, draft.id, { company: 'Acme' }, followUps, now);
    await store.addEntry(scope, draft.id, { kind: 'feedback', received: false, text: null }, now);
    await store.saveUserProfile(scope, 'Europe/Berlin', now);
    return done;
  }

  const statuses = async (scope: UserScope) =>
    (await current().listFollowUps(scope)).map((followUp) => followUp.status);

  describe('stopping a workspace’s follow-ups', () => {
    it('cancels every pending follow-up of that workspace only, once', async () => {
      const store = current();
      const due = [{ kind: 'reflect', dueAt: at(DAY) } as const];
      const sent = await rejectionWith(alice, [{ kind: 'reflect', dueAt: T0 }]);
      await store.claimDueFollowUps(T0, { limit: 1, leaseMs: MINUTE, owner: 'w' });
      await store.markFollowUpSent(
        sent.followUps[0]?.id ?? '',
        'w',
        { channelId: 'D1', messageTs: '1.1' },
        T0,
      );
      await rejectionWith(alice, due);
      await rejectionWith(bob, due);
      await rejectionWith(aliceElsewhere, due);
      await rejectionWith(aliceInGrid, due);

      expect(await store.stopTeamFollowUps(acme, at(MINUTE))).toBe(2);
      expect(await statuses(alice)).toEqual(['sent', 'cancelled']);
      expect(await statuses(bob)).toEqual(['cancelled']);
      expect(await statuses(aliceElsewhere)).toEqual(['pending']);
      expect(await statuses(aliceInGrid)).toEqual(['pending']);
      expect(await store.stopTeamFollowUps(acme, at(MINUTE))).toBe(0);
    });

    it('stops a whole Grid org for an org-wide install, and one Grid workspace for its own', async () => {
      const store = current();
      const due = [{ kind: 'reflect', dueAt: at(DAY) } as const];
      await rejectionWith(aliceInGrid, due);
      await rejectionWith(aliceInGridTeam2, due);
      await rejectionWith(alice, due);

      expect(await store.stopTeamFollowUps({ teamId: 'T_GRID2', enterpriseId: 'E_GRID' }, T0)).toBe(1);
      expect(await statuses(aliceInGrid)).toEqual(['pending']);
      expect(await store.stopTeamFollowUps({ teamId: null, enterpriseId: 'E_GRID' }, T0)).toBe(1);
      expect(await statuses(aliceInGrid)).toEqual(['cancelled']);
      expect(await statuses(alice)).toEqual(['pending']);
    });

    it('refuses a team scope that names nothing', async () => {
      const error = await current()
        .stopTeamFollowUps({ teamId: null, enterpriseId: null }, T0)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ReboundError);
      expect((error as ReboundError).code).toBe(ErrorCode.InvalidPayload);
    });
  });

  describe('purging uninstalled workspaces', () => {
    it('deletes a workspace’s data once its uninstall is older than the cut-off, and nothing else', async () => {
      const store = current();
      await rejectionWith(alice, [{ kind: 'reflect', dueAt: at(DAY) }]);
      await rejectionWith(bob, []);
      await store.createDraft(alice, { company: 'Draft' }, T0);
      await rejectionWith(aliceElsewhere, [{ kind: 'reflect', dueAt: at(DAY) }]);
      await rejectionWith(aliceInGrid, []);

      await store.markTeamUninstalled(acme, T0);
      // A repeated uninstall event keeps the first time.
      await store.markTeamUninstalled(acme, at(20 * DAY));
      expect(await purgeDue(store, at(-MINUTE))).toBe(0);
      expect((await store.exportUserData(alice)).rejections).toHaveLength(2);

      expect(await purgeDue(store, T0)).toBe(1);
      for (const scope of [alice, bob]) {
        expect(await store.exportUserData(scope)).toEqual({
          rejections: [],
          entries: [],
          followUps: [],
          feedbackNotes: [],
          profile: null,
          settings: { showDetails: false, employedHere: null },
        });
      }
      for (const scope of [aliceElsewhere, aliceInGrid]) {
        const kept = await store.exportUserData(scope);
        expect(kept.rejections).toHaveLength(1);
        expect(kept.entries).toHaveLength(1);
        expect(kept.profile).not.toBeNull();
      }
      // The mark went with the data.
      expect(await purgeDue(store, at(365 * DAY))).toBe(0);
    });

    it('keeps the data of a workspace that installed again before the cut-off', async () => {
      const store = current();
      await rejectionWith(alice, []);
      await store.markTeamUninstalled(acme, T0);
      expect(await store.clearTeamUninstalled(acme)).toBe(true);
      expect(await store.clearTeamUninstalled(acme)).toBe(false);
      expect(await purgeDue(store, at(365 * DAY))).toBe(0);
      expect((await store.exportUserData(alice)).rejections).toHaveLength(1);
    });

    it('deletes in batches of at most the limit, children first, the mark last', async () => {
      const store = current();
      for (let i = 0; i < 3; i += 1) await rejectionWith(alice, [{ kind: 'reflect', dueAt: at(DAY) }]);
      await rejectionWith(bob, []);
      await store.markTeamUninstalled(acme, T0);
      const team = await store.claimTeamPurge(T0, T0, MINUTE);
      expect(team).toEqual(acme);
      const batches = [];
      for (;;) {
        const batch = await store.purgeTeamBatch(acme, 4, T0, MINUTE);
        batches.push(batch);
        if (batch.finished) break;
      }
      // 4 rejections, 4 entries, 3 follow-ups, 2 profiles: 13 records.
      expect(batches.map((batch) => batch.deleted)).toEqual([4, 4, 4, 1]);
      expect(batches.at(-1)).toEqual({ deleted: 1, finished: true, reinstalled: false });
      expect(await store.claimTeamPurge(at(365 * DAY), at(365 * DAY), MINUTE)).toBeNull();
    });

    it('lets one purger claim a team at a time, until its claim lapses', async () => {
      const store = current();
      await store.markTeamUninstalled(acme, T0);
      await store.markTeamUninstalled({ teamId: 'T_OTHER', enterpriseId: null }, at(MINUTE));
      const claims = await Promise.all([
        store.claimTeamPurge(at(DAY), at(DAY), MINUTE),
        store.claimTeamPurge(at(DAY), at(DAY), MINUTE),
      ]);
      // The longest uninstalled first; the other purger takes the next one.
      expect(claims).toEqual(expect.arrayContaining([acme, { teamId: 'T_OTHER', enterpriseId: null }]));
      expect(await store.claimTeamPurge(at(DAY), at(DAY), MINUTE)).toBeNull();
      // A purger that died: its claims lapse and another takes over.
      expect(await store.claimTeamPurge(at(DAY), at(DAY + MINUTE), MINUTE)).toEqual(acme);
      // Each batch renews the claim.
      await store.purgeTeamBatch(acme, 1, at(DAY + MINUTE), 10 * MINUTE);
      expect(await store.claimTeamPurge(at(DAY), at(DAY + 5 * MINUTE), MINUTE)).toEqual({
        teamId: 'T_OTHER',
        enterpriseId: null,
      });
      expect(await store.claimTeamPurge(at(DAY), at(DAY + 5 * MINUTE), MINUTE)).toBeNull();
    });

    it('stops a purge at the next batch once the workspace installs again, keeping the rest', async () => {
      const store = current();
      for (let i = 0; i < 3; i += 1) await rejectionWith(alice, []);
      await store.markTeamUninstalled(acme, T0);
      expect(await store.claimTeamPurge(T0, T0, MINUTE)).toEqual(acme);
      expect(await store.purgeTeamBatch(acme, 2, T0, MINUTE)).toEqual({
        deleted: 2,
        finished: false,
        reinstalled: false,
      });
      expect(await store.clearTeamUninstalled(acme)).toBe(true);
      await rejectionWith(alice, [], at(MINUTE));
      expect(await store.purgeTeamBatch(acme, 2, at(MINUTE), MINUTE)).toEqual({
        deleted: 0,
        finished: false,
        reinstalled: true,
      });
      const kept = await store.exportUserData(alice);
      expect(kept.rejections).toHaveLength(4);
      expect(kept.entries).toHaveLength(2);
      expect(kept.profile).not.toBeNull();
    });

    it('purges an org-wide install across its workspaces', async () => {
      const store = current();
      await rejectionWith(aliceInGrid, []);
      await rejectionWith(aliceInGridTeam2, []);
      await rejectionWith(alice, []);
      await store.markTeamUninstalled({ teamId: null, enterpriseId: 'E_GRID' }, T0);
      expect(await purgeDue(store, T0)).toBe(1);
      expect((await store.exportUserData(aliceInGrid)).rejections).toEqual([]);
      expect((await store.exportUserData(aliceInGridTeam2)).rejections).toEqual([]);
      expect((await store.exportUserData(alice)).rejections).toHaveLength(1);
    });
  });

  describe('recording event deliveries', () => {
    it('says yes to an event id once, and again only after it was purged', async () => {
      const store = current();
      expect(await store.recordEventOnce('Ev1', T0)).toBe(true);
      expect(await store.recordEventOnce('Ev1', at(MINUTE))).toBe(false);
      expect(await store.recordEventOnce('Ev2', at(DAY))).toBe(true);
      expect(await store.purgeRecordedEvents(at(DAY))).toBe(1);
      expect(await store.recordEventOnce('Ev2', at(DAY))).toBe(false);
      expect(await store.recordEventOnce('Ev1', at(DAY))).toBe(true);
    });

    it('forgets one event id on request (its handling failed), so its retry is let through', async () => {
      const store = current();
      expect(await store.recordEventOnce('Ev1', T0)).toBe(true);
      expect(await store.recordEventOnce('Ev2', T0)).toBe(true);
      expect(await store.forgetEvent('Ev1')).toBe(true);
      expect(await store.forgetEvent('Ev1')).toBe(false);
      expect(await store.recordEventOnce('Ev1', at(MINUTE))).toBe(true);
      expect(await store.recordEventOnce('Ev2', at(MINUTE))).toBe(false);
    });

    it('lets exactly one of many concurrent deliveries through', async () => {
      const store = current();
      const results = await Promise.all(Array.from({ length: 8 }, () => store.recordEventOnce('EvRace', T0)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
