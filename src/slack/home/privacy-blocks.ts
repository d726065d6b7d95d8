// Home's privacy section, at the bottom of every Home (the welcome included): the two
// settings a person can change at any time, what Rebound stores and who can see it, and a
// way to delete everything. Its own builder, so whoever lays out Home places it as one piece.

import type { PrivacySettings } from '../../domain/notification-text.js';
import { EMPLOYED_HERE_NOTE, EMPLOYED_HERE_QUESTION } from '../../domain/privacy-copy.js';
import type { Rejection } from '../../domain/types.js';
import { button, type KnownBlock, mrkdwnContext, plainText } from '../platform/block-kit.js';
import { HomeActionId, PrivacyChoice } from '../platform/ids.js';
import { slackDate, utcFallback } from '../platform/mrkdwn.js';

export interface PrivacyBlocksInput {
  settings: PrivacySettings;
  /** Whether what people type is stored encrypted (TOKEN_ENCRYPTION_KEY is set). */
  sealed: boolean;
  /** Days an untouched draft is kept (DRAFT_EXPIRY_DAYS). */
  draftExpiryDays: number;
}

export const SHOW_DETAILS_LABEL = 'Show details in notifications';

type RadioOption = { text: { type: 'plain_text'; text: string }; value: string };

function radio(actionId: string, options: RadioOption[], chosen: string | null) {
  const initial = options.find((one) => one.value === chosen);
  return {
    type: 'radio_buttons' as const,
    action_id: actionId,
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

function choice(value: string, label: string): RadioOption {
  return { text: plainText(label, 75) as RadioOption['text'], value };
}

export const EMPLOYED_HERE_OPTIONS = [
  choice(PrivacyChoice.employedYes, 'Yes, keep it discreet'),
  choice(PrivacyChoice.employedNo, 'No'),
];

export function employedHereValue(settings: PrivacySettings): string | null {
  if (settings.employedHere === null) return null;
  return settings.employedHere ? PrivacyChoice.employedYes : PrivacyChoice.employedNo;
}

/** What is kept, where, for how long, encrypted or not, and who can see it: honest, short. */
export function privacyLine(sealed: boolean, draftExpiryDays: number): string {
  const stored = sealed
    ? 'stored encrypted in Rebound’s own database'
    : 'stored in Rebound’s own database, unencrypted';
  return (
    `:lock: Your answers are ${stored}, kept until you delete them (unfinished drafts for ${draftExpiryDays} days). ` +
    'In Slack only you see them, but on some plans workspace owners can export DMs with apps. ' +
    '`/rejected export` gives you a copy.'
  );
}

/** Four blocks: what Home's layout keeps free for its settings area (SETTINGS_ROOM). */
export function buildPrivacyBlocks(input: PrivacyBlocksInput): KnownBlock[] {
  const { settings } = input;
  const employedNote = settings.employedHere === true ? `\n${EMPLOYED_HERE_NOTE}` : '';
  const blocks = [
    { type: 'header', text: plainText('Your privacy', 150) },
    {
      type: 'section',
      block_id: 'home_privacy_details',
      text: {
        type: 'mrkdwn',
        text: `*${SHOW_DETAILS_LABEL}*\nWhen off, lock screens and previews only say “Rebound has a check-in for you”.`,
      },
      accessory: radio(
        HomeActionId.showDetails,
        [
          choice(PrivacyChoice.detailsOff, 'Off'),
          choice(PrivacyChoice.detailsOn, 'On: name company and role'),
        ],
        settings.showDetails ? PrivacyChoice.detailsOn : PrivacyChoice.detailsOff,
      ),
    },
    {
      type: 'section',
      block_id: 'home_privacy_employed',
      text: { type: 'mrkdwn', text: `*${EMPLOYED_HERE_QUESTION}*${employedNote}` },
      accessory: radio(HomeActionId.employedHere, EMPLOYED_HERE_OPTIONS, employedHereValue(settings)),
    },
    {
      type: 'section',
      block_id: 'home_privacy_delete',
      text: { type: 'mrkdwn', text: privacyLine(input.sealed, input.draftExpiryDays) },
      accessory: button(HomeActionId.deleteData, 'Delete my data', 'danger'),
    },
  ];
  return blocks as KnownBlock[];
}

/** The day before an untouched draft expires: say so, next to it. */
export function draftExpiryBlocks(draft: Rejection, now: Date, expiryDays: number): KnownBlock[] {
  const expiresAt = new Date(draft.updatedAt.getTime() + expiryDays * 86_400_000);
  const left = expiresAt.getTime() - now.getTime();
  if (left > 86_400_000 || left <= 0) return [];
  const when = slackDate(expiresAt, '{date_short_pretty} at {time}', utcFallback(expiresAt));
  return [
    mrkdwnContext(
      `:hourglass_flowing_sand: Untouched drafts are cleared after ${expiryDays} days: this one goes ${when}. Resume it to keep it.`,
    ),
  ];
}
