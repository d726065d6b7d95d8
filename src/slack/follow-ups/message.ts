// The follow-up DMs, one per kind of question a career coach would ask:
// - the feedback check ("Did you hear back from Acme?"), about five working days after a note
//   was marked sent: Yes, note it / Not yet / I didn't send it;
// - the re-check, once, after "Not yet": Yes, note it / Still nothing (then we let it go);
// - the action check-in, on the day the person chose: it quotes their own action, lesson and
//   fit answers, and asks whether they did it: Yes, I did it / Not yet / Change the plan /
//   Snooze / Stop check-ins for this one.
// Once answered, the same DM is shown with its buttons replaced by a line saying what happens
// next, so stale buttons never linger.

import { SNOOZE_CHOICES } from '../../domain/follow-up-rules.js';
import {
  DEFAULT_PRIVACY_SETTINGS,
  messageHeadingsNameCompany,
  notificationText,
  type PrivacySettings,
} from '../../domain/notification-text.js';
import { normalizeAnswers, optionLabel } from '../../domain/routine.js';
import type { FollowUp, Rejection, RejectionEntry, RoutineAnswers } from '../../domain/types.js';
import type { ActionsBlock, Button, KnownBlock } from '../platform/block-kit.js';
import { button, mrkdwnContext, mrkdwnSection, option, plainText } from '../platform/block-kit.js';
import { FollowUpActionId, FollowUpBlockId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, fitRendered, quote, slackDate, utcFallback } from '../platform/mrkdwn.js';
import { snoozeOptionValue } from './refs.js';

/** What the person did with a follow-up, shown in place of its buttons. */
export type FollowUpChoice =
  | { kind: 'snoozed'; until: Date }
  | { kind: 'stopped' }
  | { kind: 'reflected' }
  | { kind: 'tweaked'; next: Date | null }
  | { kind: 'feedback_noted'; next: Date | null }
  | { kind: 'no_feedback' }
  /** "Not yet": a chaser to send if they like, and when we'll ask once more. */
  | { kind: 'not_yet'; recheckAt: Date; chaser: string }
  | { kind: 'not_sent' }
  | { kind: 'let_go' }
  | { kind: 'did_it'; next: Date | null; foundRole: boolean }
  | { kind: 'ask_again'; at: Date };

export interface FollowUpMessage {
  text: string;
  blocks: KnownBlock[];
}

export const FollowUpText = {
  snooze: 'Snooze',
  stop: 'Stop check-ins for this one',
  feedbackYes: 'Yes, note it',
  feedbackNotYet: 'Not yet',
  notSent: "I didn't send it",
  letGo: 'Still nothing',
  didIt: 'Yes, I did it',
  notYet: 'Not yet',
  changePlan: 'Change the plan',
} as const;

/** A follow-up recalls, it doesn't repeat: long answers are cut to a glance. */
const RECALL_MAX = 400;
const FIT_CHOICES = ['dailyFit', 'excited', 'skillsElsewhere'] as const;

function quoted(intro: string, text: string): string {
  return fitRendered(text, RECALL_MAX + intro.length, (shown) => `${intro}\n${quote(shown)}`);
}

function longDate(date: Date): string {
  return slackDate(date, '{date_long}', utcFallback(date));
}

/** "Product designer at Acme", or as much of it as the answers have. */
function subject(answers: RoutineAnswers): string | undefined {
  const { company, role } = answers;
  if (role !== undefined && company !== undefined) return `${escapeName(role)} at ${escapeName(company)}`;
  return company === undefined ? (role === undefined ? undefined : escapeName(role)) : escapeName(company);
}

function latestText(entries: RejectionEntry[], kind: 'action' | 'progress'): string | undefined {
  for (const { data } of [...entries].reverse()) {
    if (data.kind === kind && data.text.trim() !== '') return data.text;
  }
  return undefined;
}

/** The newest feedback the employer actually gave ("no reply" entries say nothing to recall). */
function feedbackReceived(entries: RejectionEntry[]): string | undefined {
  for (const { data } of [...entries].reverse()) {
    if (data.kind === 'feedback' && data.received && data.text) return data.text;
  }
  return undefined;
}

/** A follow-up's button: its value is the follow-up id and nothing else. */
function withId(followUp: FollowUp, actionId: string, label: string, style?: 'primary'): Button {
  return { ...button(actionId, label, style), value: followUp.id };
}

/** The buttons that answer a follow-up, in its DM and on Home alike, so they open the same modals. */
export function answerButtons(followUp: FollowUp): Button[] {
  switch (followUp.kind) {
    case 'feedback_check':
      return [
        withId(followUp, FollowUpActionId.feedbackYes, FollowUpText.feedbackYes, 'primary'),
        withId(followUp, FollowUpActionId.feedbackNone, FollowUpText.feedbackNotYet),
        withId(followUp, FollowUpActionId.notSent, FollowUpText.notSent),
      ];
    case 'feedback_recheck':
      return [
        withId(followUp, FollowUpActionId.feedbackYes, FollowUpText.feedbackYes, 'primary'),
        withId(followUp, FollowUpActionId.letGo, FollowUpText.letGo),
      ];
    case 'reflect':
    case 'action_check':
      return [
        withId(followUp, FollowUpActionId.didIt, FollowUpText.didIt, 'primary'),
        withId(followUp, FollowUpActionId.notYet, FollowUpText.notYet),
      ];
    case 'summary':
      return [];
  }
}

function actions(elements: ActionsBlock['elements']): ActionsBlock {
  return { type: 'actions', block_id: FollowUpBlockId.actions, elements };
}

function snoozeMenu(followUp: FollowUp) {
  return {
    type: 'static_select' as const,
    action_id: FollowUpActionId.snooze,
    placeholder: plainText(FollowUpText.snooze, 150),
    options: SNOOZE_CHOICES.map(({ choice, label }) => option(snoozeOptionValue(choice, followUp.id), label)),
  };
}

/**
 * The top-level `text` of a follow-up DM: what lock screens and notifications show. Discreet
 * unless the person turned details on (domain/notification-text.ts).
 */
function textFor(followUp: FollowUp, rejection: Rejection, settings: PrivacySettings): string {
  const answers = normalizeAnswers(rejection.answers);
  const named = messageHeadingsNameCompany(settings);
  const details = {
    company: named && answers.company ? escapeName(answers.company) : undefined,
    role: named && answers.role ? escapeName(answers.role) : undefined,
  };
  const asks = followUp.kind === 'feedback_check' || followUp.kind === 'feedback_recheck';
  return notificationText(asks ? 'feedback_check' : 'reflect_follow_up', details, settings);
}

function company(answers: RoutineAnswers): string {
  return answers.company === undefined ? 'them' : escapeName(answers.company);
}

function feedbackCheck(followUp: FollowUp, answers: RoutineAnswers): KnownBlock[] {
  const about =
    answers.role === undefined ? 'your note' : `your note about the ${escapeName(answers.role)} role`;
  const gentle =
    answers.feeling === 'gutted' ? ' However it went, a reply or none says nothing about you.' : '';
  return [
    mrkdwnSection(
      `*Did you hear back from ${company(answers)}?*\nYou sent ${about} about a week ago. If they replied, note what they said and we'll keep it with your plan.${gentle}`,
    ),
    actions(answerButtons(followUp)),
  ];
}

function feedbackRecheck(followUp: FollowUp, answers: RoutineAnswers): KnownBlock[] {
  return [
    mrkdwnSection(
      `*Any word from ${company(answers)}?*\nWe said we'd ask once more about your note. If they replied, note it here.`,
    ),
    actions(answerButtons(followUp)),
  ];
}

function fitLine(answers: RoutineAnswers): string | undefined {
  const parts = FIT_CHOICES.flatMap((id) => {
    const value = answers[id];
    const label = typeof value === 'string' ? optionLabel(id, value) : undefined;
    return label === undefined ? [] : [`${FIT_LABEL[id]}: ${label}`];
  });
  return parts.length === 0 ? undefined : `*On the fit, you said* ${parts.map(escapeMrkdwn).join(' · ')}`;
}

/** Short names for the fit questions, as a check-in recalls them. */
const FIT_LABEL: Record<(typeof FIT_CHOICES)[number], string> = {
  dailyFit: 'the day-to-day',
  excited: 'excited about the role',
  skillsElsewhere: 'another kind of place',
};

/** What they said they'd do: the action chosen after the feedback, else the tweak from step 3. */
function plannedAction(answers: RoutineAnswers, entries: RejectionEntry[]): string | undefined {
  const chosen = latestText(entries, 'action');
  if (chosen !== undefined) return chosen;
  const tweak = answers.tweaks?.flatMap((id) => optionLabel('tweaks', id) ?? [])[0];
  return tweak ?? answers.tweakOther;
}

function actionCheck(followUp: FollowUp, answers: RoutineAnswers, entries: RejectionEntry[]): KnownBlock[] {
  const about = subject(answers);
  const blocks: KnownBlock[] = [
    mrkdwnSection(about === undefined ? '*Checking in*' : `*Checking in: ${about}*`),
  ];
  const action = plannedAction(answers, entries);
  const fit = fitLine(answers);
  // Someone relieved it ended hears about the fit first: that is where their answer lies.
  if (answers.feeling === 'relieved' && fit !== undefined) blocks.push(mrkdwnSection(fit));
  if (action !== undefined) blocks.push(mrkdwnSection(quoted("*You said you'd*", action)));
  if (answers.lesson !== undefined)
    blocks.push(mrkdwnSection(quoted('*What you took from it*', answers.lesson)));
  const feedback = feedbackReceived(entries);
  if (feedback !== undefined)
    blocks.push(mrkdwnSection(quoted(`*What ${company(answers)} told you*`, feedback)));
  if (answers.feeling !== 'relieved' && fit !== undefined) blocks.push(mrkdwnContext(fit));
  const progress = latestText(entries, 'progress');
  if (progress !== undefined) blocks.push(mrkdwnSection(quoted('*Last time*', progress)));
  const question =
    action === undefined ? "*Have you taken a step on what you'd change?*" : '*Did you get to it?*';
  blocks.push(mrkdwnSection(question));
  blocks.push(
    actions([
      ...answerButtons(followUp),
      withId(followUp, FollowUpActionId.tweakSearch, FollowUpText.changePlan),
      snoozeMenu(followUp),
      withId(followUp, FollowUpActionId.done, FollowUpText.stop),
    ]),
  );
  return blocks;
}

function blocksFor(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[],
  settings: PrivacySettings,
): KnownBlock[] {
  const all = normalizeAnswers(rejection.answers);
  // Searching while employed here: the DM's headings name no company or role either.
  const { company: _company, role: _role, ...unnamed } = all;
  const answers: RoutineAnswers = messageHeadingsNameCompany(settings) ? all : unnamed;
  switch (followUp.kind) {
    case 'feedback_check':
      return feedbackCheck(followUp, answers);
    case 'feedback_recheck':
      return feedbackRecheck(followUp, answers);
    case 'reflect':
    case 'action_check':
      return actionCheck(followUp, answers, entries);
    case 'summary':
      // The summary is composed by follow-ups/compose.ts; it has no question to ask.
      return [];
  }
}

/** The follow-up as first sent: what the follow-up job posts. */
export function buildFollowUpMessage(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[] = [],
  settings: PrivacySettings = DEFAULT_PRIVACY_SETTINGS,
): FollowUpMessage {
  return {
    text: textFor(followUp, rejection, settings),
    blocks: blocksFor(followUp, rejection, entries, settings),
  };
}

function nextLine(next: Date | null): string {
  return next === null ? '' : ` We'll check in on ${longDate(next)}.`;
}

function choiceBlocks(choice: FollowUpChoice, answers: RoutineAnswers): KnownBlock[] {
  switch (choice.kind) {
    case 'snoozed':
      return [
        mrkdwnContext(
          `:zzz: Snoozed until ${slackDate(choice.until, '{date_long} at {time}', utcFallback(choice.until))}.`,
        ),
      ];
    case 'stopped':
      return [
        mrkdwnContext(
          `:white_check_mark: Done. No more check-ins about ${answers.company === undefined ? 'this one' : escapeName(answers.company)}.`,
        ),
      ];
    case 'reflected':
      return [mrkdwnContext(':pencil: Your reflection is saved.')];
    case 'tweaked':
      return [mrkdwnContext(`:pencil: Your plan is updated.${nextLine(choice.next)}`)];
    case 'feedback_noted':
      return [mrkdwnContext(`:memo: Saved what they said.${nextLine(choice.next)}`)];
    case 'no_feedback':
      return [mrkdwnContext('Noted: no reply.')];
    case 'not_yet':
      return [
        mrkdwnSection(
          `No reply yet is common. If you'd like to nudge them, here's a short follow-up you could send:\n${quote(choice.chaser)}`,
        ),
        mrkdwnContext(`:hourglass_flowing_sand: We'll ask once more on ${longDate(choice.recheckAt)}.`),
      ];
    case 'not_sent':
      return [mrkdwnContext(":envelope: No problem. Your note is below again, whenever you're ready.")];
    case 'let_go':
      return [
        mrkdwnContext(
          "Let's let this one go. Many teams never reply, and it says nothing about you. We've noted that no reply came.",
        ),
      ];
    case 'did_it':
      if (choice.foundRole)
        return [mrkdwnContext(':tada: Congratulations on the new role! No more check-ins.')];
      return [
        mrkdwnContext(
          choice.next === null
            ? ':tada: Nice work. That was the last check-in for this one.'
            : `:tada: Nice work.${nextLine(choice.next)}`,
        ),
      ];
    case 'ask_again':
      return [mrkdwnContext(`:calendar: We'll ask again on ${longDate(choice.at)}.`)];
  }
}

/** The same follow-up once answered: its context stays, its buttons become a line or two. */
export function buildAnsweredFollowUpMessage(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[],
  choice: FollowUpChoice,
  settings: PrivacySettings = DEFAULT_PRIVACY_SETTINGS,
): FollowUpMessage {
  const blocks = blocksFor(followUp, rejection, entries, settings).filter(
    (block) => block.type !== 'actions',
  );
  const answers = normalizeAnswers(rejection.answers);
  return {
    text: textFor(followUp, rejection, settings),
    blocks: [...blocks, ...choiceBlocks(choice, messageHeadingsNameCompany(settings) ? answers : {})],
  };
}
