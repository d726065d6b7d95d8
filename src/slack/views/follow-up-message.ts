// The check-in DM sent when a follow-up falls due. It reminds the person of their own plan
// (the tweaks and the lesson they chose) rather than telling them anything new.

import { normalizeAnswers, optionLabel } from '../../domain/routine.js';
import type { FollowUp, Rejection, RoutineAnswers } from '../../domain/types.js';
import { Command } from '../ids.js';
import { escapeMrkdwn, fitRendered, quote, truncate } from '../mrkdwn.js';
import { type KnownBlock, Limit, mrkdwnContext, mrkdwnSection } from './block-kit.js';

const NAME_SHOWN_MAX = 100;

function name(text: string): string {
  return escapeMrkdwn(truncate(text.replace(/\s+/g, ' '), NAME_SHOWN_MAX));
}

function plan(answers: RoutineAnswers): KnownBlock[] {
  const tweaks = (answers.tweaks ?? []).flatMap((id) => optionLabel('tweaks', id) ?? []).map(escapeMrkdwn);
  if (answers.tweakOther !== undefined) tweaks.push(name(answers.tweakOther));
  const blocks: KnownBlock[] = [];
  if (tweaks.length > 0) {
    blocks.push(mrkdwnSection(`*You planned to try*\n${tweaks.map((tweak) => `• ${tweak}`).join('\n')}`));
  }
  if (answers.lesson !== undefined) {
    const lesson = answers.lesson;
    blocks.push(
      mrkdwnSection(
        fitRendered(lesson, Limit.sectionText, (text) => `*What you took from it*\n${quote(text)}`),
      ),
    );
  }
  return blocks;
}

export function buildFollowUpMessage(
  followUp: FollowUp,
  rejection: Rejection,
): { text: string; blocks: KnownBlock[] } {
  const answers = normalizeAnswers(rejection.answers);
  const company = answers.company === undefined ? undefined : name(answers.company);
  const closing = mrkdwnContext(`\`${Command.rejected}\` is here whenever you need it.`);

  if (followUp.kind === 'feedback_check') {
    const heading = company === undefined ? 'Did you hear back?' : `Did you hear back from ${company}?`;
    return {
      text: heading,
      blocks: [
        mrkdwnSection(
          `*${heading}*\nIf they shared feedback, take a minute to note what you'll keep from it. ` +
            'No reply is common, and it says nothing about you.',
        ),
        closing,
      ],
    };
  }

  const heading = company === undefined ? 'Checking in' : `Checking in after ${company}`;
  return {
    text: `${heading}: how is the search going?`,
    blocks: [
      mrkdwnSection(`*${heading}*\nHow is the search going? Here's the plan you made, in case it helps.`),
      ...plan(answers),
      closing,
    ],
  };
}
