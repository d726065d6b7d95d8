// The emulator's token rotation (the app's token_rotation_enabled): installs hand out a bot
// token that expires and a single-use refresh token; oauth.v2.access with
// grant_type=refresh_token trades it for a new pair; an expired token gets token_expired.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type SlackEmulator } from '../../emulator/index.js';
import { emulatorWebClient, installApp, OAUTH_CLIENT } from '../support/emulator-oauth.js';

const HOUR = 3_600_000;

let emu: SlackEmulator;
let now = Date.UTC(2026, 2, 2, 15);

beforeEach(async () => {
  now = Date.UTC(2026, 2, 2, 15);
  emu = await createSlackEmulator({
    ...TEST_SECRETS,
    ...OAUTH_CLIENT,
    tokenRotation: { expiresInSeconds: 43_200 },
    clock: () => now,
  });
});
afterEach(() => emu.close());

const web = (token?: string) => emulatorWebClient(emu, token);

async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return String((error as { data?: { error?: unknown } }).data?.error ?? error);
  }
}

const refresh = (refreshToken: string, clientSecret = OAUTH_CLIENT.clientSecret) =>
  web().oauth.v2.access({
    client_id: OAUTH_CLIENT.clientId,
    client_secret: clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });

const install = (teamId: string) => installApp(emu, teamId, { scopes: ['commands', 'chat:write'] });

describe('token rotation', () => {
  it('installs with an expiring token and a refresh token, and refuses the token once expired', async () => {
    const installed = await install('T2');
    expect(installed).toMatchObject({ token_type: 'bot', expires_in: 43_200, team: { id: 'T2' } });
    expect(installed.access_token).toMatch(/^xoxe\.xoxb-/);
    expect(installed.refresh_token).toMatch(/^xoxe-1-/);
    const token = installed.access_token as string;
    expect(await outcome(() => web(token).auth.test())).toBe('ok');
    now += 12 * HOUR;
    expect(await outcome(() => web(token).auth.test())).toBe('token_expired');
    expect(await outcome(() => web(token).chat.postMessage({ channel: 'U1', text: 'hi' }))).toBe(
      'token_expired',
    );
  });

  it('trades a refresh token once for a new pair; the old token works until it expires', async () => {
    const installed = await install('T2');
    now += 11 * HOUR;
    const refreshed = await refresh(installed.refresh_token as string);
    expect(refreshed).toMatchObject({
      token_type: 'bot',
      expires_in: 43_200,
      team: { id: 'T2' },
      scope: 'commands,chat:write',
    });
    expect(refreshed.access_token).not.toBe(installed.access_token);
    expect(refreshed.refresh_token).not.toBe(installed.refresh_token);
    expect(await outcome(() => web(installed.access_token).auth.test())).toBe('ok');
    // Single use: a second trade of the same refresh token is refused.
    expect(await outcome(() => refresh(installed.refresh_token as string))).toBe('invalid_refresh_token');
    expect(await outcome(() => refresh('xoxe-1-unknown'))).toBe('invalid_refresh_token');
    expect(await outcome(() => refresh(refreshed.refresh_token as string, 'wrong'))).toBe(
      'bad_client_secret',
    );

    now += 2 * HOUR;
    expect(await outcome(() => web(installed.access_token).auth.test())).toBe('token_expired');
    const answer = await web(refreshed.access_token).auth.test();
    expect(answer.team_id).toBe('T2');
    expect(emu.tokenOf('T2')).toBe(refreshed.access_token);
  });

  it('an uninstall revokes every token of the workspace and its refresh token', async () => {
    const installed = await install('T2');
    const refreshed = await refresh(installed.refresh_token as string);
    await emu.uninstall('T2').catch(() => undefined); // no app to deliver the events to
    expect(await outcome(() => web(installed.access_token).auth.test())).toBe('token_revoked');
    expect(await outcome(() => web(refreshed.access_token).auth.test())).toBe('token_revoked');
    expect(await outcome(() => refresh(refreshed.refresh_token as string))).toBe('invalid_refresh_token');
  });
});
