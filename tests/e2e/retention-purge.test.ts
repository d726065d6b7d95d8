// The daily retention purge on a big workspace, end to end on both engines: 100,000 records
// of a workspace uninstalled 31 days ago are deleted in short batches (each inside the
// statement timeout that keeps requests under Slack's 3 s), and a second big workspace that
// installs again while it is being purged keeps what the purge had not reached and
// everything its people write afterwards.

import { afterEach, describe, expect, it } from 'vitest';
import { countTeamRows, seedTeamHistory } from '../../devkit/bulk-team.js';
import { PURGE_BATCH_SIZE, runDataRetention } from '../../src/jobs/data-retention.js';
import { engines } from '../support/engines.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe.each(engines)('the retention purge on $name', (engine) => {
  it('deletes a 100,000-record workspace in batches, and stops at a workspace that installs again mid-purge', async () => {
    const databaseUrl = await engine.databaseUrl();
    h = await startHarness({ distributed: true, now: NOW, databaseUrl, logLevel: 'info' });
    const { emu, rebound, clock } = h;
    for (const team of ['TA', 'TB'])
      expect((await installThroughOAuth(h.appUrl, emu, team)).status).toBe(200);
    expect(await seedTeamHistory(engine.name, databaseUrl, 'TA', 100_000, NOW)).toBe(100_000);
    expect(await seedTeamHistory(engine.name, databaseUrl, 'TB', 20_000, NOW)).toBe(20_000);
    const uninstalled = (team: string) =>
      h?.logs.some((line) => line.includes(`Rebound was uninstalled in ${team}`));
    await emu.uninstall('TA');
    await expect.poll(() => uninstalled('TA')).toBe(true);
    clock.advance(DAY);
    await emu.uninstall('TB');
    await expect.poll(() => uninstalled('TB')).toBe(true);
    clock.advance(31 * DAY);

    // TB installs again while its purge is under way: right after its second batch.
    const store = rebound.store;
    const batch = store.purgeTeamBatch.bind(store);
    let batches = 0;
    let tbBatches = 0;
    store.purgeTeamBatch = async (team, limit, now, leaseMs) => {
      const result = await batch(team, limit, now, leaseMs);
      batches += 1;
      if (team.teamId === 'TB' && ++tbBatches === 2)
        expect((await installThroughOAuth(h?.appUrl as string, emu, 'TB')).status).toBe(200);
      return result;
    };

    const report = await runDataRetention(
      { store, logger: rebound.app.logger, retentionDays: 30, clock: clock.now },
      clock.now(),
    );
    expect(report).toMatchObject({
      teamsPurged: 1,
      teamsReinstalled: 1,
      recordsDeleted: 100_000 + 2 * PURGE_BATCH_SIZE,
    });
    expect(await countTeamRows(engine.name, databaseUrl, 'TA')).toBe(0);
    expect(await countTeamRows(engine.name, databaseUrl, 'TB')).toBe(20_000 - 2 * PURGE_BATCH_SIZE);
    const logs = h.logs.join('\n');
    expect(logs).toContain(
      'Deleted the data of workspace TA (100000 record(s)), uninstalled more than 30 days ago.',
    );
    expect(logs).toContain(
      `workspace TB installed Rebound again while its data was being deleted: stopped after ${2 * PURGE_BATCH_SIZE} record(s); the rest stays.`,
    );
    // Many short transactions, not one long one (on PostgreSQL each runs under the 2.5 s
    // statement timeout, which the single transaction before could not finish inside).
    expect(batches).toBe(50 + 1 + 2 + 1); // TA's 100,000 in 2,000s and the empty last; TB's two; TB's refused third

    // Someone in TB walks the routine after the reinstall: it is kept, purge after purge.
    const bea = emu.addUser({ id: 'UB1', teamId: 'TB', name: 'bea', tz: null });
    await bea.command('/rejected', 'Globex');
    await bea.waitForModal((view) => view.callback_id === 'routine_step_1');
    for (const step of [step1, step2, step3, step4]) expect((await bea.submit(step)).errors).toBeUndefined();
    await expect.poll(() => bea.dm.length).toBe(1);
    clock.advance(365 * DAY);
    expect(
      await runDataRetention({ store, logger: rebound.app.logger, retentionDays: 30 }, clock.now()),
    ).toMatchObject({ teamsPurged: 0, recordsDeleted: 0 });
    expect(await store.listRejections({ teamId: 'TB', enterpriseId: null, userId: 'UB1' })).toHaveLength(1);
    expect(emu.problems).toEqual([]);
  }, 60_000);
});
