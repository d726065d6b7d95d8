// A PostgreSQL that hangs instead of refusing (a network partition, a frozen host) must not
// hold a Slack request past its 3 seconds: statements give up and report store_unavailable,
// and the store works again once the database answers.

import pg from 'pg';
import { expect, it } from 'vitest';
import { scopeOf } from '../../devkit/seed.js';
import { createStore } from '../../src/store/index.js';
import { postgresMigrationLock } from '../../src/store/postgres/migrations.js';
import { postgres } from '../support/engines.js';

const NOW = new Date('2026-03-02T15:00:00Z');

it('gives up on a statement that hangs within Slack’s deadline, then recovers', async () => {
  const url = await postgres.databaseUrl();
  const store = await createStore(url);
  const blocker = new pg.Client({ connectionString: url });
  await blocker.connect();
  try {
    await store.createDraft(scopeOf('U1'), { company: 'Acme' }, NOW);
    // Another session holds the table: every read of it now waits, as if the server hung.
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE rejections IN ACCESS EXCLUSIVE MODE');

    const started = Date.now();
    // The server cancels it (lock_timeout) half a second before we would stop waiting.
    await expect(store.findOpenDraft(scopeOf('U1'))).rejects.toMatchObject({ code: 'store_busy' });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(2_000);
    expect(waited).toBeLessThan(3_000);

    await blocker.query('ROLLBACK');
    expect((await store.findOpenDraft(scopeOf('U1')))?.answers).toEqual({ company: 'Acme' });
  } finally {
    await blocker.end();
    await store.close();
  }
});

it('lets migrations wait for another instance’s lock as long as it takes', async () => {
  const url = await postgres.databaseUrl();
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    // Another instance is migrating: it holds the migration lock past the statement timeout.
    const key = /\d+/.exec(postgresMigrationLock)?.[0];
    await holder.query(`SELECT pg_advisory_lock(${key})`);
    const starting = createStore(url);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await holder.query(`SELECT pg_advisory_unlock(${key})`);
    const store = await starting;
    expect(await store.findOpenDraft(scopeOf('U1'))).toBeNull();
    await store.close();
  } finally {
    await holder.end();
  }
});

it('a write that waited too long is cancelled by the server, so it cannot commit behind our back', async () => {
  const url = await postgres.databaseUrl();
  const store = await createStore(url);
  const blocker = new pg.Client({ connectionString: url });
  await blocker.connect();
  try {
    const draft = await store.createDraft(scopeOf('U1'), { company: 'Acme' }, NOW);
    // Another session holds the draft's row: our save waits for it.
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM rejections WHERE id = $1 FOR UPDATE', [draft.id]);
    const started = Date.now();
    await expect(
      store.saveDraft(scopeOf('U1'), draft.id, 2, { company: 'Globex' }, NOW),
    ).rejects.toMatchObject({ code: 'store_busy' });
    expect(Date.now() - started).toBeLessThan(2_500);
    // The lock goes away after our client gave up: the cancelled save must not land then.
    await blocker.query('COMMIT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await store.getRejection(scopeOf('U1'), draft.id))?.answers).toEqual({ company: 'Acme' });
    // And the connection it ran on is fine: the next save goes through.
    await store.saveDraft(scopeOf('U1'), draft.id, 2, { company: 'Globex' }, NOW);
    expect((await store.getRejection(scopeOf('U1'), draft.id))?.answers).toEqual({ company: 'Globex' });
  } finally {
    await blocker.end();
    await store.close();
  }
});
