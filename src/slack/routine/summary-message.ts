// The DM after the last step: everything the person worked out, in one place they can come
// back to. Their own words are escaped, quoted and, if very long, shortened to fit.

import type { FeedbackRequest } from '../../domain/feedback-requests.js';
import {
  DEFAULT_PRIVACY_SETTINGS,
  messageHeadingsNameCompany,
  notificationText,
  type PrivacySettings,
} from '../../domain/notification-text.js';
import { getField, normalizeAnswers, optionLabel } from '../../domain/routine.js';
import type { FieldId, Rejection, RejectionEntry, RoutineAnswers } from '../../domain/types.js';
import { type KnownBlock, Limit, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import { escapeMrkdwn, escapeName, fitRendered, quote, slackDate, utcFallback } from '../platform/mrkdwn.js';

export interface SummaryMessageInput {
  rejection: Rejection;
  feedbackRequests: FeedbackRequest[];
  followUpAt: Date | null;
  /** Added since the routine (e.g. feedback noted from a follow-up), oldest first. */
  entries?: RejectionEntry[];
  /** The person's privacy choices: the notification text, and whether headings name the company. */
  settings?: PrivacySettings;
}

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: KnownBlock[];
}

/** More would be noise, and keeps the message far below 50 blocks. */
const MAX_REQUESTS = 5;
const REFLECTIONS: readonly FieldId[] = ['interview', 'preparation', 'rapport', 'strengths'];
const FIT_CHOICES: readonly FieldId[] = ['dailyFit', 'excited', 'skillsElsewhere'];

/** A bold heading over the person's own words as a quote, the whole fitted into one section. */
function quotedSection(heading: string, text: string): KnownBlock {
  return mrkdwnSection(fitRendered(text, Limit.sectionText, (shown) => `${heading}\n${quote(shown)}`));
}

function headline(answers: RoutineAnswers): string {
  const parts = [answers.company, answers.role].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? 'Your plan' : parts.map((part) => escapeName(part)).join(' · ');
}

function feedbackBlocks(requests: FeedbackRequest[]): KnownBlock[] {
  if (requests.length === 0) return [];
  return [
    mrkdwnSection(
      requests.length === 1
        ? '*Ask for feedback*\nYour note, ready to copy whenever you want to send it.'
        : '*Ask for feedback*\nYour notes, ready to copy whenever you want to send them.',
    ),
    ...requests
      .slice(0, MAX_REQUESTS)
      .map((request) => quotedSection(`*To ${escapeName(request.recipient)}*`, request.text)),
  ];
}

/** The feedback the employer gave, once noted from a "did you hear back?" follow-up. */
function receivedFeedbackBlocks(entries: RejectionEntry[]): KnownBlock[] {
  return entries.flatMap((entry) =>
    entry.data.kind === 'feedback' && entry.data.received && entry.data.text
      ? [quotedSection('*What they told you*', entry.data.text)]
      : [],
  );
}

function reflectionBlocks(answers: RoutineAnswers): KnownBlock[] {
  const written = REFLECTIONS.flatMap((id) => {
    const text = answers[id];
    return typeof text === 'string'
      ? [quotedSection(`*${escapeMrkdwn(getField(id).summaryLabel)}*`, text)]
      : [];
  });
  return written.length === 0 ? [] : [mrkdwnSection('*Your reflections*'), ...written];
}

function fitBlock(answers: RoutineAnswers): KnownBlock | null {
  const lines = FIT_CHOICES.flatMap((id) => {
    const value = answers[id];
    const label = typeof value === 'string' ? optionLabel(id, value) : undefined;
    return label === undefined ? [] : [`${getField(id).summaryLabel}: ${label}`];
  });
  const heading = ['*How it fit*', ...lines.map(escapeMrkdwn)].join('\n');
  if (answers.fitNotes !== undefined) return quotedSection(heading, answers.fitNotes);
  return lines.length === 0 ? null : mrkdwnSection(heading);
}

function tweaksBlock(answers: RoutineAnswers): KnownBlock | null {
  const chosen = (answers.tweaks ?? []).flatMap((id) => optionLabel('tweaks', id) ?? []);
  const items = chosen.map(escapeMrkdwn);
  if (answers.tweakOther !== undefined) items.push(escapeMrkdwn(answers.tweakOther.replace(/\s+/g, ' ')));
  if (items.length === 0) return null;
  return mrkdwnSection(`*Tweaks to try*\n${items.map((item) => `• ${item}`).join('\n')}`);
}

function followUpBlock(followUpAt: Date | null): KnownBlock {
  if (followUpAt === null || Number.isNaN(followUpAt.getTime())) {
    return mrkdwnContext(
      'No check-in is planned. Type `/rejected` whenever you want to go through this again.',
    );
  }
  const when = slackDate(followUpAt, '{date_short_pretty} at {time}', utcFallback(followUpAt));
  return mrkdwnContext(`:alarm_clock: We'll check in ${when} to see how the search is going.`);
}

export function buildSummaryMessage(input: SummaryMessageInput): SlackMessage {
  const settings = input.settings ?? DEFAULT_PRIVACY_SETTINGS;
  const all = normalizeAnswers(input.rejection.answers);
  const { company: _company, role: _role, ...unnamed } = all;
  // Searching while employed here: the DM's headings name no company or role either.
  const answers: RoutineAnswers = messageHeadingsNameCompany(settings) ? all : unnamed;
  const lesson = answers.lesson;
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*${headline(answers)}*\nThanks for taking the time. Here's everything in one place.`),
    ...feedbackBlocks(input.feedbackRequests),
    ...receivedFeedbackBlocks(input.entries ?? []),
    { type: 'divider' },
    ...reflectionBlocks(answers),
    ...[fitBlock(answers), tweaksBlock(answers)].filter((block): block is KnownBlock => block !== null),
    ...(lesson === undefined
      ? []
      : [quotedSection(`*${escapeMrkdwn(getField('lesson').summaryLabel)}*`, lesson)]),
    followUpBlock(input.followUpAt),
  ];
  const details = {
    company: answers.company && escapeName(answers.company),
    role: answers.role && escapeName(answers.role),
  };
  return {
    text: notificationText('summary', details, settings),
    blocks: blocks.slice(0, Limit.messageBlocks),
  };
}
