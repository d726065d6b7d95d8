// The records Rebound keeps. Plain data: no Slack, no SQL. Times are Date objects;
// each store engine decides how to persist them (both keep millisecond precision).

import type { PrivacySettings } from './notification-text.js';

/** Who a record belongs to. Every read and write is scoped by all three. */
export interface UserScope {
  teamId: string;
  /** Enterprise Grid org, or null outside Grid. */
  enterpriseId: string | null;
  userId: string;
}

/** One string per person, for in-memory maps keyed by who (all three parts of the scope). */
export function userKey(scope: UserScope): string {
  return `${scope.enterpriseId ?? ''}/${scope.teamId}/${scope.userId}`;
}

/** How far the hiring process got before it ended. */
export type Stage =
  | 'application'
  | 'recruiter_screen'
  | 'first_interview'
  | 'later_interviews'
  | 'take_home'
  | 'final_round'
  | 'offer_stage'
  | 'other';

/** Whether someone stood between the candidate and the employer. */
export type Intermediary = 'none' | 'recruiter' | 'headhunter';

/** How the news came: it shapes the notes' first line. */
export type NewsVia = 'email' | 'call' | 'recruiter' | 'no_word';

/** A one-tap answer to "how are you feeling about it?": it only adjusts tone and timing. */
export type Feeling = 'gutted' | 'disappointed' | 'okay' | 'relieved';

export type DailyFit = 'yes' | 'unsure' | 'no';
export type Excitement = 'very' | 'somewhat' | 'not_really';
export type SkillsElsewhere = 'yes' | 'maybe' | 'no';

/** Concrete search tweaks a person can adopt in step 3. */
export type TweakId =
  | 'narrow_roles'
  | 'widen_roles'
  | 'target_companies'
  | 'referrals'
  | 'tailor_cv'
  | 'practice_interviews'
  | 'research_deeper'
  | 'ask_questions_early';

/**
 * Everything a person can answer in the four steps. Every field is optional because a
 * draft is saved after each step; `validateStep` in the routine says what each step needs.
 */
export interface RoutineAnswers {
  // Step 1: get feedback
  company?: string;
  role?: string;
  stage?: Stage;
  /** Name of the person at the employer they dealt with (for the feedback request). */
  employerContact?: string;
  intermediary?: Intermediary;
  intermediaryName?: string;
  newsVia?: NewsVia;
  /** The reason they already gave, if any: kept as feedback, and no request is drafted. */
  reasonGiven?: string;
  feeling?: Feeling;
  // Step 2: review and reflect
  interview?: string;
  preparation?: string;
  rapport?: string;
  strengths?: string;
  // Step 3: tweak search tactics
  dailyFit?: DailyFit;
  excited?: Excitement;
  skillsElsewhere?: SkillsElsewhere;
  fitNotes?: string;
  tweaks?: TweakId[];
  tweakOther?: string;
  // Step 4: learning experience
  lesson?: string;
  /** When the reflect follow-up is due (the user picks it in their local time). */
  followUpAt?: Date;
}

/** A form field is identified by the RoutineAnswers key it fills. */
export type FieldId = keyof RoutineAnswers;

export type StepNumber = 1 | 2 | 3 | 4;

export type RejectionStatus = 'draft' | 'complete' | 'discarded';

/** One rejection worked through the routine: a draft until the last step is submitted. */
export interface Rejection {
  id: string;
  scope: UserScope;
  status: RejectionStatus;
  /** The step the person is on (drafts) or 4 (complete). */
  step: StepNumber;
  answers: RoutineAnswers;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

/**
 * `feedback_check`: "did you hear back?", about 5 working days after a note was marked sent;
 * `feedback_recheck`: the one more look after "Not yet"; `action_check`: "did you do the thing
 * you chose?", on the day the person picked. `reflect` is the older name of the action check,
 * kept so follow-ups stored before the rename still go out (and read the same).
 * `summary` is the DM at the end of the routine: stored due at once in the same transaction
 * that completes it (an outbox), so it is sent exactly once like every follow-up. It is not a
 * check-in: person-facing lists leave it out.
 */
export type FollowUpKind = 'reflect' | 'feedback_check' | 'feedback_recheck' | 'action_check' | 'summary';

/**
 * pending → sending (claimed under a lease) → sent | failed; pending → cancelled | done.
 * A `sending` follow-up whose lease expired is claimable again.
 */
export type FollowUpStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'done';

export interface FollowUp {
  id: string;
  rejectionId: string;
  scope: UserScope;
  kind: FollowUpKind;
  dueAt: Date;
  status: FollowUpStatus;
  attempts: number;
  /** Who holds the claim, and until when (null unless `sending`). */
  leaseOwner: string | null;
  leaseUntil: Date | null;
  /** Slack error code of the last failed attempt; never message text. */
  lastError: string | null;
  /** When a post was first attempted (null: never, so Slack cannot have it). */
  sendStartedAt: Date | null;
  /** When delivery first failed, rate limits aside (null: it has not); retries stop a day or so on. */
  retryingSince: Date | null;
  /** Where the DM landed, once Slack accepted it. */
  channelId: string | null;
  messageTs: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

export interface NewFollowUp {
  kind: FollowUpKind;
  dueAt: Date;
}

/** What Rebound remembers about a Slack user between requests. */
export interface UserProfile {
  scope: UserScope;
  /** IANA timezone from users.info, or null when Slack has none. */
  tz: string | null;
  /** When the timezone was asked for; the epoch when it never was (a row made by a Home visit). */
  tzFetchedAt: Date;
  /** When they first opened Rebound's Home, or null when they never did. */
  homeOpenedAt: Date | null;
}

/** The step-2 prompts, answered again from a follow-up's "Reflect now". */
export type ReflectionAnswers = Pick<RoutineAnswers, 'interview' | 'preparation' | 'rapport' | 'strengths'>;

/** Something a person added to a rejection after finishing the routine. */
export type EntryData =
  | { kind: 'reflection'; answers: ReflectionAnswers }
  /** From "Did you hear back?": what the employer said, or that nothing came. */
  | { kind: 'feedback'; received: boolean; text: string | null }
  /** The one thing they'll act on after the feedback, in their words. */
  | { kind: 'action'; text: string }
  /** "Yes, I did it": one line on how it went. */
  | { kind: 'progress'; text: string };

/** A drafted feedback note, and whether the person has marked it sent. */
export interface FeedbackNote {
  id: string;
  rejectionId: string;
  scope: UserScope;
  audience: 'employer' | 'recruiter' | 'headhunter';
  createdAt: Date;
  /** When the person pressed "Mark as sent"; null while it is only drafted. */
  sentAt: Date | null;
}

export interface RejectionEntry {
  id: string;
  rejectionId: string;
  scope: UserScope;
  data: EntryData;
  createdAt: Date;
}

/**
 * A whole workspace (`teamId`, with its `enterpriseId` on Enterprise Grid), or a whole Grid
 * org (`teamId` null) for an org-wide install. Same shape as an installation's key.
 */
export interface TeamScope {
  teamId: string | null;
  enterpriseId: string | null;
}

/**
 * What of a rejection a person may share: the plan (tweaks) and the lesson by default; the
 * company and role, the reflections and the feedback only when ticked.
 */
export type SharePart = 'plan' | 'lesson' | 'company' | 'reflections' | 'feedback';

/** A note a person chose to send to someone else's DM, kept so it can be taken back. */
export interface Share {
  id: string;
  rejectionId: string;
  /** Who shared it. */
  scope: UserScope;
  /** Who got it (a user of the same workspace). */
  recipientId: string;
  /** Which parts went into the note; the note's text itself is not kept. */
  parts: SharePart[];
  /** Where the note landed in the recipient's DM (chat.delete needs both). */
  channelId: string;
  messageTs: string;
  createdAt: Date;
}

/** Everything Rebound keeps for one person, as `/rejected export` hands it back. */
export interface UserData {
  /** Every status (drafts, complete, discarded), newest first. */
  rejections: Rejection[];
  /** Oldest first. */
  entries: RejectionEntry[];
  /** Soonest due first. */
  followUps: FollowUp[];
  /** Oldest first. */
  feedbackNotes?: FeedbackNote[];
  profile: UserProfile | null;
  /** Their privacy choices (defaults when they never chose). */
  settings?: PrivacySettings;
}
