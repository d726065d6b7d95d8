// The top-level `text` of every message Rebound sends: what lock screens, notifications and
// search previews show, often on a phone in an office. Discreet by default: no company, role
// or answer unless the person turned "Show details in notifications" on. Every message
// builder takes its `text` from here, so no builder can leak details on its own.

/** What a person chose about their own privacy. Stored per person, changeable on Home. */
export interface PrivacySettings {
  /** "Show details in notifications": names the company and role in `text`. Off by default. */
  showDetails: boolean;
  /** "Are you searching while employed here?": null until asked and answered. */
  employedHere: boolean | null;
}

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = { showDetails: false, employedHere: null };

export type NotificationKind =
  | 'summary'
  | 'feedback_note'
  | 'reflect_follow_up'
  | 'feedback_check'
  | 'export'
  | 'delete_done';

/**
 * Details a detailed `text` may name. Already escaped for mrkdwn by the caller (the domain
 * knows no Slack), and cut to a glance.
 */
export interface NotificationDetails {
  company?: string | undefined;
  role?: string | undefined;
  /** A follow-up's question, e.g. "Have you had a chance to try it yet?". */
  question?: string | undefined;
}

const DISCREET: Record<NotificationKind, string> = {
  summary: 'Rebound: your notes are ready',
  feedback_note: 'Your feedback note, ready to send.',
  reflect_follow_up: 'Rebound has a check-in for you',
  feedback_check: 'Rebound has a check-in for you',
  export: 'Here is everything Rebound keeps for you: your notes, what you added later, and your check-ins.',
  delete_done: 'Rebound: your data is deleted',
};

/** Never-identifying messages (export, delete) read the same whichever the setting. */
function detailed(kind: NotificationKind, details: NotificationDetails): string {
  const { company, role, question } = details;
  switch (kind) {
    case 'summary':
      return company === undefined
        ? 'Your next steps are ready.'
        : `Your next steps after ${company} are ready.`;
    case 'feedback_note':
      return company === undefined ? DISCREET[kind] : `Your note to ${company}, ready to send.`;
    case 'reflect_follow_up': {
      const lead = company === undefined ? 'Checking in' : `Checking in after ${company}`;
      return question === undefined ? lead : `${lead}. ${question}`;
    }
    case 'feedback_check': {
      if (company === undefined) return 'Did you hear back?';
      return role === undefined
        ? `Did you hear back from ${company}?`
        : `Did you hear back from ${company} about the ${role} role?`;
    }
    default:
      return DISCREET[kind];
  }
}

export function notificationText(
  kind: NotificationKind,
  details: NotificationDetails,
  settings: PrivacySettings,
): string {
  return settings.showDetails ? detailed(kind, details) : DISCREET[kind];
}

/**
 * Whether headings inside messages may name the company: not for someone searching while
 * employed here (the DM itself may be exported by workspace owners). Modals and Home still
 * show it: only the person sees those.
 */
export function messageHeadingsNameCompany(settings: PrivacySettings): boolean {
  return settings.employedHere !== true;
}
