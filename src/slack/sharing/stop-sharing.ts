// *Stop sharing*: deletes the note from the recipient's DM, then forgets the share, and says
// so where the button was. If Slack would not delete it, the share stays, and so does the button.

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { buildStoppedMessage, STOP_FAILED_TEXT } from './confirmation.js';
import { deleteSharedNote } from './delete-shared-notes.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function stopSharingCallback(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: Args): Promise<void> => {
    await ack();
    const scope = scopeFromContext(context);
    const where = body.container?.type === 'message' ? body.container : null;
    const replace = async (message: { text: string; blocks?: unknown[] }) => {
      if (!where?.channel_id || !where.message_ts) return;
      await client.chat
        .update({ channel: where.channel_id, ts: where.message_ts, ...message } as Parameters<
          typeof client.chat.update
        >[0])
        .catch((error: unknown) => deps.logger.warn('Could not update the share message:', errorCode(error)));
    };
    try {
      const share = action.value ? await deps.store.findShare(scope, action.value) : null;
      if (!share) {
        // Stopped already (a double click, another window): say what is true now.
        await replace({ text: 'This note is no longer shared.' });
        return;
      }
      if (!(await deleteSharedNote(client, deps, share))) {
        await client.chat.postMessage({ channel: body.user.id, text: STOP_FAILED_TEXT });
        return;
      }
      await deps.store.deleteShare(scope, share.id);
      deps.logger.info(`A person stopped sharing a note (share ${share.id}).`);
      await replace(buildStoppedMessage(share.recipientId));
    } catch (error) {
      deps.logger.error('Stopping a share failed:', errorCode(error));
    }
  };
}
