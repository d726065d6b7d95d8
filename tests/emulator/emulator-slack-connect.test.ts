// Slack Connect and Enterprise Grid org-wide installs in the emulator: which ids each payload
// carries when a person of one workspace meets another workspace's copy of the app, and
// which installation serves a person of an org. docs/ARCHITECTURE.md, "Whose workspace is
// it", gives the sources.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type SlackEmulator } from '../../emulator/index.js';
import { emulatorWebClient, installApp, OAUTH_CLIENT } from '../support/emulator-oauth.js';

type Body = Record<string, unknown> & {
  team?: { id: string } | null;
  user?: { team_id?: string };
  view?: Record<string, unknown>;
  authorizations?: Record<string, unknown>[];
};

let emu: SlackEmulator;
let bare: BareApp | undefined;
const bodies: Body[] = [];

beforeEach(async () => {
  emu = await createSlackEmulator({ ...TEST_SECRETS, ...OAUTH_CLIENT });
  bodies.length = 0;
  // Records every payload, and acknowledges it as Rebound would.
  bare = await startHttpApp(emu, (app) => {
    app.use(async ({ body, next }) => {
      bodies.push(body as Body);
      await next();
    });
    app.command(/.*/, async ({ ack }) => ack());
    app.action(/.*/, async ({ ack }) => ack());
    app.shortcut(/.*/, async ({ ack }) => ack());
    app.view(/.*/, async ({ ack }) => ack());
    app.event('app_home_opened', async () => {});
  });
});
afterEach(async () => {
  await bare?.stop();
  bare = undefined;
  await emu.close();
});

const web = (token?: string) => emulatorWebClient(emu, token);
const install = (team: string | { id: string; name?: string }, options: { orgWide?: boolean } = {}) =>
  installApp(emu, team, options);

const modal = {
  type: 'modal' as const,
  callback_id: 'demo',
  title: { type: 'plain_text' as const, text: 'Demo' },
  submit: { type: 'plain_text' as const, text: 'Send' },
  blocks: [
    {
      type: 'actions' as const,
      elements: [
        { type: 'button' as const, action_id: 'in_modal', text: { type: 'plain_text' as const, text: 'Go' } },
      ],
    },
  ],
};
const buttonMessage = {
  text: 'Hello',
  blocks: [
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: 'in_message', text: { type: 'plain_text', text: 'Go' } }],
    },
  ],
};

describe('a Slack Connect channel', () => {
  it('lets a workspace’s copy reach the other workspace’s members only once they share a channel', async () => {
    emu.addUser({ id: 'U2', teamId: 'T2', name: 'bob', tz: null });
    const t1 = web(TEST_SECRETS.botToken);
    await expect(t1.chat.postMessage({ channel: 'U2', text: 'hi' })).rejects.toThrow(/channel_not_found/);
    expect(emu.problems).toHaveLength(1);
    emu.shareChannel('C0SHARED', ['T1', 'T2']);
    expect((await t1.chat.postMessage({ channel: 'U2', text: 'hi' })).ok).toBe(true);
    expect((await t1.users.info({ user: 'U2' })).user).toMatchObject({ id: 'U2', team_id: 'T2' });
    expect(emu.problems).toHaveLength(1);
  });

  it('names the poster’s workspace as `team` and the clicker’s as `user.team_id` on a message click', async () => {
    emu.shareChannel('C0SHARED', ['T1', 'T2']);
    const bob = emu.addUser({ id: 'U2', teamId: 'T2', name: 'bob', tz: null });
    const posted = await web(TEST_SECRETS.botToken).chat.postMessage({ channel: 'U2', ...buttonMessage });
    await bob.clickMessageButton(posted.ts as string, 'in_message');
    expect(bodies.at(-1)).toMatchObject({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { team_id: 'T2' },
    });
    expect(emu.problems).toEqual([]);
  });

  it('keeps the opener’s workspace in app_installed_team_id; `team` is the person’s own', async () => {
    emu.shareChannel('C0SHARED', ['T1', 'T2']);
    const bob = emu.addUser({ id: 'U2', teamId: 'T2', name: 'bob', tz: null });
    const posted = await web(TEST_SECRETS.botToken).chat.postMessage({ channel: 'U2', ...buttonMessage });
    await bob.clickMessageButton(posted.ts as string, 'in_message');
    const trigger = bodies.at(-1)?.trigger_id as string;
    const opened = await web(TEST_SECRETS.botToken).views.open({ trigger_id: trigger, view: modal });
    expect(opened.view).toMatchObject({ team_id: 'T1', app_installed_team_id: 'T1' });
    await bob.waitForModal();
    await bob.clickButton('in_modal');
    await bob.submit();
    const [inModal, submitted] = bodies.slice(-2);
    for (const body of [inModal, submitted]) {
      expect(body).toMatchObject({
        team: { id: 'T2' },
        user: { team_id: 'T2' },
        view: { app_installed_team_id: 'T1' },
      });
    }
    expect(submitted?.type).toBe('view_submission');
    expect(emu.problems).toEqual([]);
  });

  it('offers commands and message shortcuts only to members of a workspace that installed the app', async () => {
    emu.shareChannel('C0SHARED', ['T1', 'T2']);
    const bob = emu.addUser({ id: 'U2', teamId: 'T2', name: 'bob', tz: null });
    const message = { text: 'We went another way.', channelId: 'C0SHARED' };
    await expect(bob.messageShortcut('work_through', message)).rejects.toThrow(/not installed in T2/);
    await expect(bob.command('/demo', '', { channelId: 'C0SHARED' })).rejects.toThrow(/not installed in T2/);
    // Outside the shared channel nothing changes (the emulator's default channel).
    expect((await bob.command('/demo')).status).toBe(200);

    await install('T2');
    await bob.messageShortcut('work_through', message);
    expect(bodies.at(-1)).toMatchObject({
      type: 'message_action',
      team: { id: 'T2' },
      user: { team_id: 'T2' },
      channel: { id: 'C0SHARED' },
    });
  });

  it('delivers a visit to another workspace’s copy of Home for that installation', async () => {
    const bob = emu.addUser({ id: 'U2', teamId: 'T2', name: 'bob', tz: null });
    expect(() => bob.openHome('home', { copyOf: 'T1' })).toThrow(/shares no channel/);
    emu.shareChannel('C0SHARED', ['T1', 'T2']);
    await bob.openHome('home', { copyOf: 'T1' });
    expect(bodies.at(-1)).toMatchObject({
      team_id: 'T1',
      context_team_id: 'T1',
      event: { type: 'app_home_opened', user: 'U2' },
      authorizations: [{ team_id: 'T1', is_enterprise_install: false }],
    });
  });
});

describe('an Enterprise Grid org-wide install', () => {
  it('answers oauth.v2.access with the org, and serves every workspace of the org without its own install', async () => {
    const answer = await install({ id: 'E1', name: 'Grid Co' }, { orgWide: true });
    expect(answer).toMatchObject({
      team: null,
      enterprise: { id: 'E1', name: 'Grid Co' },
      is_enterprise_install: true,
    });
    const org = web(answer.access_token);
    expect(await org.auth.test()).toMatchObject({
      team_id: 'E1',
      enterprise_id: 'E1',
      is_enterprise_install: true,
    });

    const gus = emu.addUser({ id: 'UG', teamId: 'T5', enterpriseId: 'E1', name: 'gus', tz: null });
    const { triggerId } = await gus.command('/demo');
    expect(bodies.at(-1)).toMatchObject({
      team_id: 'T5',
      enterprise_id: 'E1',
      is_enterprise_install: 'true',
    });

    // Its views name the org as app_installed_team_id (bolt-js#1720); interactions carry team null.
    const opened = await org.views.open({ trigger_id: triggerId, view: modal });
    expect(opened.view).toMatchObject({ app_installed_team_id: 'E1' });
    await gus.waitForModal();
    await gus.submit();
    expect(bodies.at(-1)).toMatchObject({
      type: 'view_submission',
      team: null,
      enterprise: { id: 'E1' },
      user: { team_id: 'T5' },
      is_enterprise_install: true,
      view: { app_installed_team_id: 'E1' },
    });

    await gus.openHome();
    expect(bodies.at(-1)).toMatchObject({
      team_id: 'T5',
      enterprise_id: 'E1',
      authorizations: [{ team_id: null, enterprise_id: 'E1', is_enterprise_install: true }],
    });
    // The org's token reaches its people; another workspace's token does not.
    expect((await org.chat.postMessage({ channel: 'UG', text: 'hi' })).ok).toBe(true);
    expect(emu.problems).toEqual([]);
    await expect(web(TEST_SECRETS.botToken).chat.postMessage({ channel: 'UG', text: 'hi' })).rejects.toThrow(
      /channel_not_found/,
    );
  });
});
