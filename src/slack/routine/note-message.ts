// One drafted feedback note as its own DM, ready to use on a phone: who it is for, the subject,
// the note itself as plain text (long-press, copy), and three buttons: Mark as sent, Open in
// email (a mailto: link with subject and body) and the short LinkedIn version. Pure: the
// listener posts it, or an outbox delivers it.

import type { FeedbackRequest } from '../../domain/feedback-requests.js';
import {
  DEFAULT_PRIVACY_SETTINGS,
  messageHeadingsNameCompany,
  notificationText,
  type PrivacySettings,
} from '../../domain/notification-text.js';
import type { FeedbackNote } from '../../domain/types.js';
import { type Button, button, type KnownBlock, mrkdwnSection } from '../platform/block-kit.js';
import { NoteActionId, NoteBlockId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, slackDate, truncate, utcFallback } from '../platform/mrkdwn.js';
import type { SlackMessage } from './summary-message.js';

export const NoteText = {
  markSent: 'Mark as sent',
  openEmail: 'Open in email',
  linkedIn: 'LinkedIn version',
} as const;

/** Slack's limit on a button's url. */
const URL_MAX = 3000;
const NAME_SHOWN_MAX = 100;

function name(text: string): string {
  return escapeMrkdwn(truncate(text.replace(/\s+/g, ' '), NAME_SHOWN_MAX));
}

/** `mailto:` with the subject and the whole note; just the subject if the note would not fit. */
export function mailtoUrl(request: Pick<FeedbackRequest, 'subject' | 'text'>): string {
  const subject = `mailto:?subject=${encodeURIComponent(request.subject)}`;
  const whole = `${subject}&body=${encodeURIComponent(request.text)}`;
  return whole.length <= URL_MAX ? whole : subject;
}

/**
 * The top-level `text` (notifications, lock screens): discreet unless details are on; and the
 * company the heading may name, none for someone searching while employed here.
 */
export function noteNaming(company: string | undefined, settings: PrivacySettings) {
  const shown = messageHeadingsNameCompany(settings) ? company : undefined;
  return {
    text: notificationText('feedback_note', { company: shown && escapeName(shown) }, settings),
    company: shown,
  };
}

function heading(request: FeedbackRequest, company: string | undefined): string {
  const to =
    company === undefined
      ? `*To ${name(request.recipient)}*`
      : `*To ${name(request.recipient)} at ${name(company)}*`;
  return `${to}\nSubject: ${name(request.subject)}`;
}

/** The note's body as plain text in a section: escaped so nothing in it is read as markup. */
function body(request: FeedbackRequest): KnownBlock {
  return mrkdwnSection(escapeMrkdwn(request.text));
}

function noteActions(request: FeedbackRequest, note: FeedbackNote): KnownBlock {
  const email: Button = { ...button(NoteActionId.openEmail, NoteText.openEmail), url: mailtoUrl(request) };
  return {
    type: 'actions',
    block_id: NoteBlockId.actions,
    elements: [
      { ...button(NoteActionId.markSent, NoteText.markSent, 'primary'), value: note.id },
      { ...email, value: note.id },
      { ...button(NoteActionId.linkedIn, NoteText.linkedIn), value: note.id },
    ],
  };
}

export interface NoteMessageInput {
  request: FeedbackRequest;
  note: FeedbackNote;
  company: string | undefined;
  settings?: PrivacySettings;
}

/** The note as first sent, with its buttons. */
export function buildNoteMessage(input: NoteMessageInput): SlackMessage {
  const { text, company } = noteNaming(input.company, input.settings ?? DEFAULT_PRIVACY_SETTINGS);
  return {
    text,
    blocks: [
      mrkdwnSection(heading(input.request, company)),
      body(input.request),
      noteActions(input.request, input.note),
    ],
  };
}

/** What replaces a note's buttons once it is marked sent: when we'll ask whether they replied. */
export function sentLine(company: string | undefined, checkAt: Date | null): string {
  const who = company === undefined ? 'they' : name(company);
  if (checkAt === null) return ':white_check_mark: Marked as sent.';
  const when = slackDate(checkAt, '{date_long}', utcFallback(checkAt));
  return `:white_check_mark: Marked as sent. We'll ask on ${when} whether ${who} replied.`;
}

/** What the LinkedIn button shows: the short version, to copy into a message. */
export function linkedInText(request: FeedbackRequest): string {
  return escapeMrkdwn(request.short);
}
