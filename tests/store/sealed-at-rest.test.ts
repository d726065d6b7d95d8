// Sealed at rest, read straight from the database on both engines: with a key, no typed
// answer is in any row in plain text (enumerated choices are); rows stored before the key was
// set are sealed once it is; a rotation re-seals them with the new key; a sealed copy moved
// onto another person's row does not open.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { query } from '../../devkit/postgres.js';
import { createTokenCipher } from '../../src/crypto/token-cipher.js';
import type { RoutineAnswers, UserScope } from '../../src/domain/types.js';
import { ErrorCode } from '../../src/errors.js';
import { createStore } from '../../src/store/index.js';
import { type Engine, engines } from '../support/engines.js';

const T0 = new Date('2030-03-01T12:00:00.000Z');
const alice: UserScope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };
const bob: UserScope = { ...alice, userId: 'U2' };
const TYPED = {
  company: 'Acme Corp',
  role: 'Product Designer',
  employerContact: 'Dana Smith',
  intermediaryName: 'Sam Recruiter',
  interview: 'Slow down in the portfolio walk-through',
  preparation: 'Read their design system',
  rapport: 'Warm interviewer',
  strengths: 'Calm under pressure',
  fitNotes: 'Long commute',
  tweakOther: 'Smaller studios',
  lesson: 'Ask about the team early',
};
const FEEDBACK = 'They wanted more research depth';
const REFLECTION = 'Practise the case study aloud';
const answers: RoutineAnswers = { ...TYPED, stage: 'final_round', tweaks: ['referrals'], dailyFit: 'unsure' };

async function rawRows(engine: Engine['name'], url: string): Promise<string> {
  const sql = `SELECT r.answers, r.company, r.role, e.data FROM rejections r
               LEFT JOIN rejection_entries e ON e.rejection_id = r.id`;
  if (engine === 'postgres') return JSON.stringify(await query(url, sql));
  const db = new Database(url, { readonly: true });
  try {
    return JSON.stringify(db.prepare(sql).all());
  } finally {
    db.close();
  }
}

async function seed(url: string, cipher: ReturnType<typeof createTokenCipher> | null) {
  const store = await createStore(url, { cipher });
  const draft = await store.createDraft(alice, { company: TYPED.company }, T0);
  await store.completeRejection(alice, draft.id, answers, [], T0);
  await store.addEntry(alice, draft.id, { kind: 'feedback', received: true, text: FEEDBACK }, T0);
  await store.addEntry(
    alice,
    draft.id,
    { kind: 'reflection', answers: { interview: REFLECTION } },
    new Date(T0.getTime() + 1000),
  );
  await store.close();
  return draft.id;
}

describe.each(engines)('sealed at rest on $name', (engine) => {
  it('holds no typed answer in plain text, keeps choices plain, and reads back whole', async () => {
    const url = await engine.databaseUrl();
    const cipher = createTokenCipher(randomBytes(32));
    const id = await seed(url, cipher);
    const raw = await rawRows(engine.name, url);
    for (const typed of [...Object.values(TYPED), FEEDBACK, REFLECTION]) expect(raw).not.toContain(typed);
    expect(raw).toContain('final_round');
    expect(raw).toContain('referrals');
    expect(raw).toContain('\\"kind\\":\\"feedback\\"');

    const store = await createStore(url, { cipher });
    expect((await store.getRejection(alice, id))?.answers).toEqual(answers);
    expect((await store.listEntries(alice, id)).map((entry) => entry.data)).toEqual([
      { kind: 'feedback', received: true, text: FEEDBACK },
      { kind: 'reflection', answers: { interview: REFLECTION } },
    ]);
    await store.close();
  });

  it('seals rows stored before the key was set, re-seals them on rotation, and a retired key alone fails', async () => {
    const url = await engine.databaseUrl();
    const id = await seed(url, null);
    expect(await rawRows(engine.name, url)).toContain(TYPED.lesson);

    const first = randomBytes(32);
    const sealed = await createStore(url, { cipher: createTokenCipher(first) });
    expect(await sealed.resealAnswers()).toEqual({ resealed: 3, unreadable: 0 });
    expect(await sealed.resealAnswers()).toEqual({ resealed: 0, unreadable: 0 });
    await sealed.close();
    const once = await rawRows(engine.name, url);
    for (const typed of [...Object.values(TYPED), FEEDBACK, REFLECTION]) expect(once).not.toContain(typed);

    // Rotation: the new key seals, the old one only opens; every row is re-sealed once.
    const second = randomBytes(32);
    const rotated = await createStore(url, { cipher: createTokenCipher(second, [first]) });
    expect(await rotated.resealAnswers({ batchSize: 1 })).toEqual({ resealed: 3, unreadable: 0 });
    await rotated.close();
    expect(await rawRows(engine.name, url)).not.toEqual(once);

    // Only the new key now: everything opens. Only the old one: nothing does.
    const fresh = await createStore(url, { cipher: createTokenCipher(second) });
    expect((await fresh.getRejection(alice, id))?.answers).toEqual(answers);
    await fresh.close();
    const stale = await createStore(url, { cipher: createTokenCipher(first) });
    await expect(stale.getRejection(alice, id)).rejects.toMatchObject({ code: ErrorCode.TokenDecryptFailed });
    expect(await stale.resealAnswers()).toEqual({ resealed: 0, unreadable: 3 });
    await stale.close();
  });

  it('a sealed row copied onto another person does not open', async () => {
    const url = await engine.databaseUrl();
    const cipher = createTokenCipher(randomBytes(32));
    const store = await createStore(url, { cipher });
    const mine = await store.createDraft(alice, { company: TYPED.company }, T0);
    const theirs = await store.createDraft(bob, { company: 'Bob Co' }, T0);
    await store.close();
    const copy = `UPDATE rejections SET answers = (SELECT answers FROM rejections WHERE id = '${mine.id}') WHERE id = '${theirs.id}'`;
    if (engine.name === 'postgres') await query(url, copy);
    else {
      const db = new Database(url);
      db.exec(copy);
      db.close();
    }
    const reopened = await createStore(url, { cipher });
    await expect(reopened.getRejection(bob, theirs.id)).rejects.toMatchObject({
      code: ErrorCode.TokenDecryptFailed,
    });
    await reopened.close();
  });
});

describe('the SQLite file', () => {
  it('is created 0600 in a folder created 0700', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rebound-perms-'));
    try {
      const file = join(dir, 'nested', 'rebound.sqlite');
      const store = await createStore(file);
      await store.close();
      expect((await stat(join(dir, 'nested'))).mode & 0o777).toBe(0o700);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
