// The follow-up picker needs the person's timezone, which only users.info tells. A slow Slack
// answer must not hold up the modal, yet the step-4 default must still be in their zone.

import { expect, it } from 'vitest';
import { harnessPerTest } from '../support/rebound-harness.js';
import { step1, step2, step3 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z'); // Monday 10:00 in New York
const harness = harnessPerTest();

it('opens the modal without waiting for users.info, and still defaults the follow-up in their zone', async () => {
  const h = await harness.start({ now: NOW });
  const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
  h.emu.failNext('users.info', { delayMs: 1500 });

  const started = Date.now();
  await alice.command('/rejected', 'Acme');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  expect(Date.now() - started).toBeLessThan(1000);
  const opened = h.emu.callsTo('views.open')[0]?.at ?? 0;
  const asked = h.emu.callsTo('users.info')[0]?.at ?? Number.POSITIVE_INFINITY;
  expect(opened).toBeLessThanOrEqual(asked);

  // Three quick steps, while users.info is still on its way: step 4 waits for it.
  await alice.submit({ ...step1 });
  await alice.submit(step2);
  await alice.submit(step3);
  expect(alice.modal?.callback_id).toBe('routine_step_4');
  const thursdayTenInNewYork = new Date('2026-03-05T15:00:00Z').getTime() / 1000;
  expect(JSON.stringify(alice.modal?.blocks)).toContain(`"initial_date_time":${thursdayTenInNewYork}`);
});

it('falls back to UTC, without an error, when Slack cannot say', async () => {
  const h = await harness.start({ now: NOW });
  const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Tokyo' });
  h.emu.failNext('users.info', { error: 'user_not_found' });
  await alice.command('/rejected', 'Acme');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  await alice.submit({ ...step1 });
  await alice.submit(step2);
  await alice.submit(step3);
  const thursdayTenUtc = new Date('2026-03-05T10:00:00Z').getTime() / 1000;
  expect(JSON.stringify(alice.modal?.blocks)).toContain(`"initial_date_time":${thursdayTenUtc}`);
  expect(h.logs.join('\n')).toContain('users.info for the timezone failed: user_not_found');
});

it('asks Slack for the timezone once step 1 is answered, not for every /rejected', async () => {
  const h = await harness.start({ now: NOW });
  const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
  await alice.command('/rejected', 'Acme');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  const answeredAt = Date.now();
  await alice.submit({ ...step1 });
  await expect.poll(() => h.emu.callsTo('users.info').length).toBe(1);
  expect(h.emu.callsTo('users.info')[0]?.at).toBeGreaterThanOrEqual(answeredAt);

  await alice.submit(step2);
  await alice.submit(step3);
  const thursdayTenInNewYork = new Date('2026-03-05T15:00:00Z').getTime() / 1000;
  expect(JSON.stringify(alice.modal?.blocks)).toContain(`"initial_date_time":${thursdayTenInNewYork}`);
  expect(h.emu.callsTo('users.info')).toHaveLength(1);
});

it('asks again when a closed draft is offered, since resuming skips step 1', async () => {
  const h = await harness.start({ now: NOW });
  const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
  await alice.command('/rejected', 'Acme');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  h.emu.failNext('users.info', { error: 'user_not_found' });
  await alice.submit({ ...step1 });
  await alice.submit(step2);
  await alice.closeModal();
  await expect.poll(() => h.logs.join('\n')).toContain('users.info for the timezone failed');

  await alice.command('/rejected', '');
  await alice.waitForModal((view) => view.callback_id === 'resume_draft');
  await expect.poll(() => h.emu.callsTo('users.info').length).toBe(2);
  await alice.clickButton('draft_resume');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_3');
  await alice.submit(step3);
  const thursdayTenInNewYork = new Date('2026-03-05T15:00:00Z').getTime() / 1000;
  expect(JSON.stringify(alice.modal?.blocks)).toContain(`"initial_date_time":${thursdayTenInNewYork}`);
});
