// "Before your next interview": one read-only modal with the person's lessons, the strengths
// they want to show and the feedback they received, across every rejection, newest first.
// Opened from Home and by `/rejected prep`. Everything typed is escaped and cut to fit.

import type { Prep, PrepItem } from '../../domain/prep.js';
import type { KnownBlock, ModalView } from '../platform/block-kit.js';
import { Limit, modal, mrkdwnContext, mrkdwnSection, plainText } from '../platform/block-kit.js';
import { HomeCallbackId } from '../platform/ids.js';
import { escapeName, fitRendered, quote, slackDate, utcFallback } from '../platform/mrkdwn.js';

/** Per part, the newest this many; three parts stay well inside a modal's 100 blocks. */
export const PREP_SHOWN = 15;
/** Lists show shorter names than a single message does. */
const NAME_MAX = 80;

export const PREP_TITLE = 'Before your interview';
export const PREP_EMPTY_TEXT =
  'Nothing here yet. Each time you finish the routine, your lesson, the strengths you want to ' +
  'show and any feedback you hear land here, ready for the night before an interview.';

function source(item: PrepItem): string {
  const company = `*${escapeName(item.company, { max: NAME_MAX, fallback: 'Untitled' })}*`;
  const role = item.role?.trim() ? ` · ${escapeName(item.role, { max: NAME_MAX })}` : '';
  return `${company}${role} · ${slackDate(item.at, '{date_short_pretty}', utcFallback(item.at))}`;
}

function part(title: string, items: readonly PrepItem[], none: string): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plainText(title, 150) }];
  if (items.length === 0) return [...blocks, mrkdwnContext(none)];
  for (const item of items.slice(0, PREP_SHOWN)) {
    const from = source(item);
    blocks.push(
      mrkdwnSection(`${from}\n${fitRendered(item.text, Limit.sectionText - from.length - 1, quote)}`),
    );
  }
  if (items.length > PREP_SHOWN)
    blocks.push(
      mrkdwnContext(
        `And ${items.length - PREP_SHOWN} earlier ones: open a rejection on Home to see it whole.`,
      ),
    );
  return blocks;
}

export function buildPrepView(prep: Prep): ModalView {
  const empty = prep.lessons.length + prep.strengths.length + prep.feedback.length === 0;
  return modal({
    callbackId: HomeCallbackId.prep,
    title: PREP_TITLE,
    close: 'Close',
    blocks: empty
      ? [mrkdwnSection(PREP_EMPTY_TEXT)]
      : [
          mrkdwnSection(
            'Everything you took from past rejections, newest first: the work you have already done.',
          ),
          ...part('What you learned', prep.lessons, 'No lessons written down yet.'),
          ...part('Strengths to show', prep.strengths, 'No strengths noted yet.'),
          ...part('What employers told you', prep.feedback, 'No feedback received yet.'),
          mrkdwnContext(':lock: Only you can see this.'),
        ],
  });
}
