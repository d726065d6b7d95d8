// App Home says so when a check-in could not be delivered (it failed for good), in one short
// line, for two weeks; check-ins that arrived or are still to come are not mentioned there.

import { expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { homeJson, homeText, published } from '../support/home.js';
import { harnessPerTest } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-05T15:00:00Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const alice = scopeOf('U1');

const harness = harnessPerTest();

it('tells the person on Home which check-in could not be delivered, not the one that arrived', async () => {
  const h = await harness.start({ now: NOW });
  const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
  for (const company of ['Acme Corp', 'Globex'])
    await seedRejection(h.rebound.store, alice, {
      answers: { company },
      followUps: [{ kind: 'reflect', dueAt: at(-60_000) }],
      now: at(-4 * DAY),
    });
  // Slack refuses the first DM for good (the job sends the older rejection's first).
  h.emu.failNext('chat.postMessage', { error: 'channel_not_found' });
  const report = await h.rebound.runFollowUps(NOW);
  expect(report).toMatchObject({ claimed: 2, sent: 1, failed: 1 });
  const [failed] = await h.rebound.store.listFollowUps(alice, { status: 'failed' });
  const company = (await h.rebound.store.getRejection(alice, failed?.rejectionId as string))?.answers.company;
  const delivered = company === 'Acme Corp' ? 'Globex' : 'Acme Corp';

  await published(h, user, () => user.openHome());
  const home = homeText(user);
  const lines = home.split('\n').filter((line) => line.startsWith("We couldn't deliver"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toBe(
    `We couldn't deliver your check-in about ${company} on 2026-03-05. Sorry about that.`,
  );
  expect(lines[0]).not.toContain(delivered);
  // The date is shown in the person's own time zone by Slack.
  expect(homeJson(user)).toContain(
    `<!date^${Math.floor(at(-60_000).getTime() / 1000)}^{date_short_pretty}|2026-03-05>`,
  );

  // Two weeks on, Home no longer brings it up.
  h.clock.set(at(15 * DAY));
  await published(h, user, () => user.openHome());
  expect(homeText(user)).not.toContain("We couldn't deliver");
});
