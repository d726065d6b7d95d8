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

/** Members handed out by memberPool (command-load.ts) since the emulator last forgot them. */
const handedOut = new WeakMap<SlackEmulator, string[]>();

/** Adds a member the load will use once, to be forgotten with the window's calls. */
export function addMember(emu: SlackEmulator, id: string): void {
  emu.addUser({ id, name: id.toLowerCase(), tz: 'America/New_York' });
  const ids = handedOut.get(emu);
  if (ids) ids.push(id);
  else handedOut.set(emu, [id]);
}

/**
 * Forgets recorded calls and problems between windows, and the members the window used
 * (each is used once, and the emulator keeps every modal opened for them): without that the
 * bench's own process grew to 1 GB in the HTTP phase, and its full GCs (200 ms and more of
 * marking on its thread) fell into whichever app's 50-user window was running.
 */
export function forgetCalls(emu: SlackEmulator): void {
  const workspace = workspaceOf(emu);
  workspace.calls.length = 0;
  workspace.problems.length = 0;
  // The emulator keeps each member twice: its workspace record and its emulated user.
  const people = (emu as unknown as { people?: Map<string, unknown> }).people;
  for (const id of handedOut.get(emu) ?? []) {
    workspace.users.delete(id);
    people?.delete(id);
  }
  handedOut.delete(emu);
  // Every trigger issued so far was used or has expired by the end of a window.
  (workspace.triggers as unknown as { triggers?: Map<string, unknown> }).triggers?.clear();
}
