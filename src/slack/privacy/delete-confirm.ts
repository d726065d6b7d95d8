// The person confirmed `/rejected delete`. Every record of theirs goes in one transaction
// (a second one for rows an older version kept under an org-wide install's workspace, see
// platform/scope.ts) before we answer: on failure the modal says nothing was removed. Then Slack is cleaned up
// (export files, Rebound's own DM messages if they asked, and any follow-up DM that was being
// posted at that very moment), and only then comes the confirmation: in the modal, if it is
// still open, and in the DM. Nothing Rebound sends arrives after it.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { DEFAULT_PRIVACY_SETTINGS, notificationText } from '../../domain/notification-text.js';
import { errorCode } from '../../error-code.js';
import type { DeletedRecords } from '../../store/store.js';
import { publishHome } from '../home/publish-home.js';
import { answerSubmission } from '../platform/answer.js';
import type { ListenerDeps } from '../platform/deps.js';
import { reboundMessageMetadata } from '../platform/message-metadata.js';
import { formerScopeFromContext, scopeFromContext } from '../platform/scope.js';
import { deleteSharedNotes } from '../sharing/delete-shared-notes.js';
import {
  buildDeletedView,
  buildDeleteFailedView,
  buildDeletingView,
  DELETE_MESSAGES_ACTION,
  DELETE_MESSAGES_BLOCK,
  DELETE_MESSAGES_VALUE,
} from './delete-modal.js';
import { buildDeleteReport } from './delete-report.js';
import { type RemovalReport, removeFromSlack } from './remove-from-slack.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

function wantsMessagesRemoved(view: ViewSubmitAction['view']): boolean {
  const chosen = view.state.values[DELETE_MESSAGES_BLOCK]?.[DELETE_MESSAGES_ACTION]?.selected_options ?? [];
  return chosen.some((option) => option.value === DELETE_MESSAGES_VALUE);
}

function addRecords(a: DeletedRecords, b: DeletedRecords): DeletedRecords {
  return {
    total: a.total + b.total,
    rejections: a.rejections + b.rejections,
    drafts: a.drafts + b.drafts,
    entries: a.entries + b.entries,
    upcomingFollowUps: a.upcomingFollowUps + b.upcomingFollowUps,
    sendingFollowUpIds: [...a.sendingFollowUpIds, ...b.sendingFollowUpIds],
    uploadIds: [...a.uploadIds, ...b.uploadIds],
  };
}

export function deleteConfirmCallback(deps: ListenerDeps) {
  return async ({ ack, client, context, view }: Args): Promise<void> => {
    const scope = scopeFromContext(context);
    const former = formerScopeFromContext(context);
    const removeMessages = wantsMessagesRemoved(view);
    let records: DeletedRecords;
    let shared: Awaited<ReturnType<typeof deps.store.listShares>>;
    try {
      // Read before the rows go; the notes themselves leave the recipients' DMs after the ack.
      shared = await deps.store.listShares(scope);
      records = await deps.store.deleteUserRecords(scope);
      if (former) {
        // What an older version kept under the workspace instead of the org goes too.
        shared = [...shared, ...(await deps.store.listShares(former))];
        records = addRecords(records, await deps.store.deleteUserRecords(former));
      }
    } catch (error) {
      deps.logger.error('Deleting a person’s data failed:', errorCode(error));
      await answerSubmission(
        ack,
        { response_action: 'update', view: buildDeleteFailedView() },
        deps.logger,
        'A delete',
      );
      return;
    }
    // A slow delete may have made us late: what follows (Slack clean-up, the DM) still runs.
    await answerSubmission(
      ack,
      { response_action: 'update', view: buildDeletingView() },
      deps.logger,
      'A delete',
    );
    deps.logger.info(`A person deleted their data on request (${records.total} records).`);
    const sharesDeleted = await deleteSharedNotes(client, deps, shared);

    let slack: RemovalReport | null = null;
    try {
      slack = await removeFromSlack(client, deps, {
        scope,
        fileIds: records.uploadIds,
        inFlightFollowUpIds: records.sendingFollowUpIds,
        removeMessages,
      });
    } catch (error) {
      deps.logger.warn('Rebound’s files and messages could not be removed from Slack:', errorCode(error));
    }
    const report = buildDeleteReport(records, slack, removeMessages, {
      deleted: sharesDeleted,
      left: shared.length - sharesDeleted,
    });
    // The modal may have been closed meanwhile; the DM says it either way.
    await client.views
      .update({ view_id: view.id, view: buildDeletedView(report) })
      .catch((error: unknown) =>
        deps.logger.info('The delete modal was closed before the report:', errorCode(error)),
      );
    try {
      await client.chat.postMessage({
        channel: scope.userId,
        text: notificationText('delete_done', {}, DEFAULT_PRIVACY_SETTINGS),
        blocks: report,
        metadata: reboundMessageMetadata('delete_done'),
      });
    } catch (error) {
      deps.logger.warn('The deletion DM could not be sent:', errorCode(error));
    }
    await publishHome(client, deps, scope);
  };
}
