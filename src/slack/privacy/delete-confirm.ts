// The person confirmed `/rejected delete`. Everything of theirs goes in one transaction
// before we answer: on failure the modal says nothing was removed. Then a DM confirms it
// and Home is published again (a welcome, as for someone new).

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import { publishHome } from '../home/publish-home.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { deleteSharedNotes } from '../sharing/delete-shared-notes.js';
import { buildDeleteFailedView } from './delete-modal.js';
import { DELETE_DONE_TEXT } from './replies.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function deleteConfirmCallback(deps: ListenerDeps) {
  return async ({ ack, client, context }: Args): Promise<void> => {
    const scope = scopeFromContext(context);
    let removed: number;
    let shared: Awaited<ReturnType<typeof deps.store.listShares>>;
    try {
      // Read before the rows go; the notes themselves leave the recipients' DMs after the ack.
      shared = await deps.store.listShares(scope);
      removed = await deps.store.deleteUserData(scope);
    } catch (error) {
      deps.logger.error('Deleting a person’s data failed:', errorCode(error));
      await ack({ response_action: 'update', view: buildDeleteFailedView() });
      return;
    }
    await ack();
    deps.logger.info(`A person deleted their data on request (${removed} records).`);
    await deleteSharedNotes(client, deps, shared);
    try {
      await client.chat.postMessage({ channel: scope.userId, text: DELETE_DONE_TEXT });
    } catch (error) {
      deps.logger.warn('The deletion DM could not be sent:', errorCode(error));
    }
    await publishHome(client, deps, scope);
  };
}
