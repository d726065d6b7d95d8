// The behaviour every Store engine must have. Each engine's test file runs this one suite
// against a fresh, migrated store per test, so SQLite and PostgreSQL cannot drift apart.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUp, NewFollowUp, Rejection, RoutineAnswers, UserScope } from '../../src/domain/types.js';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { describeFeedbackNotes } from './contract-feedback-notes.js';
import { describeFollowUpAnswers } from './contract-follow-up-answers.js';
import { describeHomeReads } from './contract-home.js';
import { describeInstallations } from './contract-installations.js';
import { describePrivacy } from './contract-privacy.js';
import { describeShares } from './contract-shares.js';
import {
  alice,
  aliceInGrid,
  aliceInOtherTeam,
  at,
  bob,
  DAY,
  expectCode,
  MINUTE,
  strangers,
  T0,
} from './contract-support.js';
import { describeTeams } from './contract-teams.js';
import { describeUserData } from './contract-user-data.js';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

const aliceInOtherGrid: UserScope = { ...alice, enterpriseId: 'E_OTHER' };

/** Every answer field, with text that tends to break encodings and JSON handling. */
const richAnswers: RoutineAnswers = {
  company: 'Zürich Café ☕ "Ünïcødé" & <Co> \'quoted\'',
  role: 'مهندس برمجيات — Software Engineer',
  stage: 'final_round',
  employerContact: "Dana O'Neil",
  intermediary: 'recruiter',
  intermediaryName: '山田 太郎',
  interview: exactly3000('Long answer with emoji 🙂, RTL שלום and CJK 漢字. '),
  preparation: 'line 1\nline 2\r\n\ttabbed \\ backslash \\n not a newline',
  rapport: '👩🏽‍💻🎉 👨‍👩‍👧‍👦 🏳️‍🌈',
  strengths: 'עברית with \u200f RTL mark and \u202e override',
  dailyFit: 'unsure',
  excited: 'very',
  skillsElsewhere: 'maybe',
  // Looks exactly like the stored Date marker, but it is text and must stay text.
  fitNotes: '{"$date":"2030-01-01T00:00:00.000Z"}',
  tweaks: ['referrals', 'tailor_cv'],
  tweakOther: '',
  lesson: '   leading and trailing spaces   ',
  followUpAt: new Date('2030-03-08T09:30:00.123Z'),
};

/** Slack's longest plain-text input: 3000 UTF-16 code units, no surrogate pair cut in half. */
function exactly3000(phrase: string): string {
  const repeated = phrase.repeat(Math.floor(2990 / phrase.length));
  return repeated + '.'.repeat(3000 - repeated.length);
}

const reflectAt = (dueAt: Date): NewFollowUp => ({ kind: 'reflect', dueAt });

export function runStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    /** A complete rejection of `scope` with one `reflect` follow-up per due time. */
    async function completed(scope: UserScope, dueTimes: Date[], now = T0): Promise<FollowUp[]> {
      const draft = await store.createDraft(scope, { company: 'Acme' }, now);
      const result = await store.completeRejection(
        scope,
        draft.id,
        draft.answers,
        dueTimes.map(reflectAt),
        now,
      );
      return result.followUps;
    }

    const claim = (now: Date, owner: string, limit = 10, leaseMs = 5 * MINUTE) =>
      store.claimDueFollowUps(now, { limit, leaseMs, owner });

    describe('lifecycle', () => {
      it('names its engine, answers ping, and migrates again without effect', async () => {
        expect(['sqlite', 'postgres']).toContain(store.engine);
        const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
        await store.migrate();
        await store.migrate();
        await store.ping();
        expect(await store.getRejection(alice, draft.id)).toEqual(draft);
      });

      it('fails with store_unavailable once closed, and closing twice is harmless', async () => {
        await store.close();
        await store.close();
        await expectCode(store.ping(), ErrorCode.StoreUnavailable);
        await expectCode(store.findOpenDraft(alice), ErrorCode.StoreUnavailable);
      });
    });

    describe('drafts', () => {
      it('creates a draft at step 1 stamped with the caller’s time', async () => {
        const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
        expect(draft).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          scope: alice,
          status: 'draft',
          step: 1,
          answers: { company: 'Acme' },
          createdAt: T0,
          updatedAt: T0,
          completedAt: null,
        });
        expect(await store.getRejection(alice, draft.id)).toEqual(draft);
      });

      it('creates a draft under an id chosen before, at a later step, and only once', async () => {
        const id = '6f1c1c5e-8f0a-4d59-9a57-1f0c2b7e2a10';
        const draft = await store.createDraft(alice, { company: 'Acme', role: 'Designer' }, T0, {
          id,
          step: 2,
        });
        expect(draft).toMatchObject({ id, scope: alice, status: 'draft', step: 2, createdAt: T0 });
        expect(await store.getRejection(alice, id)).toEqual(draft);
        await expectCode(
          store.createDraft(alice, { company: 'Again' }, at(MINUTE), { id }),
          ErrorCode.StoreConflict,
        );
        await expectCode(store.createDraft(bob, {}, at(MINUTE), { id }), ErrorCode.StoreConflict);
        expect(await store.getRejection(alice, id)).toEqual(draft);
      });

      it('round-trips every answer: unicode, emoji, RTL, 3000-character text and Dates', async () => {
        expect(richAnswers.interview).toHaveLength(3000);
        const draft = await store.createDraft(alice, richAnswers, T0);
        const read = await store.getRejection(alice, draft.id);
        expect(read?.answers).toEqual(richAnswers);
        expect(read?.answers.followUpAt).toBeInstanceOf(Date);
        expect(read?.answers.followUpAt?.toISOString()).toBe('2030-03-08T09:30:00.123Z');
        expect(read?.answers.fitNotes).toBe('{"$date":"2030-01-01T00:00:00.000Z"}');
      });

      it('round-trips empty answers and text holding a NUL character', async () => {
        const empty = await store.createDraft(alice, {}, T0);
        expect((await store.getRejection(alice, empty.id))?.answers).toEqual({});
        const nul = await store.createDraft(alice, { company: 'A\u0000B', role: '' }, T0);
        expect((await store.getRejection(alice, nul.id))?.answers).toEqual({ company: 'A\u0000B', role: '' });
      });

      it('keeps millisecond precision on every timestamp', async () => {
        const now = new Date('2031-12-31T23:59:59.999Z');
        const draft = await store.createDraft(alice, {}, now);
        expect((await store.getRejection(alice, draft.id))?.createdAt.getTime()).toBe(now.getTime());
      });

      it('saves the step and replaces the answers, keeping createdAt', async () => {
        const draft = await store.createDraft(alice, { company: 'Acme', role: 'Engineer' }, T0);
        const saved = await store.saveDraft(
          alice,
          draft.id,
          3,
          { company: 'Acme Corp', interview: 'It went fine' },
          at(MINUTE),
        );
        expect(saved).toEqual({
          ...draft,
          step: 3,
          answers: { company: 'Acme Corp', interview: 'It went fine' },
          updatedAt: at(MINUTE),
        });
        expect(await store.getRejection(alice, draft.id)).toEqual(saved);
      });

      it('finds the most recently updated open draft', async () => {
        expect(await store.findOpenDraft(alice)).toBeNull();
        const first = await store.createDraft(alice, { company: 'First' }, T0);
        const second = await store.createDraft(alice, { company: 'Second' }, at(MINUTE));
        expect((await store.findOpenDraft(alice))?.id).toBe(second.id);

        await store.saveDraft(alice, first.id, 2, { company: 'First' }, at(2 * MINUTE));
        expect((await store.findOpenDraft(alice))?.id).toBe(first.id);

        await store.discardDraft(alice, first.id, at(3 * MINUTE));
        expect((await store.findOpenDraft(alice))?.id).toBe(second.id);

        await store.completeRejection(alice, second.id, second.answers, [], at(4 * MINUTE));
        expect(await store.findOpenDraft(alice)).toBeNull();
      });

      it('discards a draft', async () => {
        const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
        await store.discardDraft(alice, draft.id, at(MINUTE));
        expect(await store.getRejection(alice, draft.id)).toEqual({
          ...draft,
          status: 'discarded',
          updatedAt: at(MINUTE),
        });
      });

      it('refuses to save or discard anything that is no longer a draft (store_conflict)', async () => {
        const discarded = await store.createDraft(alice, {}, T0);
        await store.discardDraft(alice, discarded.id, T0);
        const complete = await store.createDraft(alice, {}, T0);
        await store.completeRejection(alice, complete.id, {}, [], T0);

        for (const id of [discarded.id, complete.id]) {
          await expectCode(
            store.saveDraft(alice, id, 2, { company: 'X' }, at(MINUTE)),
            ErrorCode.StoreConflict,
          );
          await expectCode(store.discardDraft(alice, id, at(MINUTE)), ErrorCode.StoreConflict);
          await expectCode(store.completeRejection(alice, id, {}, [], at(MINUTE)), ErrorCode.StoreConflict);
        }
        expect((await store.getRejection(alice, complete.id))?.updatedAt).toEqual(T0);
      });

      it('treats unknown ids as missing', async () => {
        expect(await store.getRejection(alice, 'no-such-id')).toBeNull();
        expect(await store.getRejection(alice, '00000000-0000-4000-8000-000000000000')).toBeNull();
        await expectCode(store.saveDraft(alice, 'no-such-id', 2, {}, T0), ErrorCode.StoreNotFound);
        await expectCode(store.discardDraft(alice, 'no-such-id', T0), ErrorCode.StoreNotFound);
        await expectCode(store.completeRejection(alice, 'no-such-id', {}, [], T0), ErrorCode.StoreNotFound);
      });
    });

    describe('completing a rejection', () => {
      it('completes a draft at step 4 and stores its follow-ups as pending', async () => {
        const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
        const answers = { ...richAnswers, company: 'Acme' };
        const result = await store.completeRejection(
          alice,
          draft.id,
          answers,
          [
            { kind: 'reflect', dueAt: at(7 * DAY) },
            { kind: 'feedback_check', dueAt: at(3 * DAY) },
          ],
          at(MINUTE),
        );
        const rejection: Rejection = {
          ...draft,
          status: 'complete',
          step: 4,
          answers,
          updatedAt: at(MINUTE),
          completedAt: at(MINUTE),
        };
        expect(result.rejection).toEqual(rejection);
        expect(await store.getRejection(alice, draft.id)).toEqual(rejection);

        const pending = {
          rejectionId: draft.id,
          scope: alice,
          status: 'pending',
          attempts: 0,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          sendStartedAt: null,
          retryingSince: null,
          channelId: null,
          messageTs: null,
          createdAt: at(MINUTE),
          updatedAt: at(MINUTE),
          sentAt: null,
        };
        expect(result.followUps).toEqual([
          { ...pending, id: expect.any(String), kind: 'reflect', dueAt: at(7 * DAY) },
          { ...pending, id: expect.any(String), kind: 'feedback_check', dueAt: at(3 * DAY) },
        ]);
        const [reflect, check] = result.followUps;
        expect(await store.listFollowUps(alice)).toEqual([check, reflect]);
        expect(await store.findFollowUp(alice, reflect?.id ?? '')).toEqual(reflect);
      });

      it('completes with no follow-ups at all', async () => {
        const draft = await store.createDraft(alice, {}, T0);
        const result = await store.completeRejection(alice, draft.id, { lesson: 'Ask earlier' }, [], T0);
        expect(result.followUps).toEqual([]);
        expect(result.rejection.status).toBe('complete');
      });

      it('lets exactly one of two racing completions win; the loser stores nothing', async () => {
        const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
        const outcomes = await Promise.allSettled([
          store.completeRejection(alice, draft.id, { lesson: 'A' }, [reflectAt(at(DAY))], at(MINUTE)),
          store.completeRejection(
            alice,
            draft.id,
            { lesson: 'B' },
            [reflectAt(at(2 * DAY)), reflectAt(at(3 * DAY))],
            at(MINUTE),
          ),
        ]);
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]?.reason).toBeInstanceOf(ReboundError);
        expect(lost[0]?.reason).toMatchObject({ code: ErrorCode.StoreConflict });

        const winner = won[0]?.value;
        expect(await store.getRejection(alice, draft.id)).toEqual(winner?.rejection);
        expect(await store.listFollowUps(alice)).toEqual(winner?.followUps);
      });
    });

    describe('scoping', () => {
      it.each(strangers)('hides every record of alice from the %s', async (_label, stranger) => {
        const draft = await store.createDraft(alice, { company: 'Acme' }, T0);
        const done = await store.createDraft(alice, { company: 'Done' }, T0);
        const { followUps } = await store.completeRejection(alice, done.id, {}, [reflectAt(at(DAY))], T0);
        await store.saveUserProfile(alice, 'Europe/Berlin', T0);

        expect(await store.getRejection(stranger, draft.id)).toBeNull();
        expect(await store.getRejection(stranger, done.id)).toBeNull();
        expect(await store.findOpenDraft(stranger)).toBeNull();
        expect(await store.listRejections(stranger)).toEqual([]);
        expect(await store.listFollowUps(stranger)).toEqual([]);
        expect(await store.listFollowUps(stranger, { rejectionId: done.id })).toEqual([]);
        expect(await store.getUserProfile(stranger)).toBeNull();
        await expectCode(store.saveDraft(stranger, draft.id, 2, {}, at(MINUTE)), ErrorCode.StoreNotFound);
        await expectCode(store.discardDraft(stranger, draft.id, at(MINUTE)), ErrorCode.StoreNotFound);
        await expectCode(
          store.completeRejection(stranger, draft.id, {}, [reflectAt(at(DAY))], at(MINUTE)),
          ErrorCode.StoreNotFound,
        );
        // A stranger acting on a complete record is told "missing", not "conflict".
        await expectCode(store.saveDraft(stranger, done.id, 2, {}, at(MINUTE)), ErrorCode.StoreNotFound);

        // Nothing changed for alice.
        expect(await store.getRejection(alice, draft.id)).toEqual(draft);
        expect(await store.listFollowUps(alice)).toEqual(followUps);
      });

      it('tells enterprises apart, and an enterprise from no enterprise', async () => {
        const inGrid = await store.createDraft(aliceInGrid, { company: 'Grid' }, T0);
        expect(inGrid.scope).toEqual(aliceInGrid);
        expect(await store.getRejection(aliceInGrid, inGrid.id)).toEqual(inGrid);
        expect(await store.getRejection(alice, inGrid.id)).toBeNull();
        expect(await store.getRejection(aliceInOtherGrid, inGrid.id)).toBeNull();
        expect(await store.findOpenDraft(alice)).toBeNull();
        expect(await store.findOpenDraft(aliceInOtherGrid)).toBeNull();
        expect((await store.findOpenDraft(aliceInGrid))?.id).toBe(inGrid.id);
      });
    });

    describe('listing rejections', () => {
      it('lists only complete rejections, newest first, with limit and offset', async () => {
        const ids: string[] = [];
        for (const minutes of [1, 3, 2]) {
          const draft = await store.createDraft(alice, { company: `Company ${minutes}` }, T0);
          await store.completeRejection(alice, draft.id, draft.answers, [], at(minutes * MINUTE));
          ids[minutes] = draft.id;
        }
        await store.createDraft(alice, { company: 'Still a draft' }, at(9 * MINUTE));
        const discarded = await store.createDraft(alice, {}, T0);
        await store.discardDraft(alice, discarded.id, at(9 * MINUTE));

        const all = await store.listRejections(alice);
        expect(all.map((rejection) => rejection.id)).toEqual([ids[3], ids[2], ids[1]]);
        expect(all.every((rejection) => rejection.status === 'complete')).toBe(true);
        expect(all[0]?.answers).toEqual({ company: 'Company 3' });

        expect((await store.listRejections(alice, { limit: 2 })).map((r) => r.id)).toEqual([ids[3], ids[2]]);
        expect((await store.listRejections(alice, { limit: 2, offset: 2 })).map((r) => r.id)).toEqual([
          ids[1],
        ]);
        expect(await store.listRejections(alice, { offset: 3 })).toEqual([]);
        expect(await store.listRejections(alice, { limit: 0 })).toEqual([]);
      });
    });

    describe('user profiles', () => {
      it('saves, replaces and scopes a user’s timezone', async () => {
        expect(await store.getUserProfile(alice)).toBeNull();
        const saved = await store.saveUserProfile(alice, 'Europe/Berlin', T0);
        expect(saved).toEqual({ scope: alice, tz: 'Europe/Berlin', tzFetchedAt: T0, homeOpenedAt: null });
        expect(await store.getUserProfile(alice)).toEqual(saved);

        const cleared = await store.saveUserProfile(alice, null, at(DAY));
        expect(cleared).toEqual({ scope: alice, tz: null, tzFetchedAt: at(DAY), homeOpenedAt: null });
        expect(await store.getUserProfile(alice)).toEqual(cleared);

        await store.saveUserProfile(aliceInGrid, 'Asia/Tokyo', T0);
        expect((await store.getUserProfile(aliceInGrid))?.tz).toBe('Asia/Tokyo');
        expect((await store.getUserProfile(alice))?.tz).toBeNull();
      });

      it('remembers the first Home visit, apart from the timezone and from other people', async () => {
        // A visit before any timezone: a row whose timezone is still to be asked.
        await store.noteHomeOpened(bob, T0);
        expect(await store.getUserProfile(bob)).toEqual({
          scope: bob,
          tz: null,
          tzFetchedAt: new Date(0),
          homeOpenedAt: T0,
        });
        await store.noteHomeOpened(bob, at(DAY));
        expect((await store.getUserProfile(bob))?.homeOpenedAt).toEqual(T0);

        // A timezone saved before and after a visit leaves the visit as it was.
        await store.saveUserProfile(alice, 'Europe/Berlin', T0);
        await store.noteHomeOpened(alice, at(DAY));
        await store.saveUserProfile(alice, 'Europe/Paris', at(2 * DAY));
        expect(await store.getUserProfile(alice)).toEqual({
          scope: alice,
          tz: 'Europe/Paris',
          tzFetchedAt: at(2 * DAY),
          homeOpenedAt: at(DAY),
        });
        expect(await store.getUserProfile(aliceInGrid)).toBeNull();
      });
    });

    describe('listing follow-ups', () => {
      it('lists a user’s follow-ups soonest first, optionally for one rejection', async () => {
        const [inThreeDays, inOneDay] = await completed(alice, [at(3 * DAY), at(DAY)]);
        const [inTwoDays] = await completed(alice, [at(2 * DAY)]);
        await completed(bob, [at(DAY / 2)]);

        expect(await store.listFollowUps(alice)).toEqual([inOneDay, inTwoDays, inThreeDays]);
        expect(await store.listFollowUps(alice, { rejectionId: inTwoDays?.rejectionId })).toEqual([
          inTwoDays,
        ]);
        expect(await store.listFollowUps(alice, { rejectionId: 'no-such-id' })).toEqual([]);
        expect(await store.findFollowUp(alice, 'no-such-id')).toBeNull();
      });
    });

    describe('claiming due follow-ups', () => {
      it('claims only what is due (dueAt ≤ now), oldest first, across all users', async () => {
        const [late] = await completed(alice, [at(-MINUTE)]);
        const [oldest] = await completed(bob, [at(-DAY)]);
        const [exactlyNow] = await completed(aliceInOtherTeam, [T0]);
        const [future] = await completed(alice, [at(1)]);

        const claimed = await claim(T0, 'worker-a', 10, 5 * MINUTE);
        expect(claimed.map((followUp) => followUp.id)).toEqual([oldest?.id, late?.id, exactlyNow?.id]);
        expect(claimed[0]).toEqual({
          ...oldest,
          status: 'sending',
          attempts: 1,
          leaseOwner: 'worker-a',
          leaseUntil: at(5 * MINUTE),
          updatedAt: T0,
        });
        expect(await store.findFollowUp(bob, oldest?.id ?? '')).toEqual(claimed[0]);
        expect((await store.findFollowUp(alice, future?.id ?? ''))?.status).toBe('pending');
      });

      it('claims at most `limit`, and never what another worker holds under a live lease', async () => {
        const dueTimes = [5, 1, 4, 2, 3].map((minutes) => at(-minutes * MINUTE));
        await completed(alice, dueTimes);

        const first = await claim(T0, 'worker-a', 2);
        expect(first.map((followUp) => followUp.dueAt)).toEqual([at(-5 * MINUTE), at(-4 * MINUTE)]);
        const second = await claim(T0, 'worker-b', 10);
        expect(second.map((followUp) => followUp.dueAt)).toEqual([
          at(-3 * MINUTE),
          at(-2 * MINUTE),
          at(-MINUTE),
        ]);
        expect(await claim(at(MINUTE), 'worker-c', 10)).toEqual([]);
        expect(await claim(T0, 'worker-c', 0)).toEqual([]);
      });

      it('lets another worker take over once the lease has expired (leaseUntil ≤ now)', async () => {
        const [followUp] = await completed(alice, [at(-MINUTE)]);
        const [held] = await claim(T0, 'worker-a', 10, MINUTE);
        expect(held?.leaseUntil).toEqual(at(MINUTE));

        expect(await claim(at(MINUTE - 1), 'worker-b')).toEqual([]);
        const [takenOver] = await claim(at(MINUTE), 'worker-b', 10, MINUTE);
        expect(takenOver).toMatchObject({
          id: followUp?.id,
          status: 'sending',
          leaseOwner: 'worker-b',
          leaseUntil: at(2 * MINUTE),
          attempts: 2,
        });

        // The first worker lost its lease: it may no longer finish the follow-up.
        const id = followUp?.id ?? '';
        const delivery = { channelId: 'D1', messageTs: '1.2' };
        await expectCode(
          store.markFollowUpSent(id, 'worker-a', delivery, at(MINUTE)),
          ErrorCode.StoreConflict,
        );
        await expectCode(store.markFollowUpFailed(id, 'worker-a', 'x', at(MINUTE)), ErrorCode.StoreConflict);
        await expectCode(
          store.releaseFollowUp(id, 'worker-a', at(DAY), 'x', at(MINUTE)),
          ErrorCode.StoreConflict,
        );
        expect((await store.markFollowUpSent(id, 'worker-b', delivery, at(MINUTE))).status).toBe('sent');
      });

      it('puts an expired lease in due order with pending follow-ups', async () => {
        const [stale] = await completed(alice, [at(-10 * MINUTE)]);
        await claim(at(-5 * MINUTE), 'worker-a', 10, MINUTE);
        const [fresh] = await completed(bob, [at(-MINUTE)]);

        expect((await claim(T0, 'worker-b', 1)).map((followUp) => followUp.id)).toEqual([stale?.id]);
        expect((await claim(T0, 'worker-b', 1)).map((followUp) => followUp.id)).toEqual([fresh?.id]);
      });

      it('never hands one follow-up to two concurrent claimers', async () => {
        await completed(
          alice,
          Array.from({ length: 15 }, (_, index) => at(-index * MINUTE)),
        );
        await completed(
          bob,
          Array.from({ length: 15 }, (_, index) => at(-index * MINUTE - 1)),
        );
        const [a, b] = await Promise.all([claim(T0, 'worker-a', 20), claim(T0, 'worker-b', 20)]);
        const ids = [...(a ?? []), ...(b ?? [])].map((followUp) => followUp.id);
        expect(ids).toHaveLength(30);
        expect(new Set(ids).size).toBe(30);
        expect(a?.every((followUp) => followUp.leaseOwner === 'worker-a')).toBe(true);
        expect(b?.every((followUp) => followUp.leaseOwner === 'worker-b')).toBe(true);
      });
    });

    describeFollowUpAnswers(() => store);
    describeFeedbackNotes(() => store);
    describeInstallations(() => store);
    describeUserData(() => store);
    describePrivacy(() => store);
    describeTeams(() => store);
    describeShares(() => store);
    describeHomeReads(() => store);

    describe('finishing a claimed follow-up', () => {
      async function claimedOne(): Promise<FollowUp> {
        await completed(alice, [at(-MINUTE)]);
        const [followUp] = await claim(T0, 'worker-a');
        if (!followUp) throw new Error('nothing claimed');
        return followUp;
      }

      it('marks it sent with where the DM landed; it is never claimed again', async () => {
        const followUp = await claimedOne();
        const sent = await store.markFollowUpSent(
          followUp.id,
          'worker-a',
          { channelId: 'D123', messageTs: '1712345678.000100' },
          at(1000),
        );
        expect(sent).toEqual({
          ...followUp,
          status: 'sent',
          leaseOwner: null,
          leaseUntil: null,
          channelId: 'D123',
          messageTs: '1712345678.000100',
          updatedAt: at(1000),
          sentAt: at(1000),
        });
        expect(await store.findFollowUp(followUp.scope, followUp.id)).toEqual(sent);
        expect(await claim(at(30 * DAY), 'worker-b')).toEqual([]);
        await expectCode(
          store.markFollowUpSent(followUp.id, 'worker-a', { channelId: 'D123', messageTs: '1' }, at(2000)),
          ErrorCode.StoreConflict,
        );
      });

      it('marks it failed for good, keeping the error code', async () => {
        const followUp = await claimedOne();
        const failed = await store.markFollowUpFailed(followUp.id, 'worker-a', 'user_not_found', at(1000));
        expect(failed).toEqual({
          ...followUp,
          status: 'failed',
          leaseOwner: null,
          leaseUntil: null,
          lastError: 'user_not_found',
          updatedAt: at(1000),
        });
        expect(await claim(at(30 * DAY), 'worker-b')).toEqual([]);
      });

      it('releases it for a retry at retryAt, then claims it again with attempts counted', async () => {
        const followUp = await claimedOne();
        const released = await store.releaseFollowUp(
          followUp.id,
          'worker-a',
          at(10 * MINUTE),
          'ratelimited',
          at(1000),
          { rateLimited: true },
        );
        // A rate limit is not a failure: the give-up clock does not start.
        expect(released).toEqual({
          ...followUp,
          status: 'pending',
          dueAt: at(10 * MINUTE),
          leaseOwner: null,
          leaseUntil: null,
          lastError: 'ratelimited',
          updatedAt: at(1000),
        });
        expect(await claim(at(10 * MINUTE - 1), 'worker-b')).toEqual([]);
        const [again] = await claim(at(10 * MINUTE), 'worker-b');
        expect(again).toMatchObject({
          id: followUp.id,
          attempts: 2,
          leaseOwner: 'worker-b',
          lastError: 'ratelimited',
        });
      });

      it('starts the give-up clock at the first failure, and keeps that time on later ones', async () => {
        const followUp = await claimedOne();
        await store.releaseFollowUp(followUp.id, 'worker-a', at(MINUTE), 'http_503', at(1000));
        const [again] = await claim(at(MINUTE), 'worker-a');
        const later = await store.releaseFollowUp(
          again?.id ?? '',
          'worker-a',
          at(DAY),
          'http_503',
          at(2 * MINUTE),
        );
        expect(later).toMatchObject({ status: 'pending', retryingSince: at(1000), lastError: 'http_503' });
      });

      it('extends a live lease before each Slack call, and records the first post attempt once', async () => {
        const followUp = await claimedOne();
        const looked = await store.extendFollowUpLease(followUp.id, 'worker-a', at(MINUTE), 5 * MINUTE);
        expect(looked).toMatchObject({ leaseUntil: at(6 * MINUTE), sendStartedAt: null });
        const posting = await store.extendFollowUpLease(followUp.id, 'worker-a', at(2 * MINUTE), 5 * MINUTE, {
          sending: true,
        });
        expect(posting).toMatchObject({ leaseUntil: at(7 * MINUTE), sendStartedAt: at(2 * MINUTE) });
        const again = await store.extendFollowUpLease(followUp.id, 'worker-a', at(3 * MINUTE), 5 * MINUTE, {
          sending: true,
        });
        expect(again).toMatchObject({ leaseUntil: at(8 * MINUTE), sendStartedAt: at(2 * MINUTE) });
        // Another worker cannot extend it, and cannot claim it while it is held.
        await expectCode(
          store.extendFollowUpLease(followUp.id, 'worker-b', at(3 * MINUTE), 5 * MINUTE),
          ErrorCode.StoreConflict,
        );
        expect(await claim(at(7 * MINUTE), 'worker-b')).toEqual([]);
      });

      it('refuses to extend a lease that ran out, even if nobody took it over yet', async () => {
        const followUp = await claimedOne();
        const expiry = followUp.leaseUntil ?? T0;
        await expectCode(
          store.extendFollowUpLease(followUp.id, 'worker-a', expiry, 5 * MINUTE, { sending: true }),
          ErrorCode.StoreConflict,
        );
        // Taken over, the new holder may extend; the old one still may not.
        const [takenOver] = await claim(expiry, 'worker-b');
        expect(takenOver?.sendStartedAt).toBeNull();
        await expect(
          store.extendFollowUpLease(followUp.id, 'worker-b', expiry, 5 * MINUTE),
        ).resolves.toMatchObject({ leaseOwner: 'worker-b' });
        await expectCode(
          store.extendFollowUpLease(followUp.id, 'worker-a', expiry, 5 * MINUTE),
          ErrorCode.StoreConflict,
        );
      });

      it('lets the holder finish after its lease ran out if nobody took over', async () => {
        const followUp = await claimedOne();
        const late = at(DAY);
        const sent = await store.markFollowUpSent(
          followUp.id,
          'worker-a',
          { channelId: 'D1', messageTs: '1.1' },
          late,
        );
        expect(sent.status).toBe('sent');
      });

      it('requires the lease owner (store_conflict) and an existing follow-up (store_not_found)', async () => {
        const followUp = await claimedOne();
        const [pending] = await completed(bob, [at(DAY)]);
        const delivery = { channelId: 'D1', messageTs: '1.1' };
        for (const [id, owner] of [
          [followUp.id, 'worker-b'],
          [pending?.id ?? '', 'worker-a'],
        ] as const) {
          await expectCode(store.markFollowUpSent(id, owner, delivery, T0), ErrorCode.StoreConflict);
          await expectCode(store.markFollowUpFailed(id, owner, 'x', T0), ErrorCode.StoreConflict);
          await expectCode(store.releaseFollowUp(id, owner, at(DAY), 'x', T0), ErrorCode.StoreConflict);
        }
        await expectCode(
          store.markFollowUpSent('no-such-id', 'worker-a', delivery, T0),
          ErrorCode.StoreNotFound,
        );
        await expectCode(
          store.markFollowUpFailed('no-such-id', 'worker-a', 'x', T0),
          ErrorCode.StoreNotFound,
        );
        await expectCode(
          store.releaseFollowUp('no-such-id', 'worker-a', T0, 'x', T0),
          ErrorCode.StoreNotFound,
        );
        expect(await store.findFollowUp(followUp.scope, followUp.id)).toEqual(followUp);
      });
    });
  });
}
