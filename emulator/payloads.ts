// The payloads Slack sends an app: slash commands, block_actions, view_submission, view_closed, events.

import { stateOf } from './form-filler.js';
import { newEventId } from './ids.js';
import type { JsonObject, StoredMessage } from './types.js';
import type { SlackView, StateValues } from './view-stack.js';
import { BOT_USER_ID, TEAM_DOMAIN, type UserRecord, type Workspace } from './workspace.js';

/** Slack's legacy verification token; Bolt ignores it in favour of signatures. */
const VERIFICATION_TOKEN = 'emulator-verification-token';

function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

function userRef(user: UserRecord): JsonObject {
  const { id, name, teamId } = user.spec;
  return { id, username: name, name, team_id: teamId };
}

/** Whether the person is served by their org's org-wide install (no install of their workspace's own). */
function viaOrgInstall(workspace: Workspace, user: UserRecord): boolean {
  return workspace.teams.servingInstall(user.spec.teamId, user.spec.enterpriseId)?.orgWide === true;
}

/** An org-wide install's interactions carry `team: null` (Bolt then reads `user.team_id`). */
function teamRef(workspace: Workspace, user: UserRecord): JsonObject | null {
  return viaOrgInstall(workspace, user) ? null : { id: user.spec.teamId, domain: TEAM_DOMAIN };
}

function enterpriseRef(user: UserRecord): JsonObject | null {
  const id = user.spec.enterpriseId;
  return id ? { id, name: 'Emulated Enterprise' } : null;
}

/** The view as it appears in a payload: with its current state (initial values plus what the user entered). */
export function viewInPayload(view: SlackView): JsonObject {
  return { ...structuredClone(view), state: { values: stateOf(view) } };
}

export interface CommandContext {
  command: string;
  text: string;
  channelId: string;
  channelName: string;
  triggerId: string;
  responseUrl: string;
}

export function commandPayload(workspace: Workspace, user: UserRecord, context: CommandContext): JsonObject {
  const enterprise = user.spec.enterpriseId;
  return {
    token: VERIFICATION_TOKEN,
    team_id: user.spec.teamId,
    team_domain: TEAM_DOMAIN,
    ...(enterprise ? { enterprise_id: enterprise, enterprise_name: 'Emulated Enterprise' } : {}),
    channel_id: context.channelId,
    channel_name: context.channelName,
    user_id: user.spec.id,
    user_name: user.spec.name,
    command: context.command,
    text: context.text,
    api_app_id: workspace.options.appId,
    is_enterprise_install: String(viaOrgInstall(workspace, user)),
    response_url: context.responseUrl,
    trigger_id: context.triggerId,
  };
}

/** One option picked in a select, overflow menu or radio group, as it appears in `actions`. */
export function optionAction(element: JsonObject, blockId: string, option: JsonObject): JsonObject {
  return {
    type: element.type,
    action_id: element.action_id,
    block_id: blockId,
    selected_option: option,
    ...(element.placeholder !== undefined ? { placeholder: element.placeholder } : {}),
    action_ts: actionTs(),
  };
}

/** One clicked button, as it appears in `actions`. */
export function buttonAction(button: JsonObject, blockId: string): JsonObject {
  return {
    type: 'button',
    action_id: button.action_id,
    block_id: blockId,
    text: button.text,
    ...(button.value !== undefined ? { value: button.value } : {}),
    ...(button.style !== undefined ? { style: button.style } : {}),
    action_ts: actionTs(),
  };
}

function interactionBase(workspace: Workspace, user: UserRecord, type: string): JsonObject {
  return {
    type,
    user: userRef(user),
    api_app_id: workspace.options.appId,
    token: VERIFICATION_TOKEN,
    team: teamRef(workspace, user),
    enterprise: enterpriseRef(user),
    is_enterprise_install: viaOrgInstall(workspace, user),
  };
}

export function viewBlockActions(
  workspace: Workspace,
  user: UserRecord,
  view: SlackView,
  action: JsonObject,
  triggerId: string,
): JsonObject {
  return {
    ...interactionBase(workspace, user, 'block_actions'),
    container: { type: 'view', view_id: view.id },
    trigger_id: triggerId,
    view: viewInPayload(view),
    actions: [action],
  };
}

export function messageBlockActions(
  workspace: Workspace,
  user: UserRecord,
  channelId: string,
  message: StoredMessage,
  action: JsonObject,
  context: { triggerId: string; responseUrl: string; state?: StateValues },
): JsonObject {
  // `team` is the workspace whose copy of the app posted the message, `user.team_id` the
  // clicker's own: they differ when a person of another workspace clicks (Slack Connect).
  const poster = message.teamId ?? user.spec.teamId;
  const byOrg = workspace.teams.get(poster)?.orgWide === true;
  return {
    ...interactionBase(workspace, user, 'block_actions'),
    team: byOrg ? null : { id: poster, domain: TEAM_DOMAIN },
    container: { type: 'message', message_ts: message.ts, channel_id: channelId, is_ephemeral: false },
    trigger_id: context.triggerId,
    channel: { id: channelId, name: 'directmessage' },
    message: workspace.botMessage(message),
    state: { values: context.state ?? {} },
    response_url: context.responseUrl,
    actions: [action],
  };
}

/** A global shortcut (the lightning menu or the composer's shortcuts): callback_id and a trigger_id. */
export function globalShortcutPayload(
  workspace: Workspace,
  user: UserRecord,
  callbackId: string,
  triggerId: string,
): JsonObject {
  return {
    ...interactionBase(workspace, user, 'shortcut'),
    user: { id: user.spec.id, username: user.spec.name, team_id: user.spec.teamId },
    callback_id: callbackId,
    trigger_id: triggerId,
    action_ts: actionTs(),
  };
}

/** A message shortcut: Slack's `message_action`, carrying the message it was used on. */
export function messageShortcutPayload(
  workspace: Workspace,
  user: UserRecord,
  context: {
    callbackId: string;
    triggerId: string;
    responseUrl: string;
    channelId: string;
    message: JsonObject;
  },
): JsonObject {
  return {
    ...interactionBase(workspace, user, 'message_action'),
    callback_id: context.callbackId,
    trigger_id: context.triggerId,
    response_url: context.responseUrl,
    channel: { id: context.channelId, name: context.channelId.startsWith('D') ? 'directmessage' : 'general' },
    message_ts: context.message.ts,
    message: context.message,
    action_ts: actionTs(),
  };
}

export function viewSubmission(
  workspace: Workspace,
  user: UserRecord,
  view: SlackView,
  triggerId: string,
): JsonObject {
  return {
    ...interactionBase(workspace, user, 'view_submission'),
    trigger_id: triggerId,
    view: viewInPayload(view),
    response_urls: [],
  };
}

export function viewClosed(
  workspace: Workspace,
  user: UserRecord,
  view: SlackView,
  isCleared: boolean,
): JsonObject {
  return {
    ...interactionBase(workspace, user, 'view_closed'),
    view: viewInPayload(view),
    is_cleared: isCleared,
  };
}

/**
 * `team` is the installation the event is delivered for (its `authorizations[0]`; Slack's
 * outer `team_id` mirrors it), the emulator's own workspace by default. `context_team_id`
 * is where it happened: the same workspace for the events Rebound handles.
 */
export function eventEnvelope(
  workspace: Workspace,
  event: JsonObject,
  eventId = newEventId(),
  team: { teamId: string; enterpriseId: string | null; isExtShared?: boolean; orgWide?: boolean } = {
    teamId: workspace.options.teamId,
    enterpriseId: null,
  },
): JsonObject {
  const { appId } = workspace.options;
  const { teamId, enterpriseId } = team;
  const now = Date.now();
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
    api_app_id: appId,
    event: { ...event, event_ts: event.event_ts ?? (now / 1000).toFixed(6) },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(now / 1000),
    // An org-wide install's authorization names the org only (team_id null).
    authorizations: [
      {
        enterprise_id: enterpriseId,
        team_id: team.orgWide ? null : teamId,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: team.orgWide === true,
      },
    ],
    is_ext_shared_channel: team.isExtShared ?? false,
    context_team_id: teamId,
    context_enterprise_id: enterpriseId,
    event_context: `4-${Buffer.from(eventId).toString('base64url')}`,
  };
}
