// The Store, once, for both engines: each method runs its shared operation on the engine's
// driver. Only completing a rejection, snoozing a follow-up and migrating need a transaction;
// every other method is a single conditional statement (plus a read to tell "missing" from
// "conflict").

import type { PrivacySettings } from '../domain/notification-text.js';
import type {
  EntryData,
  FeedbackNote,
  FollowUp,
  FollowUpKind,
  FollowUpStatus,
  NewFollowUp,
  Rejection,
  RejectionEntry,
  RoutineAnswers,
  Share,
  StepNumber,
  TeamScope,
  UserData,
  UserProfile,
  UserScope,
} from '../domain/types.js';
import type { Operation, SqlDriver } from './driver.js';
import { migrateOperation } from './migrations.js';
import * as entries from './ops/entries.js';
import * as events from './ops/events.js';
import * as feedbackNotes from './ops/feedback-notes.js';
import * as followUpAnswers from './ops/follow-up-answers.js';
import * as followUps from './ops/follow-ups.js';
import { readHome } from './ops/home.js';
import * as installations from './ops/installations.js';
import * as privacy from './ops/privacy.js';
import * as rejections from './ops/rejections.js';
import * as sealing from './ops/sealing.js';
import * as shares from './ops/shares.js';
import * as teams from './ops/teams.js';
import * as upcomingFollowUps from './ops/upcoming-follow-ups.js';
import * as userData from './ops/user-data.js';
import * as userProfiles from './ops/user-profiles.js';
import { PLAIN_ROWS, type RowSealer } from './row-sealer.js';
import type {
  ClaimOptions,
  DeletedRecords,
  HomeReads,
  InstallationKey,
  PurgeBatch,
  ReleaseOptions,
  SealedInstallation,
  Store,
} from './store.js';
import type { StoreLogger } from './store-logger.js';

export class SqlStore implements Store {
  readonly engine: 'sqlite' | 'postgres';

  constructor(
    private readonly driver: SqlDriver,
    private readonly logger: StoreLogger,
    /** Seals what people typed when a key is set; plain JSON otherwise. */
    private readonly sealer: RowSealer = PLAIN_ROWS,
  ) {
    this.engine = driver.dialect.engine;
  }

  get answersSealed(): boolean {
    return this.sealer.sealing;
  }

  async resealAnswers(
    options: { batchSize?: number } = {},
  ): Promise<{ resealed: number; unreadable: number }> {
    const total = { resealed: 0, unreadable: 0 };
    for (const table of ['rejections', 'rejection_entries'] as const) {
      let after: string | null = '';
      while (after !== null) {
        const batch: sealing.ResealBatch = await this.driver.run(
          sealing.resealBatch(table, after, options.batchSize ?? 200, this.sealer),
          { transaction: true },
        );
        total.resealed += batch.resealed;
        total.unreadable += batch.unreadable;
        after = batch.lastId;
      }
    }
    return total;
  }

  async migrate(): Promise<void> {
    // applied_at is for people reading the table, so wall-clock time: migrations run before
    // anything has the app's clock, and every other time the store writes comes from its caller.
    const result = await this.driver.run(migrateOperation(this.driver.dialect, Date.now()), {
      transaction: true,
      unbounded: true,
    });
    for (const migration of result.applied) {
      this.logger.info('store: migration applied', {
        engine: this.engine,
        version: migration.version,
        name: migration.name,
      });
    }
    if (result.unknown.length > 0) {
      this.logger.warn('store: database has migrations this release does not know', {
        engine: this.engine,
        versions: result.unknown,
      });
    }
  }

  ping(): Promise<void> {
    return this.driver.run(pingOperation());
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  createDraft(
    scope: UserScope,
    answers: RoutineAnswers,
    now: Date,
    at?: { id: string; step?: StepNumber },
  ): Promise<Rejection> {
    return this.driver.run(rejections.createDraft(scope, answers, now, at, this.sealer));
  }

  findOpenDraft(scope: UserScope): Promise<Rejection | null> {
    return this.driver.run(rejections.findOpenDraft(scope, this.sealer));
  }

  getRejection(scope: UserScope, id: string): Promise<Rejection | null> {
    return this.driver.run(rejections.getRejection(scope, id, this.sealer));
  }

  saveDraft(
    scope: UserScope,
    id: string,
    step: StepNumber,
    answers: RoutineAnswers,
    now: Date,
  ): Promise<Rejection> {
    return this.driver.run(
      rejections.writeAnswers(scope, id, 'draft', answers, now, { step, sealer: this.sealer }),
    );
  }

  discardDraft(scope: UserScope, id: string, now: Date): Promise<void> {
    return this.driver.run(rejections.discardDraft(scope, id, now));
  }

  deleteDraft(scope: UserScope, id: string): Promise<void> {
    return this.driver.run(rejections.deleteDraft(scope, id));
  }

  purgeStaleDrafts(before: Date): Promise<number> {
    return this.driver.run(rejections.purgeStaleDrafts(before));
  }

  readHome(scope: UserScope, list: { limit?: number; offset?: number }): Promise<HomeReads> {
    return this.driver.run(readHome(scope, list, this.sealer));
  }

  getPrivacySettings(scope: UserScope): Promise<PrivacySettings> {
    return this.driver.run(privacy.getPrivacySettings(scope));
  }

  savePrivacySettings(
    scope: UserScope,
    change: Partial<PrivacySettings>,
    now: Date,
  ): Promise<PrivacySettings> {
    return this.driver.run(privacy.savePrivacySettings(scope, change, now), { transaction: true });
  }

  recordUpload(scope: UserScope, fileId: string, now: Date): Promise<void> {
    return this.driver.run(privacy.recordUpload(scope, fileId, now));
  }

  listUploads(scope: UserScope): Promise<string[]> {
    return this.driver.run(privacy.listUploads(scope));
  }

  completeRejection(
    scope: UserScope,
    id: string,
    answers: RoutineAnswers,
    newFollowUps: NewFollowUp[],
    now: Date,
  ): Promise<{ rejection: Rejection; followUps: FollowUp[] }> {
    return this.driver.run(rejections.completeRejection(scope, id, answers, newFollowUps, now, this.sealer), {
      transaction: true,
    });
  }

  listRejections(scope: UserScope, options?: { limit?: number; offset?: number }): Promise<Rejection[]> {
    return this.driver.run(rejections.listRejections(scope, options, this.sealer));
  }

  updateAnswers(scope: UserScope, id: string, answers: RoutineAnswers, now: Date): Promise<Rejection> {
    return this.driver.run(
      rejections.writeAnswers(scope, id, 'complete', answers, now, { sealer: this.sealer }),
    );
  }

  addEntry(scope: UserScope, rejectionId: string, data: EntryData, now: Date): Promise<RejectionEntry> {
    return this.driver.run(entries.addEntry(scope, rejectionId, data, now, this.sealer));
  }

  listEntries(scope: UserScope, rejectionId: string): Promise<RejectionEntry[]> {
    return this.driver.run(entries.listEntries(scope, rejectionId, this.sealer));
  }

  recordShare(scope: UserScope, rejectionId: string, share: shares.NewShare, now: Date): Promise<Share> {
    return this.driver.run(shares.recordShare(scope, rejectionId, share, now));
  }

  listShares(scope: UserScope, options?: { rejectionId?: string }): Promise<Share[]> {
    return this.driver.run(shares.listShares(scope, options));
  }

  findShare(scope: UserScope, id: string): Promise<Share | null> {
    return this.driver.run(shares.findShare(scope, id));
  }

  deleteShare(scope: UserScope, id: string): Promise<boolean> {
    return this.driver.run(shares.deleteShare(scope, id));
  }

  getUserProfile(scope: UserScope): Promise<UserProfile | null> {
    return this.driver.run(userProfiles.getUserProfile(scope));
  }

  saveUserProfile(scope: UserScope, tz: string | null, now: Date): Promise<UserProfile> {
    return this.driver.run(userProfiles.saveUserProfile(scope, tz, now));
  }

  noteHomeOpened(scope: UserScope, now: Date): Promise<void> {
    return this.driver.run(userProfiles.noteHomeOpened(scope, now));
  }

  listFollowUps(
    scope: UserScope,
    options?: { rejectionId?: string; status?: FollowUpStatus; kind?: FollowUpKind },
  ): Promise<FollowUp[]> {
    return this.driver.run(followUps.listFollowUps(scope, options));
  }

  claimDueFollowUps(now: Date, options: ClaimOptions): Promise<FollowUp[]> {
    return this.driver.run(followUps.claimDueFollowUps(now, options, this.driver.dialect.claimLock));
  }

  claimFollowUp(id: string, now: Date, options: Omit<ClaimOptions, 'limit'>): Promise<FollowUp | null> {
    return this.driver.run(followUps.claimFollowUp(id, now, options));
  }

  markFollowUpSent(
    id: string,
    owner: string,
    delivery: { channelId: string; messageTs: string },
    now: Date,
  ): Promise<FollowUp> {
    return this.driver.run(followUps.markFollowUpSent(id, owner, delivery, now));
  }

  markFollowUpFailed(id: string, owner: string, errorCode: string, now: Date): Promise<FollowUp> {
    return this.driver.run(followUps.markFollowUpFailed(id, owner, errorCode, now));
  }

  releaseFollowUp(
    id: string,
    owner: string,
    retryAt: Date,
    errorCode: string,
    now: Date,
    options?: ReleaseOptions,
  ): Promise<FollowUp> {
    return this.driver.run(followUps.releaseFollowUp(id, owner, retryAt, errorCode, now, options));
  }

  extendFollowUpLease(
    id: string,
    owner: string,
    now: Date,
    leaseMs: number,
    options?: { sending?: boolean },
  ): Promise<FollowUp> {
    return this.driver.run(followUps.extendFollowUpLease(id, owner, now, leaseMs, options));
  }

  findFollowUp(scope: UserScope, id: string): Promise<FollowUp | null> {
    return this.driver.run(followUpAnswers.findFollowUp(scope, id));
  }

  markFollowUpDone(scope: UserScope, id: string, now: Date): Promise<FollowUp> {
    return this.driver.run(followUpAnswers.markFollowUpDone(scope, id, now));
  }

  snoozeFollowUp(scope: UserScope, id: string, dueAt: Date, now: Date): Promise<FollowUp> {
    return this.driver.run(followUpAnswers.snoozeFollowUp(scope, id, dueAt, now), { transaction: true });
  }

  answerFollowUp(
    scope: UserScope,
    id: string,
    next: NewFollowUp[],
    now: Date,
  ): Promise<{ done: FollowUp; next: FollowUp[] }> {
    return this.driver.run(followUpAnswers.answerFollowUp(scope, id, next, now), { transaction: true });
  }

  saveFeedbackNotes(
    scope: UserScope,
    rejectionId: string,
    audiences: FeedbackNote['audience'][],
    now: Date,
  ): Promise<FeedbackNote[]> {
    return this.driver.run(feedbackNotes.saveFeedbackNotes(scope, rejectionId, audiences, now), {
      transaction: true,
    });
  }

  listFeedbackNotes(scope: UserScope, options?: { rejectionId?: string }): Promise<FeedbackNote[]> {
    return this.driver.run(feedbackNotes.listFeedbackNotes(scope, options));
  }

  findFeedbackNote(scope: UserScope, id: string): Promise<FeedbackNote | null> {
    return this.driver.run(feedbackNotes.findFeedbackNote(scope, id));
  }

  markFeedbackNoteSent(
    scope: UserScope,
    id: string,
    check: NewFollowUp,
    now: Date,
  ): Promise<{ note: FeedbackNote; followUp: FollowUp | null }> {
    return this.driver.run(feedbackNotes.markFeedbackNoteSent(scope, id, check, now), { transaction: true });
  }

  unmarkFeedbackNotesSent(scope: UserScope, rejectionId: string): Promise<number> {
    return this.driver.run(feedbackNotes.unmarkFeedbackNotesSent(scope, rejectionId));
  }

  stopFollowUps(scope: UserScope, rejectionId: string, now: Date): Promise<number> {
    return this.driver.run(followUpAnswers.stopFollowUps(scope, rejectionId, now));
  }

  rescheduleFollowUp(scope: UserScope, id: string, dueAt: Date, now: Date): Promise<FollowUp> {
    return this.driver.run(upcomingFollowUps.rescheduleFollowUp(scope, id, dueAt, now));
  }

  cancelFollowUp(scope: UserScope, id: string, now: Date): Promise<FollowUp> {
    return this.driver.run(upcomingFollowUps.cancelFollowUp(scope, id, now));
  }

  listUserEntries(scope: UserScope, options?: { kind?: EntryData['kind'] }): Promise<RejectionEntry[]> {
    return this.driver.run(userData.listUserEntries(scope, options, this.sealer));
  }

  exportUserData(scope: UserScope): Promise<UserData> {
    return this.driver.run(userData.exportUserData(scope, this.sealer), { transaction: true });
  }

  deleteUserData(scope: UserScope): Promise<number> {
    return this.driver.run(userData.deleteUserData(scope), { transaction: true });
  }

  deleteUserRecords(scope: UserScope): Promise<DeletedRecords> {
    return this.driver.run(userData.deleteUserRecords(scope), { transaction: true });
  }

  stopTeamFollowUps(team: TeamScope, now: Date): Promise<number> {
    return this.driver.run(teams.stopTeamFollowUps(team, now));
  }

  markTeamUninstalled(team: TeamScope, now: Date): Promise<void> {
    return this.driver.run(teams.markTeamUninstalled(team, now));
  }

  clearTeamUninstalled(team: TeamScope): Promise<boolean> {
    return this.driver.run(teams.clearTeamUninstalled(team));
  }

  claimTeamPurge(before: Date, now: Date, leaseMs: number): Promise<TeamScope | null> {
    return this.driver.run(teams.claimTeamPurge(before, now, leaseMs));
  }

  purgeTeamBatch(team: TeamScope, limit: number, now: Date, leaseMs: number): Promise<PurgeBatch> {
    return this.driver.run(teams.purgeTeamBatch(team, limit, now, leaseMs), { transaction: true });
  }

  recordEventOnce(eventId: string, now: Date): Promise<boolean> {
    return this.driver.run(events.recordEventOnce(eventId, now));
  }

  forgetEvent(eventId: string): Promise<boolean> {
    return this.driver.run(events.forgetEvent(eventId));
  }

  purgeRecordedEvents(before: Date): Promise<number> {
    return this.driver.run(events.purgeRecordedEvents(before));
  }

  saveInstallation(key: InstallationKey, sealed: string, now: Date): Promise<SealedInstallation> {
    return this.driver.run(installations.saveInstallation(key, sealed, now));
  }

  findInstallation(key: InstallationKey): Promise<SealedInstallation | null> {
    return this.driver.run(installations.findInstallation(key));
  }

  deleteInstallation(key: InstallationKey): Promise<boolean> {
    return this.driver.run(installations.deleteInstallation(key));
  }

  listInstallations(options: { after?: InstallationKey; limit: number }): Promise<SealedInstallation[]> {
    return this.driver.run(installations.listInstallations(options));
  }

  resealInstallation(key: InstallationKey, from: string, to: string, now: Date): Promise<boolean> {
    return this.driver.run(installations.resealInstallation(key, from, to, now));
  }

  countInstallationsSealedWith(keyIds: readonly string[]): Promise<number> {
    return this.driver.run(installations.countInstallationsSealedWith(keyIds));
  }

  redeemOAuthState(stateId: string, expiresAt: Date, now: Date): Promise<boolean> {
    return this.driver.run(installations.redeemOAuthState(stateId, expiresAt, now));
  }
}

function* pingOperation(): Operation<void> {
  yield { sql: 'SELECT 1' };
}
