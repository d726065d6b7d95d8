// Who and what submitted: checks the person (not a bot, not deactivated, not oneself) and
// that the ticked parts hold something, then pushes the preview. Errors stay on the form.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { storeDownText } from '../platform/errors-message.js';
import { ShareBlockId } from '../platform/ids.js';
import { scopeFromContext } from '../platform/scope.js';
import { recipientProblem } from './recipient.js';
import { knownParts } from './share-parts.js';
import { buildPreviewView, decodeComposeMetadata, PICK_ACTION, REJECTION_GONE_TEXT } from './share-views.js';
import { buildSharedNote, sharedContentBlocks } from './shared-note.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export const PICK_SOMETHING_TEXT = 'Pick at least one thing to share.';
export const NOTHING_WRITTEN_TEXT = 'There’s nothing written in what you picked yet. Tick something else.';
export const PICK_SOMEONE_TEXT = 'Pick the person to share it with.';

export function composeSubmissionCallback(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = decodeComposeMetadata(view.private_metadata);
    if (!metadata) {
      deps.logger.warn('Ignored a share form with unreadable metadata');
      await ack();
      return;
    }
    const onRecipient = (text: string) =>
      ack({ response_action: 'errors', errors: { [ShareBlockId.recipient]: text } });
    const onParts = (text: string) =>
      ack({ response_action: 'errors', errors: { [ShareBlockId.parts]: text } });
    const values = view.state.values;
    const recipientId = values[ShareBlockId.recipient]?.[PICK_ACTION]?.selected_user;
    const ticked = values[ShareBlockId.parts]?.[PICK_ACTION]?.selected_options ?? [];
    const parts = knownParts(ticked.map((choice) => choice.value));
    if (typeof recipientId !== 'string' || recipientId === '') return onRecipient(PICK_SOMEONE_TEXT);
    if (parts.length === 0) return onParts(PICK_SOMETHING_TEXT);

    const scope = scopeFromContext(context);
    try {
      const [problem, rejection] = await Promise.all([
        recipientProblem(client, deps, recipientId, body.user.id),
        deps.store.getRejection(scope, metadata.rejectionId),
      ]);
      if (rejection?.status !== 'complete') return onRecipient(REJECTION_GONE_TEXT);
      if (problem !== null) return onRecipient(problem);
      const entries = await deps.store.listEntries(scope, rejection.id);
      const input = { sharerId: body.user.id, rejection, entries, parts };
      if (sharedContentBlocks(input).length === 0) return onParts(NOTHING_WRITTEN_TEXT);
      await ack({
        response_action: 'push',
        view: buildPreviewView(
          { rejectionId: rejection.id, recipientId, parts },
          buildSharedNote(input).blocks,
        ),
      });
    } catch (error) {
      deps.logger.error('The share preview could not be built:', errorCode(error));
      await onRecipient(storeDownText());
    }
  };
}
