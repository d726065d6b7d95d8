// "Pick up where you left off?": shown by `/rejected` when a draft is waiting, so an
// unfinished routine is never silently replaced.

import { getStep, STEP_COUNT } from '../../domain/routine.js';
import type { Rejection } from '../../domain/types.js';
import { button, type KnownBlock, type ModalView, modal, mrkdwnSection } from '../platform/block-kit.js';
import { ActionId, BlockId, CallbackId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, truncate } from '../platform/mrkdwn.js';
import { encodeDraftMetadata } from '../platform/private-metadata.js';

export interface ResumeViewInput {
  draft: Rejection;
  /** The company typed after `/rejected`, used if the person starts fresh. */
  prefillCompany?: string;
  /** The role typed with it, likewise. */
  prefillRole?: string;
}

export const PREFILL_COMPANY_MAX = 100;
export const RESUME_TEXT = 'Resume';
export const START_FRESH_TEXT = 'Start fresh';

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** "the *Designer* role at *Acme*", or as much of it as the draft has. */
function draftSubject(draft: Rejection): string {
  const company = escapeName(draft.answers.company);
  const role = escapeName(draft.answers.role);
  if (role && company) return ` for the *${role}* role at *${company}*`;
  if (company) return ` for *${company}*`;
  if (role) return ` for the *${role}* role`;
  return '';
}

export function buildResumeView(input: ResumeViewInput): ModalView {
  const { draft } = input;
  const step = getStep(draft.step);
  const prefillCompany = nonEmpty(input.prefillCompany);
  const capped = prefillCompany === undefined ? undefined : truncate(prefillCompany, PREFILL_COMPANY_MAX, '');

  const lines = [
    '*Pick up where you left off?*',
    `You have a draft${draftSubject(draft)}, saved at step ${draft.step} of ${STEP_COUNT}: ${escapeMrkdwn(step.heading)}.`,
    capped === undefined || capped === nonEmpty(draft.answers.company)
      ? 'Starting fresh clears this draft.'
      : `Or start fresh with *${escapeMrkdwn(capped)}*. That clears this draft.`,
  ];
  const blocks: KnownBlock[] = [
    mrkdwnSection(lines.join('\n')),
    {
      type: 'actions',
      block_id: BlockId.resumeActions,
      elements: [
        button(ActionId.resumeDraft, RESUME_TEXT, 'primary'),
        button(ActionId.startFresh, START_FRESH_TEXT),
      ],
    },
  ];

  return modal({
    callbackId: CallbackId.resumeDraft,
    // Ids only, plus the company and role for "Start fresh".
    privateMetadata: encodeDraftMetadata(
      capped === undefined
        ? { draftId: draft.id }
        : {
            draftId: draft.id,
            prefillCompany: capped,
            ...(nonEmpty(input.prefillRole) === undefined
              ? {}
              : { prefillRole: truncate(nonEmpty(input.prefillRole) ?? '', PREFILL_COMPANY_MAX, '') }),
          },
    ),
    title: 'Welcome back',
    close: 'Not now',
    blocks,
  });
}
