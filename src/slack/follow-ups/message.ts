// The follow-up DMs. A reflect follow-up speaks to one rejection: it names the company and role,
// recalls one thing the person wrote or chose (and the feedback they got, if any), asks one
// concrete question and offers four ways to answer. A feedback check asks whether the
// employer replied. Once answered, the same DM is shown with the buttons replaced by a line
// saying what was chosen, so stale buttons never linger.

import { SNOOZE_CHOICES } from '../../domain/follow-up-rules.js';
import {
  DEFAULT_PRIVACY_SETTINGS,
  messageHeadingsNameCompany,
  notificationText,
  type PrivacySettings,
} from '../../domain/notification-text.js';
import { normalizeAnswers, optionLabel } from '../../domain/routine.js';
import type {
  FollowUp,
  ReflectionAnswers,
  Rejection,
  RejectionEntry,
  RoutineAnswers,
} from '../../domain/types.js';
import {
  type ActionsBlock,
  type Button,
  button,
  type KnownBlock,
  mrkdwnContext,
  mrkdwnSection,
  option,
  plainText,
} from '../platform/block-kit.js';
import { FollowUpActionId, FollowUpBlockId } from '../platform/ids.js';
import { escapeName, fitRendered, quote, slackDate, utcFallback } from '../platform/mrkdwn.js';
import { snoozeOptionValue } from './refs.js';

/** What the person did with a follow-up, shown in place of its buttons. */
export type FollowUpChoice =
  | { kind: 'snoozed'; until: Date }
  | { kind: 'stopped' }
  | { kind: 'reflected' }
  | { kind: 'tweaked' }
  | { kind: 'feedback_noted' }
  | { kind: 'no_feedback' };

export interface FollowUpMessage {
  text: string;
  blocks: KnownBlock[];
}

export const FollowUpText = {
  reflectNow: 'Reflect now',
  tweakSearch: 'Tweak my search',
  snooze: 'Snooze',
  done: "I'm done",
  feedbackYes: 'Yes, note it',
  feedbackNone: 'No reply yet',
} as const;

/** A follow-up recalls, it doesn't repeat: long answers are cut to a glance. */
const RECALL_MAX = 400;

/** How a step-2 prompt is named when we recall what was written for it. */
const REFLECTION_TOPICS: readonly [keyof ReflectionAnswers, string][] = [
  ['interview', 'the interview'],
  ['preparation', 'preparing'],
  ['rapport', 'the interviewer'],
  ['strengths', 'your strengths'],
];

function quoted(intro: string, text: string): string {
  return fitRendered(text, RECALL_MAX + intro.length, (shown) => `${intro}\n${quote(shown)}`);
}

/** "Product designer at Acme", or as much of it as the answers have. */
function subject(answers: RoutineAnswers): string | undefined {
  const { company, role } = answers;
  if (role !== undefined && company !== undefined) return `${escapeName(role)} at ${escapeName(company)}`;
  return company === undefined ? (role === undefined ? undefined : escapeName(role)) : escapeName(company);
}

function latest<T extends RejectionEntry['data']['kind']>(entries: RejectionEntry[], kind: T) {
  return entries
    .filter(
      (entry): entry is RejectionEntry & { data: Extract<RejectionEntry['data'], { kind: T }> } =>
        entry.data.kind === kind,
    )
    .at(-1)?.data;
}

function firstReflection(answers: ReflectionAnswers): { topic: string; text: string } | undefined {
  for (const [field, topic] of REFLECTION_TOPICS) {
    const text = answers[field]?.trim();
    if (text) return { topic, text };
  }
  return undefined;
}

/** One thing they wrote or chose, and the question it leads to. Newest thinking first. */
function recall(answers: RoutineAnswers, entries: RejectionEntry[]): { lines: string; question: string } {
  const wroteAbout = ({ topic, text }: { topic: string; text: string }) => ({
    lines: quoted(`Here's what you wrote about ${topic}:`, text),
    question: "What's one small step you could take on it this week?",
  });
  const reflectedLater = latest(entries, 'reflection');
  const written = reflectedLater ? firstReflection(reflectedLater.answers) : undefined;
  if (written) return wroteAbout(written);
  const tweak = answers.tweaks?.flatMap((id) => optionLabel('tweaks', id) ?? [])[0] ?? answers.tweakOther;
  if (tweak !== undefined) {
    return {
      lines: `You planned to try: *${escapeName(tweak)}*`,
      question: 'Have you had a chance to try it yet?',
    };
  }
  const reflection = firstReflection(answers);
  if (reflection) return wroteAbout(reflection);
  return { lines: '', question: "What's one thing you'd like to try on your next application?" };
}

/** The newest feedback the employer actually gave ("no reply" entries say nothing to recall). */
function feedbackReceived(entries: RejectionEntry[]): string | undefined {
  for (const { data } of [...entries].reverse()) {
    if (data.kind === 'feedback' && data.received && data.text) return data.text;
  }
  return undefined;
}

/** A follow-up's button: its value is the follow-up id and nothing else. */
function followUpButton(followUp: FollowUp, actionId: string, label: string, style?: 'primary'): Button {
  return { ...button(actionId, label, style), value: followUp.id };
}

/** The buttons that answer a follow-up, in its DM and on Home alike, so they open the same modals. */
export function answerButtons(followUp: FollowUp): Button[] {
  return followUp.kind === 'feedback_check'
    ? [
        followUpButton(followUp, FollowUpActionId.feedbackYes, FollowUpText.feedbackYes, 'primary'),
        followUpButton(followUp, FollowUpActionId.feedbackNone, FollowUpText.feedbackNone),
      ]
    : [
        followUpButton(followUp, FollowUpActionId.reflectNow, FollowUpText.reflectNow, 'primary'),
        followUpButton(followUp, FollowUpActionId.tweakSearch, FollowUpText.tweakSearch),
      ];
}

/** The DM's buttons: a reflect follow-up can also be snoozed or stopped there. */
function dmActions(followUp: FollowUp): ActionsBlock {
  const more =
    followUp.kind === 'feedback_check'
      ? []
      : [
          {
            type: 'static_select' as const,
            action_id: FollowUpActionId.snooze,
            placeholder: plainText(FollowUpText.snooze, 150),
            options: SNOOZE_CHOICES.map(({ choice, label }) =>
              option(snoozeOptionValue(choice, followUp.id), label),
            ),
          },
          followUpButton(followUp, FollowUpActionId.done, FollowUpText.done),
        ];
  return {
    type: 'actions',
    block_id: FollowUpBlockId.actions,
    elements: [...answerButtons(followUp), ...more],
  };
}

function reflectFollowUp(followUp: FollowUp, answers: RoutineAnswers, entries: RejectionEntry[]) {
  const about = subject(answers);
  const heading = about === undefined ? '*Checking in*' : `*Checking in: ${about}*`;
  const { lines, question } = recall(answers, entries);
  const feedback = feedbackReceived(entries);
  const company = answers.company === undefined ? 'they' : escapeName(answers.company);
  const blocks: KnownBlock[] = [mrkdwnSection(lines === '' ? heading : `${heading}\n${lines}`)];
  if (feedback !== undefined) blocks.push(mrkdwnSection(quoted(`*What ${company} told you*`, feedback)));
  blocks.push(mrkdwnSection(`*${question}*`));
  const fallback = answers.company === undefined ? undefined : escapeName(answers.company);
  return { details: { company: fallback, question }, blocks, actions: dmActions(followUp) };
}

function feedbackCheckFollowUp(followUp: FollowUp, answers: RoutineAnswers) {
  const heading =
    answers.company === undefined
      ? 'Did you hear back?'
      : `Did you hear back from ${escapeName(answers.company)}?`;
  const about = answers.role === undefined ? '' : ` on the ${escapeName(answers.role)} role`;
  const body =
    `If they shared any feedback${about}, note it here and we'll keep it with your plan. ` +
    'No reply is common, and it says nothing about you.';
  return {
    details: {
      company: answers.company && escapeName(answers.company),
      role: answers.role && escapeName(answers.role),
    },
    blocks: [mrkdwnSection(`*${heading}*\n${body}`)],
    actions: dmActions(followUp),
  };
}

function loaded(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[],
  settings: PrivacySettings,
) {
  const all = normalizeAnswers(rejection.answers);
  // Searching while employed here: the DM's headings name no company or role either.
  const { company: _company, role: _role, ...unnamed } = all;
  const answers: RoutineAnswers = messageHeadingsNameCompany(settings) ? all : unnamed;
  const built =
    followUp.kind === 'feedback_check'
      ? feedbackCheckFollowUp(followUp, answers)
      : reflectFollowUp(followUp, answers, entries);
  const details = { ...built.details, ...(answers === all ? {} : { company: undefined, role: undefined }) };
  const kind = followUp.kind === 'feedback_check' ? 'feedback_check' : 'reflect_follow_up';
  return { ...built, text: notificationText(kind, details, settings) };
}

/** The follow-up as first sent: what the follow-up job posts. */
export function buildFollowUpMessage(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[] = [],
  settings: PrivacySettings = DEFAULT_PRIVACY_SETTINGS,
): FollowUpMessage {
  const { text, blocks, actions } = loaded(followUp, rejection, entries, settings);
  return { text, blocks: [...blocks, actions] };
}

function choiceLine(choice: FollowUpChoice, company: string | undefined): string {
  switch (choice.kind) {
    case 'snoozed': {
      const when = slackDate(choice.until, '{date_short_pretty} at {time}', utcFallback(choice.until));
      return `:zzz: Snoozed until ${when}.`;
    }
    case 'stopped':
      return `:white_check_mark: Done. No more check-ins about ${company === undefined ? 'this one' : escapeName(company)}.`;
    case 'reflected':
      return ':pencil: Your reflection is saved with your plan.';
    case 'tweaked':
      return ':pencil: Your search plan is updated.';
    case 'feedback_noted':
      return ':memo: Their feedback is saved with your plan.';
    case 'no_feedback':
      return 'Noted: no reply yet.';
  }
}

/** The same follow-up once answered: its context stays, its buttons become one line. */
export function buildAnsweredFollowUpMessage(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[],
  choice: FollowUpChoice,
  settings: PrivacySettings = DEFAULT_PRIVACY_SETTINGS,
): FollowUpMessage {
  const { text, blocks } = loaded(followUp, rejection, entries, settings);
  const company = messageHeadingsNameCompany(settings)
    ? normalizeAnswers(rejection.answers).company
    : undefined;
  return { text, blocks: [...blocks, mrkdwnContext(choiceLine(choice, company))] };
}
