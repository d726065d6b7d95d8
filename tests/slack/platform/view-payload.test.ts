// Rebound hands views to the WebClient already serialized (view-payload.ts). That is only
// right while the WebClient posts a form, where a string goes as it is: were it to post JSON,
// the view would reach Slack as a string inside a string and every modal would fail to open.
// This sends one real Home, with the real WebClient, to the emulator (which parses the form
// as Slack does) and reads back what the person would see.

import { webApi } from '@slack/bolt';
import { afterEach, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type SlackEmulator } from '../../../emulator/index.js';
import { visibleText } from '../../../emulator/visible-text.js';
import { buildHomeView } from '../../../src/slack/home/home-view.js';
import { viewPayload } from '../../../src/slack/platform/view-payload.js';
import { homeInput } from '../fixtures.js';

let emu: SlackEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

it('a view sent as its JSON string reaches Slack as the same view the object would', async () => {
  emu = await createSlackEmulator({ ...TEST_SECRETS });
  const alice = emu.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
  const client = new webApi.WebClient(TEST_SECRETS.botToken, { slackApiUrl: emu.apiUrl });
  // A first visit's Home: what people read, and its button.
  const view = buildHomeView(homeInput());

  await client.views.publish({ user_id: 'U1', view });
  const fromObject = visibleText(alice.home);
  await client.views.publish({ user_id: 'U1', view: viewPayload(view) });

  expect(visibleText(alice.home)).toBe(fromObject);
  expect(fromObject).toContain('Start the routine');
  expect(emu.problems).toEqual([]);
});
