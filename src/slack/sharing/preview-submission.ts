// Share pressed on the preview: the one step that sends anything. Rebound DMs the chosen
// person, records the share (so it can be taken back), and confirms to the person who
// shared, with Stop sharing. If the record cannot be kept, the note is deleted again.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { buildShareConfirmation, SHARE_FAILED_TEXT } from './confirmation.js';
import { recipientProblem } from './recipient.js';
import { decodePreviewMetadata } from './share-views.js';
import { buildSharedNote } from './shared-note.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function previewSubmissionCallback(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const metadata = decodePreviewMetadata(view.private_metadata);
    // Both modals close: the outcome arrives in the person's DM either way.
    await ack({ response_action: 'clear' });
    if (!metadata) {
      deps.logger.warn('Ignored a share preview with unreadable metadata');
      return;
    }
    const scope = scopeFromContext(context);
    const sharerId = body.user.id;
    const tell = (message: { text: string; blocks?: unknown[] }) =>
      client.chat
        .postMessage({ channel: sharerId, ...message } as Parameters<typeof client.chat.postMessage>[0])
        .then(() => {})
        .catch((error: unknown) =>
          deps.logger.warn('Could not tell the person who shared:', errorCode(error)),
        );

    let posted: { channel: string; ts: string } | null = null;
    try {
      const rejection = await deps.store.getRejection(scope, metadata.rejectionId);
      if (rejection?.status !== 'complete') return;
      // Checked again: the person may have been deactivated since the preview.
      const problem = await recipientProblem(client, deps, metadata.recipientId, sharerId);
      if (problem !== null) {
        await tell({ text: problem });
        return;
      }
      const entries = await deps.store.listEntries(scope, rejection.id);
      const note = buildSharedNote({ sharerId, rejection, entries, parts: metadata.parts });
      const result = await client.chat.postMessage({ channel: metadata.recipientId, ...note });
      if (!result.channel || !result.ts) throw new Error('chat.postMessage returned no channel or ts');
      posted = { channel: result.channel, ts: result.ts };
      const share = await deps.store.recordShare(
        scope,
        rejection.id,
        {
          recipientId: metadata.recipientId,
          parts: metadata.parts,
          channelId: posted.channel,
          messageTs: posted.ts,
        },
        deps.clock(),
      );
      deps.logger.info(`A person shared a note (share ${share.id}).`);
      await tell(buildShareConfirmation(share));
    } catch (error) {
      deps.logger.error('Sharing a note failed:', errorCode(error));
      // Never leave a note out there that Stop sharing could not reach.
      if (posted) {
        await client.chat
          .delete({ channel: posted.channel, ts: posted.ts })
          .catch((undo: unknown) =>
            deps.logger.error('An unrecorded shared note could not be deleted:', errorCode(undo)),
          );
      }
      await tell({ text: SHARE_FAILED_TEXT });
    }
  };
}
