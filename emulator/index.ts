// Public API of the Slack emulator used by end-to-end tests.
//
//   const emu = await createSlackEmulator({ signingSecret, botToken, appToken, teamId: 'T1', appId: 'A1' });
//   // Bolt: clientOptions: { slackApiUrl: emu.apiUrl } (Socket Mode also installerOptions.clientOptions)
//   emu.useHttp('http://127.0.0.1:PORT/slack/events')  or  emu.useSocketMode(); await emu.socketConnected();
//   const alice = emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
//   await alice.command('/rejected', 'Acme'); await alice.waitForModal(); await alice.submit({ role: 'Designer' });
//   await alice.clickMessageButton(ts, 'done'); await alice.selectOption({ messageTs: ts }, 'snooze', '1d');
//   await alice.openHome(); await alice.clickHomeButton('start'); await alice.selectOption('home', 'snooze', '1w');
//   // More workspaces: emu.authorize('T2') → { code } for the app's /slack/oauth_redirect;
//   // oauth.v2.access swaps it for T2's token; emu.uninstall('T2') revokes it and sends the events.
//   emu.uploadedFiles → what the app uploaded (files.uploadV2): bytes, filename, where it was shared.
//   expect(visibleText(alice.modal)).toContain('Step 1 of 4');  // what a person reads, not the JSON
//   await emu.idle();  // nothing under way for a quiet while: assert that nothing happened
//   files.delete marks one `deleted`; chat.delete removes only the app's own messages
//   (alice.writeInDm('…') adds one she wrote; history tells them apart by user/bot_id).
//   expect(emu.problems).toEqual([]);
//   // Stop the app before emu.close(), or a Socket Mode client will try to reconnect.

export type { IdleOptions } from './activity.js';
export { validateMessage, validateView } from './block-kit-rules.js';
export type { ActionSurface, ButtonOptions, CommandOptions, EmulatedUser } from './emulated-user.js';
export {
  type AuthorizeOptions,
  createSlackEmulator,
  type SendEventOptions,
  type SlackEmulator,
} from './emulator.js';
export { type SignedHeaders, signatureFor } from './request-signing.js';
export type { TeamSpec } from './teams.js';
export type {
  ApiCall,
  CommandResult,
  DeliveryResult,
  EphemeralMessage,
  Fault,
  FormValue,
  OutageFault,
  RateLimit,
  ShortcutMessage,
  SlackEmulatorOptions,
  StoredMessage,
  SubmitResult,
  UserSpec,
} from './types.js';
export type { UploadedFile } from './uploads.js';
export type { ModalView, SlackView, StateValues, TextObject } from './view-stack.js';
export { type Surface, visibleText } from './visible-text.js';
