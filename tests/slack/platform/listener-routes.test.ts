// The routing table in front of Bolt: a request reaches exactly the listeners registered for
// its id, as it would through Bolt's own matchers, and anything the table does not file is
// left to Bolt.

import { App, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createListenerRoutes } from '../../../src/slack/platform/listener-routes.js';

const receiver: Receiver = { init() {}, start: async () => undefined, stop: async () => undefined };

function setup() {
  const app = new App({
    receiver,
    // No Slack to ask (auth.test): every request is this workspace's bot.
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'UB1' }),
  });
  const routes = createListenerRoutes(app);
  app.use(routes.dispatch);
  const heard: string[] = [];
  const errors: string[] = [];
  app.error(async (error) => {
    errors.push(error.message);
  });
  const deliver = (body: Record<string, unknown>) =>
    app.processEvent({ body: { team: { id: 'T1' }, user: { id: 'U1' }, ...body }, ack: async () => {} });
  const hear = (name: string) => async () => {
    heard.push(name);
  };
  return { app: routes.app, deliver, heard, errors, hear };
}

const action = (actionId: string) => ({
  type: 'block_actions',
  actions: [{ type: 'button', action_id: actionId, block_id: 'b' }],
});
const view = (type: string, callbackId: string) => ({ type, view: { id: 'V1', callback_id: callbackId } });

describe('listener routes', () => {
  it('routes commands, actions, views and events by their exact id', async () => {
    const { app, deliver, heard, hear } = setup();
    app.command('/rejected', hear('command'));
    app.action('go', hear('action go'));
    app.action({ action_id: 'stop' }, hear('action stop'));
    app.view('form', hear('form submitted'));
    app.view({ callback_id: 'form', type: 'view_closed' }, hear('form closed'));
    app.event('app_home_opened', hear('home'));

    await deliver({ command: '/rejected', text: '', user_id: 'U1', team_id: 'T1' });
    await deliver(action('go'));
    await deliver(action('stop'));
    await deliver(action('elsewhere'));
    await deliver(view('view_submission', 'form'));
    await deliver(view('view_closed', 'form'));
    await deliver(view('view_submission', 'other'));
    await deliver({ type: 'event_callback', team_id: 'T1', event: { type: 'app_home_opened', user: 'U1' } });
    expect(heard).toEqual(['command', 'action go', 'action stop', 'form submitted', 'form closed', 'home']);
  });

  it('runs every listener registered for an id, and leaves patterns to Bolt', async () => {
    const { app, deliver, heard, hear } = setup();
    app.event('app_uninstalled', hear('first'));
    app.event('app_uninstalled', hear('second'));
    app.action(/^page_/, hear('pattern'));
    app.view({ callback_id: /^step_/, type: 'view_submission' }, hear('step pattern'));

    await deliver({ type: 'event_callback', team_id: 'T1', event: { type: 'app_uninstalled' } });
    await deliver(action('page_2'));
    await deliver(view('view_submission', 'step_3'));
    await deliver(view('view_closed', 'step_3'));
    expect(heard).toEqual(['first', 'second', 'pattern', 'step pattern']);
  });

  it("hands a listener's failure to the app's error handler, as Bolt does", async () => {
    const { app, deliver, errors } = setup();
    app.action('broken', async () => {
      throw new Error('it broke');
    });
    await deliver(action('broken'));
    expect(errors).toEqual(['it broke']);
  });
});
