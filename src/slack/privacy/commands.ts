// `/rejected list`, `/rejected export` and `/rejected delete`. Each acknowledges at once
// (the reply depends on the store or on Slack, which may be slow) and then answers in
// private through the command's response_url; delete opens its confirmation modal.

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { KnownBlock } from '../platform/block-kit.js';
import type { ListenerDeps } from '../platform/deps.js';
import { OPEN_FAILED_TEXT } from '../platform/errors-message.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { buildDeleteConfirmView } from './delete-modal.js';
import { buildListMessage, homeTabUrl, LIST_SHOWN } from './list-message.js';
import {
  DELETE_OPEN_FAILED_TEXT,
  EXPORT_FAILED_TEXT,
  EXPORT_NEEDS_SCOPE_TEXT,
  EXPORT_READY_TEXT,
} from './replies.js';
import { sendExport } from './send-export.js';

export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** A private reply through response_url; a failure to deliver it is logged, never thrown. */
async function tell(args: CommandArgs, deps: ListenerDeps, message: { text: string; blocks?: KnownBlock[] }) {
  try {
    await args.respond({ response_type: 'ephemeral', ...message });
  } catch (error) {
    deps.logger.warn('A private reply to /rejected could not be sent:', errorCode(error));
  }
}

export function listCommand(deps: ListenerDeps) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    const scope = scopeFromContext(args.context);
    try {
      const [rejections, draft, upcoming] = await Promise.all([
        deps.store.listRejections(scope, { limit: LIST_SHOWN + 1 }),
        deps.store.findOpenDraft(scope),
        deps.store.listFollowUps(scope, { status: 'pending' }),
      ]);
      const soonest = upcoming[0];
      const next = soonest
        ? { followUp: soonest, rejection: await deps.store.getRejection(scope, soonest.rejectionId) }
        : null;
      const message = buildListMessage({
        rejections: rejections.slice(0, LIST_SHOWN),
        hasMore: rejections.length > LIST_SHOWN,
        draft,
        next,
        homeUrl: homeTabUrl(args.command.team_id, args.command.api_app_id),
      });
      await tell(args, deps, message);
    } catch (error) {
      deps.logger.error('/rejected list failed:', errorCode(error));
      await tell(args, deps, { text: OPEN_FAILED_TEXT });
    }
  };
}

export function exportCommand(deps: ListenerDeps) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    const scope = scopeFromContext(args.context);
    let text: string;
    try {
      const outcome = await sendExport(args.client, deps.store, scope, deps.clock());
      text = outcome === 'sent' ? EXPORT_READY_TEXT : EXPORT_NEEDS_SCOPE_TEXT;
      if (outcome === 'missing_scope') deps.logger.warn('/rejected export: the app lacks files:write');
    } catch (error) {
      deps.logger.error('/rejected export failed:', errorCode(error));
      text = EXPORT_FAILED_TEXT;
    }
    await tell(args, deps, { text });
  };
}

export function deleteCommand(deps: ListenerDeps) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    try {
      await args.client.views.open({
        trigger_id: args.command.trigger_id,
        view: viewPayload(buildDeleteConfirmView()),
      });
    } catch (error) {
      deps.logger.error('/rejected delete: the confirmation did not open:', errorCode(error));
      await tell(args, deps, { text: DELETE_OPEN_FAILED_TEXT });
    }
  };
}
