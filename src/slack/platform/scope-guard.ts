// Runs before every listener: works out the request's scopes once (scope.ts) and keeps them
// on the context, so every listener reads the same person and workspace. A person this
// installation does not serve (a member of another workspace in a Slack Connect channel,
// using this workspace's Rebound) gets a short note instead, and no listener runs: nothing
// of theirs is read or stored under a workspace that is not theirs.

import type { AnyMiddlewareArgs, Middleware, webApi } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import { modal, mrkdwnSection } from './block-kit.js';
import type { ListenerDeps } from './deps.js';
import { deriveScopes, keepScopes, type RequestScopes } from './scope.js';
import { viewPayload } from './view-payload.js';

export const OTHER_WORKSPACE_TEXT =
  'This Rebound belongs to another workspace, so it can’t keep anything for you here. Your notes stay with your own workspace: open Rebound there, or ask someone there to add it.';

export const OTHER_WORKSPACE_CALLBACK = 'other_workspace';

export function otherWorkspaceView() {
  return modal({
    title: 'Rebound',
    close: 'Close',
    callbackId: OTHER_WORKSPACE_CALLBACK,
    blocks: [mrkdwnSection(OTHER_WORKSPACE_TEXT)],
  });
}

interface Request {
  type?: unknown;
  command?: unknown;
  trigger_id?: unknown;
  response_url?: unknown;
}

type Ack = (reply?: unknown) => Promise<void>;

export function guardScopes(deps: Pick<ListenerDeps, 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    let scopes: RequestScopes;
    try {
      scopes = deriveScopes(body, context);
      keepScopes(context, scopes);
    } catch {
      // A payload naming no team or user: the listeners refuse it as before (invalid_payload).
      return next();
    }
    if (scopes.served) return next();
    const { ack, client, respond } = args as unknown as {
      ack?: Ack;
      client: webApi.WebClient;
      respond?: (message: { response_type: 'ephemeral'; text: string }) => Promise<unknown>;
    };
    const { teamId, enterpriseId } = scopes.workspace;
    deps.logger.info(`A person of another workspace used ${teamId ?? enterpriseId}'s Rebound; told them so.`);
    await answerOtherWorkspace(body as Request, ack, client, respond, deps);
  };
}

async function answerOtherWorkspace(
  body: Request,
  ack: Ack | undefined,
  client: webApi.WebClient,
  respond: ((message: { response_type: 'ephemeral'; text: string }) => Promise<unknown>) | undefined,
  deps: Pick<ListenerDeps, 'logger'>,
): Promise<void> {
  if (typeof body.command === 'string') {
    await ack?.({ response_type: 'ephemeral', text: OTHER_WORKSPACE_TEXT });
    return;
  }
  if (body.type === 'view_submission') {
    await ack?.({ response_action: 'update', view: otherWorkspaceView() });
    return;
  }
  await ack?.();
  // A closed modal needs no answer; everything else the person clicked gets one.
  if (body.type === 'view_closed' || body.type === 'event_callback') return;
  try {
    if (typeof body.trigger_id === 'string') {
      await client.views.open({ trigger_id: body.trigger_id, view: viewPayload(otherWorkspaceView()) });
    } else if (respond && typeof body.response_url === 'string') {
      await respond({ response_type: 'ephemeral', text: OTHER_WORKSPACE_TEXT });
    }
  } catch (error) {
    deps.logger.warn('Could not tell a person of another workspace why nothing happened:', errorCode(error));
  }
}
