// One person's trouble with Slack never holds up anyone else: a 429 with a long Retry-After
// on someone's Home publish fails only that call, and everybody's /rejected still opens its
// modal inside the 3-second trigger. A modal that cannot open says "try again in a moment".

import { expect, it } from 'vitest';
import { OPEN_FAILED_TEXT } from '../../src/slack/platform/errors-message.js';
import { harnessPerTest } from '../support/rebound-harness.js';

const { start } = harnessPerTest();

it('a long Retry-After on one person’s Home publish leaves everyone else’s /rejected working', async () => {
  const h = await start({ logLevel: 'info' });
  const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
  const people = ['U2', 'U3', 'U4'].map((id) => h.emu.addUser({ id, name: id, tz: null }));
  h.emu.failNext('views.publish', { rateLimited: 30 });

  await alice.openHome();
  await h.emu.waitForCall('views.publish');
  // Everyone else, Alice included, starts the routine while her Retry-After still runs.
  for (const person of [...people, alice]) {
    expect((await person.command('/rejected', 'Acme Corp')).status).toBe(200);
    await person.waitForModal((view) => view.callback_id === 'routine_step_1', 2500);
  }
  expect(h.emu.callsTo('views.open').every((call) => call.ok)).toBe(true);
  // Alice's Home is skipped, not retried behind everyone's back; her next visit publishes it.
  expect(h.logs.join('\n')).toMatch(/App Home could not be published: slack_webapi_rate_limited_error/);
  await alice.openHome();
  await expect.poll(() => alice.home).toBeDefined();
});

it('a modal that cannot open because of a 429 gets an ephemeral "try again in a moment"', async () => {
  const h = await start({ logLevel: 'info' });
  const carol = h.emu.addUser({ id: 'U5', name: 'carol', tz: null });
  const dave = h.emu.addUser({ id: 'U6', name: 'dave', tz: null });
  h.emu.failNext('views.open', { rateLimited: 60 });

  expect((await carol.command('/rejected', 'Globex')).status).toBe(200);
  await expect.poll(() => carol.ephemerals.map((message) => message.text)).toEqual([OPEN_FAILED_TEXT]);
  expect(carol.modal).toBeUndefined();
  // The next person is not held up by Carol's Retry-After.
  await dave.command('/rejected', 'Initech');
  await dave.waitForModal((view) => view.callback_id === 'routine_step_1', 2500);
});

it('a views.open that Slack does not answer in time is given up, and the person is told', async () => {
  const h = await start({ logLevel: 'info' });
  const erin = h.emu.addUser({ id: 'U7', name: 'erin', tz: null });
  // Past the trigger's 3 s there is no modal to open: Rebound stops waiting at 2.5 s.
  h.emu.setLatency('views.open', 4000);
  expect((await erin.command('/rejected', 'Hooli')).status).toBe(200);
  // Told before Slack's own (4 s) answer would have come.
  await expect
    .poll(() => erin.ephemerals.map((message) => message.text), { timeout: 3900 })
    .toEqual([OPEN_FAILED_TEXT]);
  expect(h.logs.join('\n')).toMatch(/Could not open the routine: /);
  h.emu.setLatency('views.open', 0);
});
