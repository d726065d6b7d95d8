// App Home: a welcome for first-timers; then the draft in progress, check-ins waiting for an
// answer (with the follow-up's own buttons, so they open the same modals), upcoming check-ins,
// patterns read across rejections, what each employer taught, and the history itself, newest
// first; each rejection opens into its own view (a modal), so Home stays short. Everything
// fits Slack's 100-block limit: history is cut to what fits and continues behind "Show more".

import { SNOOZE_CHOICES } from '../../domain/follow-up-rules.js';
import { type Patterns, type Reading, textBar } from '../../domain/patterns.js';
import type { PrepItem } from '../../domain/prep.js';
import { getStep, optionLabel, STEP_COUNT, STEPS } from '../../domain/routine.js';
import type { FollowUp, Rejection, StepNumber } from '../../domain/types.js';
import { answerButtons } from '../follow-ups/message.js';
import { snoozeOptionValue } from '../follow-ups/refs.js';
import type { KnownBlock } from '../platform/block-kit.js';
import { button, Limit, mrkdwnContext, mrkdwnSection, option, plainText } from '../platform/block-kit.js';
import { HomeActionId, HomeBlockId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, fitRendered, quote, slackDate, utcFallback } from '../platform/mrkdwn.js';
import { buildPrivacyBlocks, draftExpiryBlocks, type PrivacyBlocksInput } from './privacy-blocks.js';
import { type Undelivered, undeliveredBlocks } from './undelivered.js';

export interface HomeInput {
  /** Complete rejections of this page, newest first. */
  rejections: readonly Rejection[];
  /** Offset of the first rejection shown (0 on the first page). */
  offset: number;
  /** Whether more rejections exist after this page. */
  hasMore: boolean;
  draft: Rejection | null;
  /** Pending check-ins, soonest first. */
  upcoming: readonly FollowUp[];
  /** Delivered check-ins still waiting for an answer, newest first. */
  awaiting?: readonly FollowUp[];
  /** Company and role of the rejections the upcoming and awaiting check-ins belong to. */
  upcomingContext: ReadonlyMap<string, Rejection>;
  /** rejection id → feedback answered (true), none came (false), not recorded (missing). */
  feedback: ReadonlyMap<string, boolean>;
  patterns: Patterns;
  /** Lessons with company and date, newest first (first page only). */
  lessons?: readonly PrepItem[];
  /** Check-ins that failed for good lately (first page only). */
  undelivered?: readonly Undelivered[];
  /** The privacy section at the bottom (privacy-blocks.ts); left out when absent. */
  privacy?: PrivacyBlocksInput;
  /** The draft's expiry note: when it is now, and after how many untouched days drafts go. */
  draftExpiry?: { now: Date; days: number };
}

export type HomeView = { type: 'home'; blocks: KnownBlock[]; private_metadata?: string };

const MAX_UPCOMING = 5;
const MAX_AWAITING = 3;
const MAX_BARS = 3;
const MAX_LESSONS = 5;
/** Rendered (escaped, quoted) length of one lesson on Home: the rest is one click away. */
const LESSON_MAX = 1000;
/**
 * Blocks kept free at the bottom of every page for a settings area (privacy, "employed
 * here?"), below the history and its paging rows.
 */
export const SETTINGS_ROOM = 4;
/** Lists show shorter names than a single message does. */
const LIST_NAME_MAX = 80;

/** The company a check-in is about, bold; "the employer" if its rejection is not at hand. */
function employerOf(rejection: Rejection | undefined): string {
  return rejection
    ? `*${escapeName(rejection.answers.company, { max: LIST_NAME_MAX, fallback: 'Untitled' })}*`
    : 'the employer';
}

function title(rejection: Rejection): string {
  const company = escapeName(rejection.answers.company, { max: LIST_NAME_MAX, fallback: 'Untitled' });
  return rejection.answers.role
    ? `*${company}* · ${escapeName(rejection.answers.role, { max: LIST_NAME_MAX })}`
    : `*${company}*`;
}

function header(text: string): KnownBlock {
  return { type: 'header', text: plainText(text, 150) };
}

function welcome(): KnownBlock[] {
  return [
    header('Welcome to Rebound'),
    mrkdwnSection(
      "A job that didn't work out can still move you forward. Four short steps: ask for feedback, " +
        'reflect, tweak your search, and keep what you learned. A few days later, a gentle check-in.',
    ),
    {
      type: 'actions',
      block_id: HomeBlockId.start,
      elements: [button(HomeActionId.start, 'Start the routine', 'primary')],
    },
    mrkdwnContext('Only you can see this page and your answers. You can also type `/rejected` anywhere.'),
  ];
}

function draftBlocks(draft: Rejection): KnownBlock[] {
  const company = escapeName(draft.answers.company, { max: LIST_NAME_MAX, fallback: 'your last rejection' });
  return [
    {
      type: 'section',
      block_id: HomeBlockId.draft,
      text: {
        type: 'mrkdwn',
        text: `*Picking up where you left off?*\nYour notes on ${company} are saved at step ${draft.step} of ${STEP_COUNT}, ${escapeMrkdwn(getStep(draft.step).heading.toLowerCase())}.`,
      },
      accessory: { ...button(HomeActionId.resume, 'Resume'), value: draft.id },
    },
  ];
}

/** The follow-up DM's answer buttons: the same action ids, so they open the same modals. */
function awaitingBlocks(input: HomeInput): KnownBlock[] {
  const awaiting = (input.awaiting ?? []).slice(0, MAX_AWAITING);
  if (awaiting.length === 0) return [];
  const blocks: KnownBlock[] = [header('Waiting for you')];
  for (const followUp of awaiting) {
    const rejection = input.upcomingContext.get(followUp.rejectionId);
    const company = employerOf(rejection);
    const feedback = followUp.kind === 'feedback_check' || followUp.kind === 'feedback_recheck';
    blocks.push(
      mrkdwnSection(
        feedback
          ? `Did you hear back from ${company}?`
          : `Did you get to your plan after ${rejection ? title(rejection) : 'a past rejection'}?`,
      ),
      {
        type: 'actions',
        block_id: `${HomeBlockId.waitingPrefix}${followUp.id}`,
        elements: answerButtons(followUp),
      },
    );
  }
  return blocks;
}

function upcomingBlocks(input: HomeInput): KnownBlock[] {
  if (input.upcoming.length === 0) return [];
  const blocks: KnownBlock[] = [header('Coming up')];
  for (const followUp of input.upcoming.slice(0, MAX_UPCOMING)) {
    const rejection = input.upcomingContext.get(followUp.rejectionId);
    const company = employerOf(rejection);
    const what =
      followUp.kind === 'feedback_check' || followUp.kind === 'feedback_recheck'
        ? `Did you hear back from ${company}?`
        : `Check-in about ${rejection ? title(rejection) : 'a past rejection'}`;
    const when = slackDate(followUp.dueAt, '{date_short_pretty} at {time}', utcFallback(followUp.dueAt));
    blocks.push(mrkdwnSection(`${what}\n${when}`), {
      type: 'actions',
      block_id: `${HomeBlockId.upcomingPrefix}${followUp.id}`,
      elements: [
        {
          type: 'static_select',
          action_id: HomeActionId.snooze,
          placeholder: plainText('Snooze', Limit.placeholder),
          options: SNOOZE_CHOICES.map(({ choice, label }) =>
            option(snoozeOptionValue(choice, followUp.id), label),
          ),
        },
        { ...button(HomeActionId.cancelFollowUp, 'Cancel'), value: followUp.id },
      ],
    });
  }
  if (input.upcoming.length > MAX_UPCOMING) {
    blocks.push(mrkdwnContext(`And ${input.upcoming.length - MAX_UPCOMING} more after these.`));
  }
  return blocks;
}

function bars<T>(items: readonly { key: T; count: number }[], label: (key: T) => string): string {
  const max = items[0]?.count ?? 0;
  return items
    .slice(0, MAX_BARS)
    .map((item) => `\`${textBar(item.count, max)}\` ${item.count} · ${escapeMrkdwn(label(item.key))}`)
    .join('\n');
}

/** What a pattern may mean, one next step, and the person's own lesson when one fits. */
function readingText(reading: Reading | undefined): string {
  if (!reading) return '';
  const ownWords = reading.ownWords
    ? `\n_In your words, after *${escapeName(reading.ownWords.company, { max: LIST_NAME_MAX, fallback: 'one of them' })}*:_\n${fitRendered(reading.ownWords.text, LESSON_MAX, quote)}`
    : '';
  return `\n${escapeMrkdwn(reading.text)}\n→ ${escapeMrkdwn(reading.next)}${ownWords}`;
}

function patternBlocks(patterns: Patterns): KnownBlock[] {
  if (patterns.total === 0) return [];
  // Too few to compare: say what this space will hold rather than draw thin bars.
  if (patterns.later) return [header('Patterns'), mrkdwnSection(escapeMrkdwn(patterns.later))];
  const reading = (pattern: Reading['pattern']) => patterns.readings.find((r) => r.pattern === pattern);
  const { sent, answered } = patterns.feedback;
  const feedbackBar = sent > 0 ? `\n\`${textBar(answered, sent)}\` ${answered} of ${sent} notes sent` : '';
  const fields = [
    patterns.stages.length > 0
      ? `*Where processes ended*\n${bars(patterns.stages, (stage) => optionLabel('stage', stage) ?? stage)}${readingText(reading('stages'))}`
      : null,
    patterns.tweaks.length > 0
      ? `*Tweaks you chose most*\n${bars(patterns.tweaks, (tweak) => optionLabel('tweaks', tweak) ?? tweak)}${readingText(reading('tweaks'))}`
      : null,
    `*Feedback answered*${feedbackBar}${readingText(reading('feedback'))}`,
  ].filter((field): field is string => field !== null);
  return [
    header('Patterns'),
    ...(patterns.progress ? [mrkdwnSection(`*${escapeMrkdwn(patterns.progress)}*`)] : []),
    ...fields.map((text) => mrkdwnSection(text)),
    mrkdwnContext(`Across your ${patterns.total} rejections. Patterns are clues, not verdicts.`),
  ];
}

function dateOf(when: Date): string {
  return slackDate(when, '{date_short_pretty}', utcFallback(when));
}

/** "What each employer taught you": the newest lessons, the rest in the prep view. */
function lessonBlocks(lessons: readonly PrepItem[]): KnownBlock[] {
  if (lessons.length === 0) return [];
  const rest = lessons.length - MAX_LESSONS;
  return [
    header('What each employer taught you'),
    ...lessons
      .slice(0, MAX_LESSONS)
      .map((lesson) =>
        mrkdwnSection(
          `*${escapeName(lesson.company, { max: LIST_NAME_MAX, fallback: 'Untitled' })}* · ${dateOf(lesson.at)}\n${fitRendered(lesson.text, LESSON_MAX, quote)}`,
        ),
      ),
    ...(rest > 0 ? [mrkdwnContext(`And ${rest} more: *Before your next interview* gathers them all.`)] : []),
  ];
}

function stepsLine(rejection: Rejection): string {
  const done = (step: StepNumber) => rejection.status === 'complete' || step < rejection.step;
  return STEPS.map((step) => `${done(step.number) ? '✓' : '○'} ${step.title}`).join('  ');
}

function rejectionBlock(rejection: Rejection, feedback: boolean | undefined): KnownBlock {
  const stage = rejection.answers.stage ? optionLabel('stage', rejection.answers.stage) : undefined;
  const when = rejection.completedAt ?? rejection.createdAt;
  const date = slackDate(when, '{date_short_pretty}', utcFallback(when));
  const feedbackText =
    feedback === true ? 'Feedback received' : feedback === false ? 'No feedback came' : 'No feedback yet';
  return {
    ...mrkdwnSection(
      `${title(rejection)}\n${date}${stage ? ` · ended at ${escapeMrkdwn(stage)}` : ''}\n${stepsLine(rejection)}  ·  ${feedbackText}`,
    ),
    accessory: { ...button(HomeActionId.openRejection, 'Open'), value: rejection.id },
  };
}

export function buildHomeView(input: HomeInput): HomeView {
  const privacy = input.privacy ? buildPrivacyBlocks(input.privacy) : [];
  const firstTime = input.rejections.length === 0 && input.offset === 0 && !input.draft;
  if (firstTime) return { type: 'home', blocks: [...welcome(), ...privacy] };

  const top: KnownBlock[] = [
    header('Rebound'),
    {
      type: 'actions',
      block_id: HomeBlockId.start,
      elements: [
        button(HomeActionId.start, 'Start the routine', 'primary'),
        button(HomeActionId.openPrep, 'Before your next interview'),
      ],
    },
    ...(input.draft ? draftBlocks(input.draft) : []),
    ...(input.draft && input.draftExpiry
      ? draftExpiryBlocks(input.draft, input.draftExpiry.now, input.draftExpiry.days)
      : []),
    ...(input.offset === 0 ? undeliveredBlocks(input.undelivered ?? []) : []),
    ...awaitingBlocks(input),
    ...upcomingBlocks(input),
    ...(input.offset === 0 ? [...patternBlocks(input.patterns), ...lessonBlocks(input.lessons ?? [])] : []),
  ];
  if (input.rejections.length > 0)
    top.push(header(input.offset === 0 ? 'Your rejections' : 'Earlier rejections'));

  // One block per rejection; keep three blocks for the divider and the paging rows, and room
  // for the settings area below them.
  const room = Limit.homeBlocks - top.length - 3 - Math.max(SETTINGS_ROOM, privacy.length);
  const shown = input.rejections.slice(0, Math.max(0, room));
  const blocks = [
    ...top,
    ...shown.map((rejection) => rejectionBlock(rejection, input.feedback.get(rejection.id))),
  ];
  const more = input.hasMore || shown.length < input.rejections.length;
  if (more || input.offset > 0) blocks.push({ type: 'divider' });
  if (more) {
    blocks.push({
      type: 'actions',
      block_id: HomeBlockId.more,
      elements: [
        { ...button(HomeActionId.showMore, 'Show more'), value: String(input.offset + shown.length) },
      ],
    });
  }
  if (input.offset > 0) {
    blocks.push({
      type: 'actions',
      block_id: HomeBlockId.newest,
      elements: [{ ...button(HomeActionId.showMore, 'Back to the newest'), value: '0' }],
    });
  }
  return { type: 'home', blocks: [...blocks, ...privacy] };
}
