// Which DM a follow-up answer rewrites: the one Rebound stored when it sent the follow-up.
// A click (or a modal) says which follow-up; the message it names is not trusted to say which
// DM to change, so a copy of the buttons elsewhere cannot get Rebound to rewrite it.

import { expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import type { StoredMessage } from '../../emulator/index.js';
import { harnessPerTest } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-06T15:00:00Z');
const DAY = 86_400_000;
const harness = harnessPerTest();

it('rewrites the follow-up DM Rebound sent, not the copy the click came from', async () => {
  const h = await harness.start({ now: NOW });
  const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
  await seedRejection(h.rebound.store, scopeOf('U1'), {
    answers: { company: 'Acme Corp' },
    followUps: [{ kind: 'reflect', dueAt: NOW }],
    now: new Date(NOW.getTime() - 4 * DAY),
  });
  await h.rebound.runFollowUps(NOW);
  const [sent] = user.dm;
  if (!sent) throw new Error('no follow-up DM');

  // The same buttons in another message of the DM (an old client's copy, or a forged one).
  const copy = await h.rebound.app.client.chat.postMessage({
    channel: 'U1',
    text: 'copy',
    blocks: sent.blocks as never,
  });
  await user.clickMessageButton(copy.ts ?? '', 'nudge_done');

  const rewritten = await user.waitForDm((message) => message.ts === sent.ts && message.updatedCount > 0);
  expect(JSON.stringify(rewritten.blocks)).not.toContain('"actions"');
  const leftAlone = user.dm.find((message: StoredMessage) => message.ts === copy.ts);
  expect(leftAlone?.updatedCount).toBe(0);
  expect(h.emu.callsTo('chat.update').map((call) => call.params.ts)).toEqual([sent.ts]);
});
