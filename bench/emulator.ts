// The test kit's Slack emulator, set up for the bench, plus the one thing the bench needs
// that the kit does not expose: its workspace, so the keep-alive load driver can issue
// trigger_ids and build slash-command payloads itself. (The kit's own delivery opens a new
// connection per request — `agent: false` — which is right for tests but not for a load
// test over keep-alive connections.)

import { createSlackEmulator, type SlackEmulator } from '../emulator/index.js';
import { commandPayload } from '../emulator/payloads.js';
import type { JsonObject } from '../emulator/types.js';
import type { Workspace } from '../emulator/workspace.js';

export const BENCH_SECRETS = {
  signingSecret: 'bench-signing-secret',
  botToken: 'xoxb-bench',
  appToken: 'xapp-bench',
  teamId: 'T1',
  appId: 'A1',
} as const;

export type { SlackEmulator };

export function startEmulator(): Promise<SlackEmulator> {
  return createSlackEmulator({ ...BENCH_SECRETS });
}

/** The emulator's workspace. Private in SlackEmulator's type, but a plain field at run time. */
export function workspaceOf(emu: SlackEmulator): Workspace {
  const workspace = (emu as unknown as { workspace?: Workspace }).workspace;
  if (workspace === undefined)
    throw new Error('the Slack emulator no longer keeps its workspace in .workspace');
  return workspace;
}

/** A `/rejected` payload from `userId`, with a fresh trigger_id the emulator will accept in views.open. */
export function slashCommand(
  workspace: Workspace,
  userId: string,
  command: string,
  text: string,
): { payload: JsonObject; triggerId: string } {
  const user = workspace.users.get(userId);
  if (user === undefined) throw new Error(`no emulated user ${userId}`);
  const triggerId = workspace.triggers.issue(userId, 'command');
  const responseUrl = workspace.newResponseUrl({ userId, channelId: 'C0GENERAL', messageTs: undefined });
  const payload = commandPayload(workspace, user, {
    command,
    text,
    channelId: 'C0GENERAL',
    channelName: 'general',
    triggerId,
    responseUrl,
  });
  return { payload, triggerId };
}

/** Slack's form encoding of a slash command. */
export function encodeCommand(payload: JsonObject): string {
  return new URLSearchParams(
    Object.entries(payload).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
}

/** Forgets recorded calls and problems between phases, so a long run does not hold them all. */
export function forgetCalls(emu: SlackEmulator): void {
  const workspace = workspaceOf(emu);
  workspace.calls.length = 0;
  workspace.problems.length = 0;
}
