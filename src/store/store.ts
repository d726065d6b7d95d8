// The one storage interface. Listeners and jobs see only this; SQLite (default) and
// PostgreSQL implement it, and tests/store/contract.ts holds both to the same behaviour.
//
// Rules every adapter keeps:
// - `now` always comes from the caller (the app's clock), never from the database server.
// - Every user-facing read and write is scoped by team, enterprise and user: a record of
//   another scope behaves exactly like a missing one.
// - Failures throw ReboundError: `store_not_found`, `store_conflict` (the record is not in
//   the state the call needs, e.g. completing a draft twice) or `store_unavailable`.

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
  SharePart,
  StepNumber,
  TeamScope,
  UserData,
  UserProfile,
  UserScope,
} from '../domain/types.js';

export interface ClaimOptions {
  /** Most follow-ups to claim in one call. */
  limit: number;
  /** How long the claim holds before another worker may take the follow-up over. */
  leaseMs: number;
  /** Identifies the claiming worker (instance id). */
  owner: string;
}

export interface ReleaseOptions {
  /** Slack said "not now" (429): the retry does not count towards giving up. */
  rateLimited?: boolean;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';

  /** Applies pending migrations; idempotent and safe when two instances start at once. */
  migrate(): Promise<void>;
  /** Cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // --- The routine -------------------------------------------------------------------

  /**
   * Starts a draft at step 1 with the given answers (e.g. a company from `/rejected Acme`).
   * `at` stores it under an id the app chose earlier (a modal already open with it) and at a
   * later step; that id taken already throws `store_conflict`, so it is never written twice.
   */
  createDraft(
    scope: UserScope,
    answers: RoutineAnswers,
    now: Date,
    at?: { id: string; step?: StepNumber },
  ): Promise<Rejection>;
  /** The most recently updated draft of this user, if any. */
  findOpenDraft(scope: UserScope): Promise<Rejection | null>;
  getRejection(scope: UserScope, id: string): Promise<Rejection | null>;
  /** Saves a draft's answers and current step. Throws `store_conflict` unless it is a draft. */
  saveDraft(
    scope: UserScope,
    id: string,
    step: StepNumber,
    answers: RoutineAnswers,
    now: Date,
  ): Promise<Rejection>;
  /** Marks a draft discarded (start fresh). Throws `store_conflict` unless it is a draft. */
  discardDraft(scope: UserScope, id: string, now: Date): Promise<void>;
  /** Deletes a draft outright (start fresh). Throws `store_conflict` unless it is a draft. */
  deleteDraft(scope: UserScope, id: string): Promise<void>;
  /** Deletes every draft (and discarded draft) not updated since before `before`; returns how many. */
  purgeStaleDrafts(before: Date): Promise<number>;
  /**
   * Atomically turns a draft into a complete rejection and stores its follow-ups.
   * Exactly one of two racing calls succeeds; the other throws `store_conflict`.
   */
  completeRejection(
    scope: UserScope,
    id: string,
    answers: RoutineAnswers,
    followUps: NewFollowUp[],
    now: Date,
  ): Promise<{ rejection: Rejection; followUps: FollowUp[] }>;
  /** Complete rejections, newest first. */
  listRejections(scope: UserScope, options?: { limit?: number; offset?: number }): Promise<Rejection[]>;
  /** Replaces a complete rejection's answers. Throws `store_conflict` unless it is complete. */
  updateAnswers(scope: UserScope, id: string, answers: RoutineAnswers, now: Date): Promise<Rejection>;

  // --- What a person adds to a rejection later ---------------------------------------

  /** Adds an entry to a complete rejection. Throws `store_conflict` unless it is complete. */
  addEntry(scope: UserScope, rejectionId: string, data: EntryData, now: Date): Promise<RejectionEntry>;
  /** A rejection's entries, oldest first (empty for a rejection of another scope). */
  listEntries(scope: UserScope, rejectionId: string): Promise<RejectionEntry[]>;

  // --- Feedback notes -----------------------------------------------------------------

  /**
   * The drafted notes of a complete rejection, one per audience; an audience already saved is
   * kept as it was. Returns the rejection's notes (employer first).
   */
  saveFeedbackNotes(
    scope: UserScope,
    rejectionId: string,
    audiences: FeedbackNote['audience'][],
    now: Date,
  ): Promise<FeedbackNote[]>;
  /** This user's notes with their `sentAt`, oldest first; optionally one rejection's. */
  listFeedbackNotes(scope: UserScope, options?: { rejectionId?: string }): Promise<FeedbackNote[]>;
  /** Everything App Home reads for one person, on one connection (see ops/home.ts). */
  readHome(scope: UserScope, list: { limit?: number; offset?: number }): Promise<HomeReads>;
  findFeedbackNote(scope: UserScope, id: string): Promise<FeedbackNote | null>;
  /**
   * "Mark as sent": records `sentAt` and, in the same transaction, schedules `check` unless a
   * feedback check of this rejection is already waiting (then `followUp` is null). Throws
   * `store_conflict` when the note is already marked sent.
   */
  markFeedbackNoteSent(
    scope: UserScope,
    id: string,
    check: NewFollowUp,
    now: Date,
  ): Promise<{ note: FeedbackNote; followUp: FollowUp | null }>;
  /** "I didn't send it": the rejection's notes go back to unsent. Returns how many changed. */
  unmarkFeedbackNotesSent(scope: UserScope, rejectionId: string): Promise<number>;

  // --- Notes shared with someone --------------------------------------------------------

  /**
   * Records a note shared from a complete rejection of this user, once Slack accepted it.
   * Throws `store_not_found` for a rejection that is missing, not complete or someone else's.
   */
  recordShare(
    scope: UserScope,
    rejectionId: string,
    share: { recipientId: string; parts: SharePart[]; channelId: string; messageTs: string },
    now: Date,
  ): Promise<Share>;
  /** This user's shares, newest first; optionally one rejection's. */
  listShares(scope: UserScope, options?: { rejectionId?: string }): Promise<Share[]>;
  /** One of this user's shares, or null (missing, or someone else's). */
  findShare(scope: UserScope, id: string): Promise<Share | null>;
  /** Forgets one of this user's shares; true when there was one. */
  deleteShare(scope: UserScope, id: string): Promise<boolean>;

  // --- Users ---------------------------------------------------------------------------

  getUserProfile(scope: UserScope): Promise<UserProfile | null>;
  saveUserProfile(scope: UserScope, tz: string | null, now: Date): Promise<UserProfile>;
  /** Remembers that they opened Home (the first time is kept). */
  noteHomeOpened(scope: UserScope, now: Date): Promise<void>;

  /** The person's privacy choices; the defaults (discreet, not asked yet) when none are stored. */
  getPrivacySettings(scope: UserScope): Promise<PrivacySettings>;
  /** Changes the settings given and keeps the others; returns them all. */
  savePrivacySettings(
    scope: UserScope,
    change: Partial<PrivacySettings>,
    now: Date,
  ): Promise<PrivacySettings>;
  /** Remembers a file Rebound uploaded to this person's DM (an export), for delete. Idempotent. */
  recordUpload(scope: UserScope, fileId: string, now: Date): Promise<void>;
  /** File ids Rebound uploaded for this person, oldest first. */
  listUploads(scope: UserScope): Promise<string[]>;

  // --- Follow-ups ----------------------------------------------------------------------

  /** This user's follow-ups, soonest due first; optionally only one rejection's, or one status. */
  listFollowUps(
    scope: UserScope,
    /** Without `kind`, every kind but `summary` (not a check-in). */
    options?: { rejectionId?: string; status?: FollowUpStatus; kind?: FollowUpKind },
  ): Promise<FollowUp[]>;
  /**
   * Claims up to `limit` follow-ups that are due (`pending` with dueAt ≤ now, or `sending`
   * with an expired lease), oldest due first: sets them `sending`, leased to `owner` until
   * now + leaseMs, attempts + 1. A follow-up is held by at most one owner at a time.
   */
  claimDueFollowUps(now: Date, options: ClaimOptions): Promise<FollowUp[]>;
  /** Claims this one follow-up as claimDueFollowUps would, or null if it is not due or is held. */
  claimFollowUp(id: string, now: Date, options: Omit<ClaimOptions, 'limit'>): Promise<FollowUp | null>;
  /** Slack accepted the DM. Throws `store_conflict` if `owner` no longer holds the lease. */
  markFollowUpSent(
    id: string,
    owner: string,
    delivery: { channelId: string; messageTs: string },
    now: Date,
  ): Promise<FollowUp>;
  /** Permanent failure (e.g. `user_not_found`): no more attempts. */
  markFollowUpFailed(id: string, owner: string, errorCode: string, now: Date): Promise<FollowUp>;
  /**
   * Transient failure: back to `pending`, due again at `retryAt`; unless rate limited,
   * `retryingSince` is set if it was not already.
   */
  releaseFollowUp(
    id: string,
    owner: string,
    retryAt: Date,
    errorCode: string,
    now: Date,
    options?: ReleaseOptions,
  ): Promise<FollowUp>;
  /**
   * Right before each Slack call: the lease is still `owner`'s and unexpired, and now holds
   * until now + leaseMs. Throws `store_conflict` otherwise. `sending` records the first time
   * a post was attempted.
   */
  extendFollowUpLease(
    id: string,
    owner: string,
    now: Date,
    leaseMs: number,
    options?: { sending?: boolean },
  ): Promise<FollowUp>;

  // --- Answering a delivered follow-up -------------------------------------------------------

  /** One of this user's follow-ups, or null (missing, or someone else's). */
  findFollowUp(scope: UserScope, id: string): Promise<FollowUp | null>;
  /** The person answered a delivered follow-up: `sent` → `done`. Throws `store_conflict` unless `sent`. */
  markFollowUpDone(scope: UserScope, id: string, now: Date): Promise<FollowUp>;
  /**
   * Closes a delivered (`sent`) follow-up as `done` and stores a new `pending` one of the same
   * kind and rejection, due at `dueAt`; returns the new one. Exactly one of two racing
   * snoozes wins; the other (and any follow-up that is not `sent`) throws `store_conflict`.
   */
  snoozeFollowUp(scope: UserScope, id: string, dueAt: Date, now: Date): Promise<FollowUp>;
  /**
   * Closes a delivered (`sent`) follow-up as `done` and stores the follow-ups that come next,
   * all in one transaction. Throws `store_conflict` unless it is `sent`.
   */
  answerFollowUp(
    scope: UserScope,
    id: string,
    next: NewFollowUp[],
    now: Date,
  ): Promise<{ done: FollowUp; next: FollowUp[] }>;
  /**
   * No more follow-ups for this rejection: its pending follow-ups become `cancelled`, its sent
   * ones `done`. Idempotent; returns how many changed.
   */
  stopFollowUps(scope: UserScope, rejectionId: string, now: Date): Promise<number>;

  /** A pending follow-up due at another time (Snooze on App Home). `store_conflict` unless pending. */
  rescheduleFollowUp(scope: UserScope, id: string, dueAt: Date, now: Date): Promise<FollowUp>;
  /** A pending follow-up called off (Cancel on App Home). `store_conflict` unless pending. */
  cancelFollowUp(scope: UserScope, id: string, now: Date): Promise<FollowUp>;

  // --- One person's data: App Home, export, delete ------------------------------------

  /** This user's entries across all rejections, oldest first; optionally of one kind. */
  listUserEntries(scope: UserScope, options?: { kind?: EntryData['kind'] }): Promise<RejectionEntry[]>;
  /** Everything kept for this user (rejections of every status), read in one transaction. */
  exportUserData(scope: UserScope): Promise<UserData>;
  /**
   * Deletes everything kept for this user — rejections of every status, entries, follow-ups
   * (so no follow-up is sent afterwards), shares, profile, settings and the list of their
   * uploads — in one transaction; returns how many records.
   */
  deleteUserData(scope: UserScope): Promise<number>;
  /**
   * Deletes exactly as deleteUserData does, in one transaction, and says what went: what the
   * confirmation tells the person, the follow-ups that were being sent at that moment (their
   * DM may still land) and the files uploaded to their DM (to delete from Slack too).
   */
  deleteUserRecords(scope: UserScope): Promise<DeletedRecords>;

  // --- Sealed at rest ------------------------------------------------------------------

  /** Whether what people type is stored encrypted (the store was given a key). */
  readonly answersSealed: boolean;
  /**
   * Seals rows stored before a key was set, and re-seals rows an old key made, exactly once
   * even with several instances at it; rows no configured key opens are left and counted.
   */
  resealAnswers(options?: { batchSize?: number }): Promise<{ resealed: number; unreadable: number }>;

  // --- Whole workspaces: uninstall and retention ---------------------------------------

  /** Cancels every pending follow-up of the team (Rebound lost its token); returns how many. */
  stopTeamFollowUps(team: TeamScope, now: Date): Promise<number>;
  /** Remembers that the team uninstalled at `now`; a repeat keeps the first time. */
  markTeamUninstalled(team: TeamScope, now: Date): Promise<void>;
  /** The team uses Rebound again: forget the mark, keep its data. True if it was marked. */
  clearTeamUninstalled(team: TeamScope): Promise<boolean>;
  /**
   * Claims one team uninstalled at or before `before` for purging, for `leaseMs` (another
   * instance's live claim is skipped); null when none is due.
   */
  claimTeamPurge(before: Date, now: Date, leaseMs: number): Promise<TeamScope | null>;
  /**
   * Deletes up to `limit` of a claimed team's records in one transaction, renewing the claim.
   * Stops (`reinstalled`) once the team installed again; `finished` when nothing is left.
   */
  purgeTeamBatch(team: TeamScope, limit: number, now: Date, leaseMs: number): Promise<PurgeBatch>;

  // --- Event deliveries ------------------------------------------------------------------

  /** True the first time an event id is recorded, false for a repeated delivery. */
  recordEventOnce(eventId: string, now: Date): Promise<boolean>;
  /** Forgets one recorded event id (its handling failed, so Slack's retry may run it); true if it was there. */
  forgetEvent(eventId: string): Promise<boolean>;
  /** Forgets event ids recorded before `before`; returns how many. */
  purgeRecordedEvents(before: Date): Promise<number>;

  // --- Slack installations (distributed mode) -----------------------------------------

  /** Stores a workspace's (or org's) installation, replacing an earlier one of the same key. */
  saveInstallation(key: InstallationKey, sealed: string, now: Date): Promise<SealedInstallation>;
  findInstallation(key: InstallationKey): Promise<SealedInstallation | null>;
  /** Forgets an installation (uninstall); true when there was one. */
  deleteInstallation(key: InstallationKey): Promise<boolean>;
  /** Installations in key order, a page at a time: pass the last key seen as `after`. */
  listInstallations(options: { after?: InstallationKey; limit: number }): Promise<SealedInstallation[]>;
  /** Swaps `from` for `to` (same installation, re-encrypted); false if it changed meanwhile. */
  resealInstallation(key: InstallationKey, from: string, to: string, now: Date): Promise<boolean>;
  /** How many installations, across the database, are sealed with one of these key ids. */
  countInstallationsSealedWith(keyIds: readonly string[]): Promise<number>;
  /** Marks an OAuth state value used: true the first time, false for a replay. */
  redeemOAuthState(stateId: string, expiresAt: Date, now: Date): Promise<boolean>;
}

/** What deleteUserRecords removed. */
export interface DeletedRecords {
  /** Every row removed, of every table. */
  total: number;
  /** Complete rejections. */
  rejections: number;
  /** Drafts, and drafts set aside. */
  drafts: number;
  entries: number;
  /** Check-ins that had not gone out yet. */
  upcomingFollowUps: number;
  /** Follow-ups claimed by a sender at that moment: their DM may be landing right now. */
  sendingFollowUpIds: string[];
  /** Slack file ids Rebound had uploaded for this person. */
  uploadIds: string[];
}

/**
 * Which installation: a workspace's (`teamId`, with its `enterpriseId` on Enterprise Grid),
 * or an org-wide install on Enterprise Grid (`enterpriseId` with `teamId` null).
 */
export interface PurgeBatch {
  deleted: number;
  /** Nothing of the team is left; its mark went with the last batch. */
  finished: boolean;
  /** The team installed again (its mark is gone): nothing was deleted, and the purge stops. */
  reinstalled: boolean;
}

export interface InstallationKey {
  enterpriseId: string | null;
  teamId: string | null;
}

/** An installation as stored: opaque ciphertext the app sealed, bound to its key. */
export interface SealedInstallation {
  key: InstallationKey;
  sealed: string;
  installedAt: Date;
  updatedAt: Date;
}

/** What App Home reads for one person, in one go. */
export interface HomeReads {
  /** Complete rejections, newest first, as `list` asks. */
  rejections: Rejection[];
  draft: Rejection | null;
  pending: FollowUp[];
  /** Delivered and waiting for an answer. */
  sent: FollowUp[];
  /** Failed for good. */
  failed: FollowUp[];
  feedback: RejectionEntry[];
  notes: FeedbackNote[];
  settings: PrivacySettings;
}
