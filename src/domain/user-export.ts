// What `/rejected export` hands a person: everything Rebound keeps for them, as plain JSON
// they can read or take elsewhere. Each rejection carries its own entries and check-ins;
// times are ISO 8601 in UTC. Store internals (leases, attempts, error codes) stay out.

import type { PrivacySettings } from './notification-text.js';
import type {
  EntryData,
  FollowUpKind,
  FollowUpStatus,
  RoutineAnswers,
  Share,
  SharePart,
  UserData,
} from './types.js';

export const EXPORT_FORMAT = 'rebound-export';
export const EXPORT_VERSION = 1;

type Exported<T> = { [K in keyof T]: T[K] extends Date | undefined ? string | undefined : T[K] };

export interface UserExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  you: {
    teamId: string;
    enterpriseId: string | null;
    userId: string;
    timezone: string | null;
    /** When they first opened Rebound's Home, or null. */
    homeFirstOpenedAt: string | null;
    /** Their privacy choices: details in notifications, searching while employed here. */
    settings?: PrivacySettings;
  };
  rejections: ExportedRejection[];
}

export interface ExportedRejection {
  id: string;
  status: string;
  /** The step a draft stopped at (4 once complete). */
  step: number;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  answers: Exported<RoutineAnswers>;
  /** Reflections and feedback added after the routine, oldest first. */
  entries: ({ id: string; createdAt: string } & EntryData)[];
  /** Check-ins, soonest due first. */
  followUps: {
    id: string;
    kind: FollowUpKind;
    dueAt: string;
    status: FollowUpStatus;
    sentAt: string | null;
  }[];
  /** The feedback notes drafted, and when each was marked sent. */
  feedbackNotes: { id: string; audience: string; createdAt: string; sentAt: string | null }[];
  /** Notes shared from it that are still in someone's DM: with whom, what, and when. */
  shares: { id: string; recipientId: string; parts: SharePart[]; sharedAt: string }[];
}

export function buildUserExport(
  scope: { teamId: string; enterpriseId: string | null; userId: string },
  data: UserData,
  now: Date,
  shares: readonly Share[] = [],
): UserExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    you: {
      ...scope,
      timezone: data.profile?.tz ?? null,
      homeFirstOpenedAt: data.profile?.homeOpenedAt?.toISOString() ?? null,
      ...(data.settings ? { settings: data.settings } : {}),
    },
    rejections: data.rejections.map((rejection) => ({
      id: rejection.id,
      status: rejection.status,
      step: rejection.step,
      createdAt: rejection.createdAt.toISOString(),
      updatedAt: rejection.updatedAt.toISOString(),
      completedAt: rejection.completedAt?.toISOString() ?? null,
      answers: exportAnswers(rejection.answers),
      entries: data.entries
        .filter((entry) => entry.rejectionId === rejection.id)
        .map((entry) => ({ id: entry.id, createdAt: entry.createdAt.toISOString(), ...entry.data })),
      followUps: data.followUps
        .filter((followUp) => followUp.rejectionId === rejection.id)
        .map((followUp) => ({
          id: followUp.id,
          kind: followUp.kind,
          dueAt: followUp.dueAt.toISOString(),
          status: followUp.status,
          sentAt: followUp.sentAt?.toISOString() ?? null,
        })),
      feedbackNotes: (data.feedbackNotes ?? [])
        .filter((note) => note.rejectionId === rejection.id)
        .map((note) => ({
          id: note.id,
          audience: note.audience,
          createdAt: note.createdAt.toISOString(),
          sentAt: note.sentAt?.toISOString() ?? null,
        })),
      shares: shares
        .filter((share) => share.rejectionId === rejection.id)
        .map((share) => ({
          id: share.id,
          recipientId: share.recipientId,
          parts: share.parts,
          sharedAt: share.createdAt.toISOString(),
        })),
    })),
  };
}

function exportAnswers(answers: RoutineAnswers): Exported<RoutineAnswers> {
  const { followUpAt, ...rest } = answers;
  return followUpAt ? { ...rest, followUpAt: followUpAt.toISOString() } : rest;
}
