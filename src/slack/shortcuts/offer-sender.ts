// "My contact there" / "My recruiter" on step 1 opened from a message: puts the sender's name
// in that field, keeping everything typed so far, and leaves it there to edit.

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { NAME_MAX } from '../../domain/steps.js';
import type { RoutineAnswers } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { truncate } from '../platform/mrkdwn.js';
import { decodeDraftMetadata } from '../platform/private-metadata.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { readStepAnswers } from '../routine/parse-step.js';
import { stepViewForDraft } from '../routine/step-modal.js';
import { acceptedLine, withBlocks } from './offer-view.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function offerSenderCallback(deps: ListenerDeps, as: 'contact' | 'recruiter') {
  return async ({ ack, action, body, client, context }: Args): Promise<void> => {
    await ack();
    const view = body.view;
    const metadata = view?.type === 'modal' ? decodeDraftMetadata(view.private_metadata) : null;
    const sender = truncate((action.value ?? '').trim(), NAME_MAX, '');
    if (!view || !metadata || sender === '') return;
    const scope = scopeFromContext(context);
    try {
      const draft = await deps.store.getRejection(scope, metadata.draftId);
      if (draft?.status !== 'draft') return;
      const chosen: RoutineAnswers =
        as === 'contact'
          ? { employerContact: sender }
          : { intermediary: 'recruiter', intermediaryName: sender };
      const answers = { ...draft.answers, ...readStepAnswers(1, view.state.values), ...chosen };
      const next = await stepViewForDraft(deps, scope, { ...draft, answers }, 1);
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: viewPayload(withBlocks(next, [acceptedLine(sender, as)])),
      });
    } catch (error) {
      deps.logger.warn('Offering the sender failed:', errorCode(error));
    }
  };
}
