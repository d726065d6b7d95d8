// Installing an app in the emulator the way a Bolt app's OAuth does, for the emulator's own
// tests: a Web API client on the emulator, and a code from emu.authorize traded with
// oauth.v2.access.

import { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../emulator/index.js';

/** The app's OAuth credentials, given to the emulator and sent back by oauth.v2.access. */
export const OAUTH_CLIENT = { clientId: '111.222', clientSecret: 'client-secret' };

/** A Web API client on the emulator that reports each error at once (no retries). */
export function emulatorWebClient(emu: SlackEmulator, token?: string): webApi.WebClient {
  return new webApi.WebClient(token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });
}

/** oauth.v2.access for an authorization code, with the app's credentials or others. */
export function exchangeCode(emu: SlackEmulator, code: string | undefined, credentials = OAUTH_CLIENT) {
  return emulatorWebClient(emu).oauth.v2.access({
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    code: code ?? '',
  });
}

/** Authorizes the app in `team` (emu.authorize's options) and trades the code for a token. */
export function installApp(emu: SlackEmulator, ...[team, options]: Parameters<SlackEmulator['authorize']>) {
  return exchangeCode(emu, emu.authorize(team, options).code);
}
