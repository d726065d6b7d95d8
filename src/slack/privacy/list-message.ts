// `/rejected list`: an ephemeral glance at the latest rejections, the draft in progress and
// the next check-in, with a link to Home for the whole history and the patterns.

import { optionLabel, STEP_COUNT } from '../../domain/routine.js';
import type { FollowUp, Rejection } from '../../domain/types.js';
import { type KnownBlock, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import { Command } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, slackDate, utcFallback } from '../platform/mrkdwn.js';

export const LIST_SHOWN = 10;
/** Lists show shorter names than a single message does. */
const LIST_NAME_MAX = 80;

export interface ListInput {
  /** The latest complete rejections, newest first (at most LIST_SHOWN are shown). */
  rejections: readonly Rejection[];
  /** More exist than were passed. */
  hasMore: boolean;
  draft: Rejection | null;
  /** The soonest pending check-in and the rejection it is about. */
  next: { followUp: FollowUp; rejection: Rejection | null } | null;
  /** A slack://app link to this app's Home tab. */
  homeUrl: string;
}

/** Opens the app's Home tab in the Slack client. */
export function homeTabUrl(teamId: string, appId: string): string {
  return `slack://app?team=${encodeURIComponent(teamId)}&id=${encodeURIComponent(appId)}&tab=home`;
}

function line(rejection: Rejection): string {
  const company = `*${escapeName(rejection.answers.company, { max: LIST_NAME_MAX, fallback: 'Untitled' })}*`;
  const role = rejection.answers.role
    ? ` · ${escapeName(rejection.answers.role, { max: LIST_NAME_MAX })}`
    : '';
  const stage = rejection.answers.stage ? optionLabel('stage', rejection.answers.stage) : undefined;
  const when = rejection.completedAt ?? rejection.createdAt;
  const date = slackDate(when, '{date_short_pretty}', utcFallback(when));
  return `• ${company}${role} — ${date}${stage ? `, ended at ${escapeMrkdwn(stage)}` : ''}`;
}

export function buildListMessage(input: ListInput): { text: string; blocks: KnownBlock[] } {
  const home = `<${input.homeUrl}|Open Rebound’s Home>`;
  const shown = input.rejections.slice(0, LIST_SHOWN);
  const blocks: KnownBlock[] = [];
  if (shown.length === 0) {
    blocks.push(
      mrkdwnSection(
        `Nothing here yet. When a job says no, type \`${Command.rejected}\` and we’ll turn it into a next step together.`,
      ),
    );
  } else {
    const heading =
      input.hasMore || input.rejections.length > shown.length ? 'Your latest rejections' : 'Your rejections';
    blocks.push(mrkdwnSection(`*${heading}*\n${shown.map(line).join('\n')}`));
  }
  if (input.draft) {
    const company = input.draft.answers.company
      ? `*${escapeName(input.draft.answers.company, { max: LIST_NAME_MAX })}*`
      : 'your last rejection';
    blocks.push(
      mrkdwnSection(
        `:pencil2: Your notes on ${company} are saved at step ${input.draft.step} of ${STEP_COUNT}. Type \`${Command.rejected}\` to pick them up.`,
      ),
    );
  }
  if (input.next) {
    const { followUp, rejection } = input.next;
    const when = slackDate(followUp.dueAt, '{date_short_pretty} at {time}', utcFallback(followUp.dueAt));
    const about = rejection
      ? ` about *${escapeName(rejection.answers.company, { max: LIST_NAME_MAX, fallback: 'Untitled' })}*`
      : '';
    blocks.push(mrkdwnSection(`:calendar: Next check-in${about}: ${when}`));
  }
  blocks.push(mrkdwnContext(`${home} for the whole history and the patterns across it. Only you see this.`));
  const count =
    shown.length === 0 ? 'No rejections yet' : `${shown.length}${input.hasMore ? '+' : ''} rejections`;
  return { text: `${count}. Rebound’s Home has the whole history.`, blocks };
}
