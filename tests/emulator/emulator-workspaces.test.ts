// The emulator's workspaces: installing the app in more of them through OAuth (authorize →
// code → oauth.v2.access → that workspace's token), tokens answering for their own
// workspace, workspaces kept apart, and uninstalling.

import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type SlackEmulator } from '../../emulator/index.js';
import { emulatorWebClient, exchangeCode, OAUTH_CLIENT } from '../support/emulator-oauth.js';

let emu: SlackEmulator;
let bare: BareApp | undefined;
const events: { type: string; teamId: string | undefined }[] = [];

beforeEach(async () => {
  emu = await createSlackEmulator({ ...TEST_SECRETS, ...OAUTH_CLIENT });
  events.length = 0;
});
afterEach(async () => {
  await bare?.stop();
  bare = undefined;
  await emu.close();
});

const web = (token?: string) => emulatorWebClient(emu, token);

/** Runs `call` and returns 'ok' or Slack's error code. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return String((error as { data?: { error?: unknown } }).data?.error ?? error);
  }
}

const exchange = (code: string | undefined, credentials = OAUTH_CLIENT) =>
  exchangeCode(emu, code, credentials);

describe('installing in another workspace', () => {
  it('swaps an approved code for that workspace token, shaped like Slack oauth.v2.access', async () => {
    const { code } = emu.authorize({ id: 'T2', name: 'Beta' }, { scopes: ['commands', 'chat:write'] });
    const answer = await exchange(code);
    expect(answer).toMatchObject({
      ok: true,
      access_token: emu.tokenOf('T2'),
      token_type: 'bot',
      scope: 'commands,chat:write',
      bot_user_id: expect.any(String),
      app_id: 'A1',
      team: { id: 'T2', name: 'Beta' },
      enterprise: null,
      authed_user: { id: 'UINSTALLER' },
      is_enterprise_install: false,
    });
    expect(answer.access_token).toMatch(/^xoxb-/);
    expect(answer.access_token).not.toBe(TEST_SECRETS.botToken);

    const t2 = await web(answer.access_token).auth.test();
    expect(t2).toMatchObject({ team_id: 'T2', team: 'Beta' });
    expect((await web(TEST_SECRETS.botToken).auth.test()).team_id).toBe('T1');
    expect(emu.callsTo('auth.test').map((call) => call.teamId)).toEqual(['T2', 'T1']);
    expect(emu.callsTo('oauth.v2.access')[0]?.teamId).toBeUndefined();
  });

  it('answers invalid_code for unknown or used codes, and checks the client credentials', async () => {
    const { code } = emu.authorize('T2');
    expect(await outcome(() => exchange(code, { ...OAUTH_CLIENT, clientSecret: 'wrong' }))).toBe(
      'bad_client_secret',
    );
    expect(await outcome(() => exchange(code, { ...OAUTH_CLIENT, clientId: '999' }))).toBe(
      'invalid_client_id',
    );
    expect(await outcome(() => exchange(code))).toBe('ok');
    expect(await outcome(() => exchange(code))).toBe('invalid_code');
    expect(await outcome(() => exchange('made-up'))).toBe('invalid_code');
  });

  it('keeps one token per workspace across reinstalls, and a denied install gives no code', async () => {
    const first = await exchange(emu.authorize('T2').code);
    const again = await exchange(emu.authorize('T2').code);
    expect(again.access_token).toBe(first.access_token);
    expect(emu.authorize('T3', { deny: true })).toEqual({ error: 'access_denied' });
    expect(emu.tokenOf('T3')).toBeUndefined();
  });
});

describe('workspaces stay apart', () => {
  it("refuses a workspace's token on another workspace's user, and reports it", async () => {
    emu.addUser({ id: 'U1', name: 'alice', tz: null });
    emu.addUser({ id: 'U2', name: 'bob', teamId: 'T2', tz: null });
    const t2 = web((await exchange(emu.authorize('T2').code)).access_token);
    expect(await outcome(() => t2.chat.postMessage({ channel: 'U2', text: 'hi' }))).toBe('ok');
    expect(await outcome(() => t2.chat.postMessage({ channel: 'U1', text: 'hi' }))).toBe('channel_not_found');
    expect(await outcome(() => t2.users.info({ user: 'U1' }))).toBe('user_not_found');
    expect(emu.problems).toEqual([
      expect.stringContaining("chat.postMessage: workspace T2's token used for user U1 of workspace T1"),
      expect.stringContaining("users.info: workspace T2's token used for user U1 of workspace T1"),
    ]);
  });
});

describe('views in another workspace', () => {
  it("belong to the user's own workspace, as team_id and app_installed_team_id say", async () => {
    const submitted: unknown[] = [];
    bare = await startHttpApp(emu, (app) => {
      app.command('/demo', async ({ ack }) => ack());
      app.view('demo', async ({ ack, body }) => {
        submitted.push(body.view);
        await ack();
      });
    });
    const t2 = web((await exchange(emu.authorize('T2').code)).access_token);
    const bob = emu.addUser({ id: 'U2', name: 'bob', teamId: 'T2', tz: null });
    const { triggerId } = await bob.command('/demo');
    const view = {
      type: 'modal',
      callback_id: 'demo',
      title: { type: 'plain_text', text: 'Demo' },
      submit: { type: 'plain_text', text: 'Send' },
      blocks: [],
    };
    const opened = await t2.views.open({ trigger_id: triggerId, view } as never);
    expect(opened.view).toMatchObject({ team_id: 'T2', app_installed_team_id: 'T2' });
    await bob.submit();
    expect(submitted).toEqual([expect.objectContaining({ team_id: 'T2', app_installed_team_id: 'T2' })]);
    expect(emu.problems).toEqual([]);
  });
});

describe('uninstalling', () => {
  function recordEvents(app: App) {
    for (const type of ['tokens_revoked', 'app_uninstalled'] as const) {
      app.event(type, async ({ context }) => {
        events.push({ type, teamId: context.teamId });
      });
    }
  }

  it("revokes the workspace's token and tells the app, from that workspace", async () => {
    bare = await startHttpApp(emu, recordEvents);
    const token = (await exchange(emu.authorize('T2').code)).access_token;
    const delivered = await emu.uninstall('T2');
    expect(delivered.tokensRevoked.status).toBe(200);
    expect(delivered.appUninstalled.status).toBe(200);
    expect(events).toEqual([
      { type: 'tokens_revoked', teamId: 'T2' },
      { type: 'app_uninstalled', teamId: 'T2' },
    ]);
    expect(await outcome(() => web(token).auth.test())).toBe('token_revoked');
    expect(emu.tokenOf('T2')).toBeUndefined();
    expect(await outcome(() => web(TEST_SECRETS.botToken).auth.test())).toBe('ok');
    await expect(emu.uninstall('T2')).rejects.toThrow(/not installed in T2/);
  });
});

describe('views belong to the installation that made them', () => {
  it('stamps app_installed_team_id with the calling token’s workspace, also on response_action update', async () => {
    await exchange(emu.authorize({ id: 'T2', name: 'Beta' }).code);
    const t2 = web(emu.tokenOf('T2'));
    const modal = (title: string) => ({
      type: 'modal' as const,
      callback_id: 'form',
      title: { type: 'plain_text' as const, text: title },
      submit: { type: 'plain_text' as const, text: 'Next' },
      blocks: [
        {
          type: 'input' as const,
          block_id: 'answer',
          label: { type: 'plain_text' as const, text: 'Answer' },
          element: { type: 'plain_text_input' as const, action_id: 'value' },
        },
      ],
    });
    bare = await startHttpApp(emu, (app) => {
      app.command('/form', async ({ ack, command }) => {
        await ack();
        await t2.views.open({ trigger_id: command.trigger_id, view: modal('First') });
      });
      app.view('form', async ({ ack }) => {
        await ack({ response_action: 'update', view: modal('Second') });
      });
    });
    const bea = emu.addUser({ id: 'UB', teamId: 'T2', name: 'bea', tz: null });
    await bea.command('/form');
    await bea.waitForModal();
    expect(bea.modal).toMatchObject({ team_id: 'T2', app_installed_team_id: 'T2' });
    await bea.submit({ answer: 'yes' });
    expect(bea.modal).toMatchObject({ title: { text: 'Second' }, app_installed_team_id: 'T2' });
  });
});
