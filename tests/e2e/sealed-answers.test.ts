// The whole app with and without TOKEN_ENCRYPTION_KEY in single-workspace mode: start-up says
// which it is, and with a key the database holds nothing a person typed in plain text.

import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { query } from '../../devkit/postgres.js';
import { engines } from '../support/engines.js';
import { harnessPerTest } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const harness = harnessPerTest();
const TYPED = ['Acme Corp', step1.role, step2.interview, step2.strengths, step4.lesson, 'More research'];

async function everyRow(engine: string, url: string): Promise<string> {
  const tables = ['rejections', 'rejection_entries', 'follow_ups', 'user_settings', 'user_profiles'];
  const rows: unknown[] = [];
  for (const table of tables) {
    const sql = `SELECT * FROM ${table}`;
    if (engine === 'postgres') rows.push(await query(url, sql));
    else {
      const db = new Database(url, { readonly: true });
      rows.push(db.prepare(sql).all());
      db.close();
    }
  }
  return JSON.stringify(rows);
}

describe.each(engines)('answers at rest on $name', (engine) => {
  it('with a key: start-up says so, and no row holds a typed answer in plain text', async () => {
    const databaseUrl = await engine.databaseUrl();
    const h = await harness.start({
      now: NOW,
      databaseUrl,
      encryptionKeys: { current: randomBytes(32), retired: [] },
    });
    expect(h.logs.join('\n')).toContain('Answers are stored encrypted (AES-256-GCM).');
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await user.command('/rejected', 'Acme Corp');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    await user.submit({ ...step1, employed_here: 'yes' });
    await user.submit(step2);
    await user.submit(step3);
    await user.submit(step4);
    await user.waitForDm();
    const [rejection] = await h.rebound.store.listRejections({
      teamId: 'T1',
      enterpriseId: null,
      userId: 'U1',
    });
    await h.rebound.store.addEntry(
      { teamId: 'T1', enterpriseId: null, userId: 'U1' },
      rejection?.id ?? '',
      { kind: 'feedback', received: true, text: 'More research' },
      NOW,
    );
    // The app still shows it all to alice.
    expect(JSON.stringify(user.dm[0]?.blocks)).toContain(step4.lesson);
    const raw = await everyRow(engine.name, databaseUrl);
    for (const typed of TYPED) expect(raw).not.toContain(typed);
    expect(raw).toContain('final_round');
  });

  it('without a key: start-up says answers are stored unencrypted', async () => {
    const h = await harness.start({ now: NOW, databaseUrl: await engine.databaseUrl() });
    expect(h.logs.join('\n')).toContain('Answers are stored unencrypted: set TOKEN_ENCRYPTION_KEY');
  });
});
