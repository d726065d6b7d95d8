// The note Rebound sends to the person someone chose: who shared it and that it was on
// purpose, then only the parts they ticked, their words escaped and quoted. The notification
// text names nothing of it, for it may light up a lock screen.

import { getField, normalizeAnswers, optionLabel } from '../../domain/routine.js';
import type { ReflectionAnswers, Rejection, RejectionEntry, SharePart } from '../../domain/types.js';
import { type KnownBlock, Limit, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import { escapeMrkdwn, fitRendered, quote, truncate } from '../platform/mrkdwn.js';

export const SHARED_NOTE_TEXT = 'Someone shared a note with you from Rebound';

const REFLECTIONS: readonly (keyof ReflectionAnswers)[] = [
  'interview',
  'preparation',
  'rapport',
  'strengths',
];

export interface SharedNoteInput {
  sharerId: string;
  rejection: Rejection;
  /** The rejection's entries, oldest first (reflections and feedback added later). */
  entries: RejectionEntry[];
  parts: readonly SharePart[];
}

function quoted(heading: string, text: string): KnownBlock {
  return mrkdwnSection(fitRendered(text, Limit.sectionText, (shown) => `${heading}\n${quote(shown)}`));
}

function name(text: string): string {
  return escapeMrkdwn(truncate(text.replace(/\s+/g, ' '), 100));
}

function partBlocks(part: SharePart, input: SharedNoteInput): KnownBlock[] {
  const answers = normalizeAnswers(input.rejection.answers);
  switch (part) {
    case 'company': {
      const both = [answers.company, answers.role].filter((one): one is string => one !== undefined);
      return both.length === 0 ? [] : [mrkdwnSection(`*${both.map(name).join(' · ')}*`)];
    }
    case 'plan': {
      const items = (answers.tweaks ?? []).flatMap((id) => optionLabel('tweaks', id) ?? []).map(escapeMrkdwn);
      if (answers.tweakOther !== undefined) items.push(name(answers.tweakOther));
      return items.length === 0
        ? []
        : [
            mrkdwnSection(
              `*The plan: what they'll try next*\n${items.map((item) => `• ${item}`).join('\n')}`,
            ),
          ];
    }
    case 'lesson':
      return answers.lesson === undefined ? [] : [quoted('*What they’re taking with them*', answers.lesson)];
    case 'reflections': {
      const later = input.entries.flatMap((entry) =>
        entry.data.kind === 'reflection' ? [entry.data.answers] : [],
      );
      return [answers as ReflectionAnswers, ...later].flatMap((written) =>
        REFLECTIONS.flatMap((id) => {
          const text = written[id];
          return typeof text === 'string' && text.trim() !== ''
            ? [quoted(`*${escapeMrkdwn(getField(id).summaryLabel)}*`, text)]
            : [];
        }),
      );
    }
    case 'feedback':
      return input.entries.flatMap((entry) =>
        entry.data.kind === 'feedback' && entry.data.received && entry.data.text
          ? [quoted('*What the company told them*', entry.data.text)]
          : [],
      );
  }
}

/** The parts' blocks only: empty when none of the ticked parts has anything written. */
export function sharedContentBlocks(input: SharedNoteInput): KnownBlock[] {
  return input.parts.flatMap((part) => partBlocks(part, input));
}

export function buildSharedNote(input: SharedNoteInput): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      `:handshake: *<@${input.sharerId}> chose to share this with you* from Rebound, the app they use to work through a job rejection. They picked what’s in it.`,
    ),
    ...sharedContentBlocks(input),
    mrkdwnContext(
      `Rebound doesn't read replies here. To talk it over, message <@${input.sharerId}> directly.`,
    ),
  ];
  return { text: SHARED_NOTE_TEXT, blocks: blocks.slice(0, Limit.messageBlocks) };
}
