// One rejection, whole: the modal Home's "Open" shows. Everything the person entered for it —
// the feedback notes (sent or not), the feedback that came, their reflections (from the
// routine and added later), the fit and the tweaks, the lesson — and what comes next.
// Read-only, so it has no submit. Everything typed is escaped and cut to Slack's limits.

import { getField, optionLabel } from '../../domain/routine.js';
import type { FieldId, FollowUp, ReflectionAnswers, Rejection, RejectionEntry } from '../../domain/types.js';
import type { KnownBlock, ModalView } from '../platform/block-kit.js';
import { Limit, modal, mrkdwnContext, mrkdwnSection, plainText } from '../platform/block-kit.js';
import { HomeCallbackId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, fitRendered, quote, slackDate, utcFallback } from '../platform/mrkdwn.js';
import type { FeedbackNote } from './feedback-notes.js';

export interface RejectionViewInput {
  rejection: Rejection;
  notes: readonly FeedbackNote[];
  /** Added after the routine, oldest first. */
  entries: readonly RejectionEntry[];
  /** This rejection's follow-ups, soonest first. */
  followUps: readonly FollowUp[];
}

/** Entries beyond these (newest kept) are counted, not shown: the modal holds 100 blocks. */
const MAX_FEEDBACK = 8;
const MAX_REFLECTIONS = 6;
const REFLECTION_FIELDS = ['interview', 'preparation', 'rapport', 'strengths'] as const;
const FIT_FIELDS = ['dailyFit', 'excited', 'skillsElsewhere'] as const;

const header = (text: string): KnownBlock => ({ type: 'header', text: plainText(text, 150) });
const dateOf = (when: Date, format = '{date_short_pretty}'): string =>
  slackDate(when, format, utcFallback(when));
const label = (id: FieldId): string => getField(id).summaryLabel;
const newestFirst = <T extends { createdAt: Date }>(items: T[]): T[] =>
  items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

/** A bold label over the person's text as a quote, the whole within one section. */
function quoted(title: string, text: string): KnownBlock {
  return mrkdwnSection(`${title}\n${fitRendered(text, Limit.sectionText - title.length - 1, quote)}`);
}

function titleOf(rejection: Rejection): string {
  const { company, role } = rejection.answers;
  return [company, role].filter((part) => part?.trim()).join(' · ') || 'Untitled';
}

function aboutBlocks(rejection: Rejection): KnownBlock[] {
  const { answers } = rejection;
  const stage = answers.stage ? optionLabel('stage', answers.stage) : undefined;
  const helper =
    answers.intermediary === 'recruiter' || answers.intermediary === 'headhunter'
      ? `with a ${answers.intermediary}${answers.intermediaryName ? ` (${escapeName(answers.intermediaryName)})` : ''}`
      : undefined;
  const parts = [
    dateOf(rejection.completedAt ?? rejection.createdAt),
    stage ? `ended at ${escapeMrkdwn(stage)}` : undefined,
    answers.employerContact ? `your contact: ${escapeName(answers.employerContact)}` : undefined,
    helper,
  ].filter((part): part is string => part !== undefined);
  return [header(titleOf(rejection)), mrkdwnContext(parts.join(' · '))];
}

function noteBlocks(notes: readonly FeedbackNote[]): KnownBlock[] {
  if (notes.length === 0) return [];
  return [
    header('Feedback notes'),
    ...notes.map((note) =>
      quoted(
        `*To ${escapeName(note.recipient)}* · ${note.sentAt ? `marked sent ${dateOf(note.sentAt)}` : 'not marked sent'}`,
        note.text,
      ),
    ),
  ];
}

function feedbackBlocks(entries: readonly RejectionEntry[]): KnownBlock[] {
  const feedback = newestFirst(entries.filter((entry) => entry.data.kind === 'feedback'));
  const blocks: KnownBlock[] = [header('Feedback')];
  if (feedback.length === 0) {
    blocks.push(
      mrkdwnSection('Nothing recorded yet. When a check-in asks if you heard back, your answer shows here.'),
    );
    return blocks;
  }
  for (const { data, createdAt } of feedback.slice(0, MAX_FEEDBACK)) {
    if (data.kind !== 'feedback') continue;
    const when = dateOf(createdAt);
    if (data.received && data.text) blocks.push(quoted(`*What they said* · ${when}`, data.text));
    else
      blocks.push(
        mrkdwnSection(data.received ? `*They answered* · ${when}` : `*No feedback came* · ${when}`),
      );
  }
  if (feedback.length > MAX_FEEDBACK)
    blocks.push(mrkdwnContext(`And ${feedback.length - MAX_FEEDBACK} earlier answers, in your export.`));
  return blocks;
}

function reflectionBlocks(rejection: Rejection, entries: readonly RejectionEntry[]): KnownBlock[] {
  const fieldsOf = (answers: ReflectionAnswers, suffix: string): KnownBlock[] =>
    REFLECTION_FIELDS.flatMap((id) => {
      const text = answers[id];
      return text?.trim() ? [quoted(`*${escapeMrkdwn(label(id))}*${suffix}`, text)] : [];
    });
  const later = newestFirst(
    entries.flatMap((entry) =>
      entry.data.kind === 'reflection' ? [{ ...entry, answers: entry.data.answers }] : [],
    ),
  );
  const blocks = [
    ...fieldsOf(rejection.answers, ''),
    ...later
      .slice(0, MAX_REFLECTIONS)
      .flatMap((entry) => fieldsOf(entry.answers, ` · added ${dateOf(entry.createdAt)}`)),
  ];
  if (later.length > MAX_REFLECTIONS)
    blocks.push(mrkdwnContext(`And ${later.length - MAX_REFLECTIONS} earlier reflections, in your export.`));
  return blocks.length > 0 ? [header('Your reflections'), ...blocks] : [];
}

function tweakBlocks(rejection: Rejection): KnownBlock[] {
  const { answers } = rejection;
  const fit = FIT_FIELDS.flatMap((id) => {
    const value = answers[id];
    const shown = value ? optionLabel(id, value) : undefined;
    return shown ? [`${escapeMrkdwn(label(id))}: *${escapeMrkdwn(shown)}*`] : [];
  });
  const tweaks = (answers.tweaks ?? []).map(
    (tweak) => `• ${escapeMrkdwn(optionLabel('tweaks', tweak) ?? tweak)}`,
  );
  const blocks: KnownBlock[] = [];
  if (fit.length > 0) blocks.push(mrkdwnSection(fit.join('\n')));
  if (answers.fitNotes?.trim()) blocks.push(quoted(`*${escapeMrkdwn(label('fitNotes'))}*`, answers.fitNotes));
  if (tweaks.length > 0)
    blocks.push(mrkdwnSection(`*${escapeMrkdwn(label('tweaks'))}*\n${tweaks.join('\n')}`));
  if (answers.tweakOther?.trim())
    blocks.push(quoted(`*${escapeMrkdwn(label('tweakOther'))}*`, answers.tweakOther));
  return blocks.length > 0 ? [header('Fit and tweaks'), ...blocks] : [];
}

/** What they said they'd act on after the feedback, and how it went ("Yes, I did it"). */
function actionBlocks(entries: readonly RejectionEntry[]): KnownBlock[] {
  const lines = newestFirst([...entries]).flatMap(({ data, createdAt }) =>
    data.kind === 'action'
      ? [quoted(`*You said you'd* · ${dateOf(createdAt)}`, data.text)]
      : data.kind === 'progress'
        ? [quoted(`*How it went* · ${dateOf(createdAt)}`, data.text)]
        : [],
  );
  const blocks = lines.slice(0, MAX_REFLECTIONS);
  if (lines.length > MAX_REFLECTIONS)
    blocks.push(mrkdwnContext(`And ${lines.length - MAX_REFLECTIONS} earlier updates, in your export.`));
  return blocks.length > 0 ? [header('What you did about it'), ...blocks] : [];
}

function lessonBlocks(rejection: Rejection): KnownBlock[] {
  const lesson = rejection.answers.lesson;
  return lesson?.trim() ? [header('The lesson'), quoted('*What it taught you*', lesson)] : [];
}

const isFeedbackKind = (followUp: FollowUp) =>
  followUp.kind === 'feedback_check' || followUp.kind === 'feedback_recheck';

function nextBlocks(followUps: readonly FollowUp[]): KnownBlock[] {
  const pending = followUps.filter((followUp) => followUp.status === 'pending');
  const waiting = followUps.filter((followUp) => followUp.status === 'sent');
  const lines = [
    ...waiting.map((followUp) =>
      isFeedbackKind(followUp)
        ? 'A check-in asking if you heard back is waiting in your DM.'
        : 'A check-in on your plan is waiting in your DM.',
    ),
    ...pending.map((followUp) => {
      const when = dateOf(followUp.dueAt, '{date_long} at {time}');
      return isFeedbackKind(followUp)
        ? `${when}: a check-in asking if you heard back`
        : `${when}: a check-in on what you chose to act on`;
    }),
  ];
  return [
    header('What comes next'),
    mrkdwnSection(lines.length > 0 ? lines.join('\n') : 'No check-ins planned for this one.'),
  ];
}

export function buildRejectionView(input: RejectionViewInput): ModalView {
  const { rejection, entries } = input;
  return modal({
    callbackId: HomeCallbackId.rejection,
    title: rejection.answers.company?.trim() || 'Your rejection',
    close: 'Close',
    blocks: [
      ...aboutBlocks(rejection),
      ...noteBlocks(input.notes),
      ...feedbackBlocks(entries),
      ...reflectionBlocks(rejection, entries),
      ...tweakBlocks(rejection),
      ...actionBlocks(entries),
      ...lessonBlocks(rejection),
      ...nextBlocks(input.followUps),
      mrkdwnContext(':lock: Only you can see this.'),
    ],
  });
}
