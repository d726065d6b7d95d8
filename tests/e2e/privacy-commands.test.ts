// /rejected list, export and delete end to end, on SQLite and on PostgreSQL: what the person
// sees, what the file holds (their own data, nobody else's, even with the same user id in
// another workspace), and that delete leaves nothing of theirs behind in either engine.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { type EmulatedUser, type Surface, visibleText } from '../../emulator/index.js';
import type { NewFollowUp, RoutineAnswers, UserScope } from '../../src/domain/types.js';
import type { UserExport } from '../../src/domain/user-export.js';
import { engines } from '../support/engines.js';
import { homeText, published } from '../support/home.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

const alice = scopeOf('U1');
/** Not alice, though two of them share her user id. */
const others: [string, UserScope][] = [
  ['Bob Co', scopeOf('U2')],
  ['Other Team Co', scopeOf('U1', 'T2')],
  ['Grid Co', { teamId: 'T1', enterpriseId: 'E1', userId: 'U1' }],
];

/** What the `count`th ephemeral reply says, once it has come. */
async function ephemeral(user: EmulatedUser, count = 1): Promise<string> {
  await expect.poll(() => user.ephemerals.length).toBe(count);
  return visibleText(user.ephemerals.at(-1));
}

/** The last ephemeral reply's blocks as JSON, for links and date tokens. */
const lastEphemeralJson = (user: EmulatedUser): string => JSON.stringify(user.ephemerals.at(-1)?.blocks);

const lines = (surface: unknown): string[] => visibleText(surface as Surface).split('\n');

describe.each(engines)('/rejected list, export and delete on $name', (engine) => {
  let h: Harness;
  let user: EmulatedUser;

  async function seed(scope: UserScope, answers: RoutineAnswers, followUps: NewFollowUp[] = [], when = NOW) {
    return seedRejection(h.rebound.store, scope, { answers, followUps, now: when });
  }

  /** Alice: two finished rejections (entries, a sent and a pending follow-up), a draft, a profile. */
  async function seedAlice() {
    const acme = await seed(
      alice,
      { company: 'Acme Corp', role: 'Designer' },
      [{ kind: 'reflect', dueAt: NOW }],
      at(-3 * DAY),
    );
    const globex = await seed(
      alice,
      { company: 'Globex', stage: 'take_home' },
      [{ kind: 'feedback_check', dueAt: at(2 * DAY) }],
      at(-DAY),
    );
    await h.rebound.store.addEntry(
      alice,
      acme.rejection.id,
      { kind: 'feedback', received: true, text: 'Strong portfolio.' },
      at(-DAY),
    );
    await h.rebound.store.createDraft(alice, { company: 'Initech' }, NOW);
    await h.rebound.store.saveUserProfile(alice, 'America/New_York', NOW);
    await h.rebound.runFollowUps(NOW); // the Acme follow-up goes out
    return { acme, globex };
  }

  async function seedOthers() {
    for (const [company, scope] of others) {
      await seed(scope, { company }, [{ kind: 'reflect', dueAt: at(DAY) }]);
      await h.rebound.store.saveUserProfile(scope, 'Asia/Tokyo', NOW);
    }
  }

  beforeEach(async () => {
    h = await startHarness({ now: NOW, databaseUrl: await engine.databaseUrl() });
    user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    h.emu.addUser({ id: 'U2', name: 'bob', tz: 'Asia/Tokyo' });
  });

  afterEach(async () => {
    expect(h.emu.problems).toEqual([]);
    await h.stop();
  });

  it('list: a private summary, newest first, with the draft, the next check-in and a link to Home', async () => {
    await seedOthers();
    const empty = await user.command('/rejected', 'list');
    expect(empty.status).toBe(200);
    expect(await ephemeral(user)).toContain('Nothing here yet');

    await seedAlice();
    await user.command('/rejected', 'list');
    const reply = await ephemeral(user, 2);
    expect(reply.indexOf('Globex')).toBeLessThan(reply.indexOf('Acme Corp'));
    expect(reply).toContain('(got as far as: Take-home task)');
    expect(reply).toContain('Initech are saved at step 1 of 4');
    expect(reply).toContain('Next check-in about Globex: ');
    expect(reply).toContain("Open Rebound's Home");
    const sent = lastEphemeralJson(user);
    expect(sent).toContain(`Next check-in about *Globex*: <!date^${at(2 * DAY).getTime() / 1000}^`);
    expect(sent).toContain('<slack://app?team=T1&id=A1&tab=home|');
    // Nobody else's data anywhere in the reply, shown or not.
    for (const [company] of others) expect(JSON.stringify(user.ephemerals.at(-1))).not.toContain(company);
    expect(h.emu.callsTo('chat.postMessage').filter((call) => call.params.channel !== 'U1')).toEqual([]);
  });

  it('export: a JSON file and a Markdown journal of their own data only, in their DM', async () => {
    await seedOthers();
    const { acme, globex } = await seedAlice();
    await h.rebound.store.savePrivacySettings(alice, { employedHere: true }, NOW);
    await user.openHome();
    await expect.poll(async () => (await h.rebound.store.getUserProfile(alice))?.homeOpenedAt).toEqual(NOW);
    await user.command('/rejected', 'export');
    expect(await ephemeral(user)).toContain('Your export is in your DM with Rebound');

    expect(h.emu.uploadedFiles).toHaveLength(2);
    const [file, journal] = h.emu.uploadedFiles;
    expect(journal).toMatchObject({ filename: 'rebound-journal-2026-03-02.md', sharedIn: ['DU1'] });
    const markdown = journal?.bytes?.toString('utf8') ?? '';
    // One section per rejection, newest first, in their own words.
    expect(markdown.match(/^## .*/gm)).toEqual([
      '## Initech (unfinished)',
      '## Globex · Product Designer',
      '## Acme Corp · Designer',
    ]);
    expect(markdown).toContain('> Strong portfolio.');
    expect(markdown).toContain('**Got as far as:** Take-home task');
    for (const [company] of others) expect(markdown).not.toContain(company);
    expect(file).toMatchObject({
      filename: 'rebound-export-2026-03-02.json',
      sharedIn: ['DU1'],
      completed: true,
    });
    const dmWithFile = user.dm.find((message) => message.files?.[0]?.id === file?.id);
    expect(dmWithFile?.text).toContain('everything Rebound keeps for you');

    const text = file?.bytes?.toString('utf8') ?? '';
    const data = JSON.parse(text) as UserExport;
    expect(data.you).toEqual({
      teamId: 'T1',
      enterpriseId: null,
      userId: 'U1',
      timezone: 'America/New_York',
      homeFirstOpenedAt: NOW.toISOString(),
      settings: { showDetails: false, employedHere: true },
    });
    expect(data.rejections.map((rejection) => [rejection.answers.company, rejection.status])).toEqual([
      ['Initech', 'draft'],
      ['Globex', 'complete'],
      ['Acme Corp', 'complete'],
    ]);
    const exportedAcme = data.rejections.find((rejection) => rejection.id === acme.rejection.id);
    expect(exportedAcme?.entries).toEqual([
      expect.objectContaining({ kind: 'feedback', received: true, text: 'Strong portfolio.' }),
    ]);
    expect(exportedAcme?.followUps).toEqual([
      expect.objectContaining({ kind: 'reflect', status: 'sent', dueAt: NOW.toISOString() }),
    ]);
    expect(data.rejections.find((rejection) => rejection.id === globex.rejection.id)?.followUps).toEqual([
      expect.objectContaining({
        kind: 'feedback_check',
        status: 'pending',
        dueAt: at(2 * DAY).toISOString(),
      }),
    ]);
    for (const [company] of others) expect(text).not.toContain(company);
    // Neither the file nor anything typed reaches the logs.
    expect(h.logs.join('\n')).not.toContain('Strong portfolio');
  });

  it('export without files:write: says so plainly, and nothing is uploaded', async () => {
    await seedAlice();
    // Slack refuses each of the two files' upload URLs.
    h.emu.failNext('files.getUploadURLExternal', { error: 'missing_scope' }, 2);
    await user.command('/rejected', 'export');
    const reply = await ephemeral(user);
    expect(reply).toContain('Whoever manages Slack apps here can allow it');
    expect(reply).toContain('no export was made');
    expect(h.emu.uploadedFiles).toEqual([]);
    expect(h.emu.callsTo('files.completeUploadExternal')).toEqual([]);
  });

  it('delete: asks first, then leaves nothing of theirs behind, stops their follow-ups and says so', async () => {
    await seedOthers();
    const { acme, globex } = await seedAlice();
    const followUpIds = [...acme.followUps, ...globex.followUps].map((followUp) => followUp.id);
    const before = new Map<string, unknown>();
    for (const [company, scope] of others) before.set(company, await h.rebound.store.exportUserData(scope));
    await published(h, user, () => user.openHome());

    await user.command('/rejected', 'delete');
    const modal = await user.waitForModal((view) => view.callback_id === 'delete_my_data');
    expect(visibleText(modal)).toContain("can't be undone");
    // "Keep it" closes the modal and changes nothing.
    await user.closeModal();
    expect((await h.rebound.store.exportUserData(alice)).rejections).toHaveLength(3);

    await user.command('/rejected', 'delete');
    await user.waitForModal((view) => view.callback_id === 'delete_my_data');
    await user.submit();
    const confirmation = await user.waitForDm((message) => message.text?.includes('is deleted') ?? false);
    expect(JSON.stringify(confirmation.blocks)).toContain('none will come now');
    await expect.poll(() => homeText(user)).toContain('Welcome to Rebound');
    expect(homeText(user)).toContain('Welcome to Rebound');

    // Nothing of alice's is left, in any table this engine has.
    expect(await h.rebound.store.exportUserData(alice)).toEqual({
      rejections: [],
      entries: [],
      followUps: [],
      feedbackNotes: [],
      profile: null,
      settings: { showDetails: false, employedHere: null },
    });
    expect(await h.rebound.store.findOpenDraft(alice)).toBeNull();
    for (const id of followUpIds) expect(await h.rebound.store.findFollowUp(alice, id)).toBeNull();
    // …and no follow-up of hers goes out afterwards; everyone else's data is as it was.
    h.clock.set(at(3 * DAY));
    const dmsBefore = user.dm.length;
    await h.rebound.runFollowUps(at(3 * DAY));
    // (Same-id users of other workspaces share alice's DM in the emulator: look for her Globex.)
    // Anywhere in them, not only where a person reads: notification text and metadata too.
    expect(JSON.stringify(user.dm.slice(dmsBefore))).not.toContain('Globex');
    for (const [company, scope] of others) {
      const after = await h.rebound.store.exportUserData(scope);
      const earlier = before.get(company) as typeof after;
      expect(after.rejections).toEqual(earlier.rejections);
      expect(after.profile).toEqual(earlier.profile);
    }
    // A fresh start works.
    await user.command('/rejected', 'Acme Corp');
    await user.waitForModal((view) => view.callback_id === 'routine_step_1');
  });
});

describe('/rejected help and near-misses', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: NOW });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('lists every subcommand, and answers a typo with help rather than an error', async () => {
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const help = lines((await user.command('/rejected', 'help')).body);
    for (const sub of ['list', 'export', 'delete', 'help']) {
      expect(help.some((line) => line.startsWith(`/rejected ${sub}  `))).toBe(true);
    }

    const typo = await user.command('/rejected', 'exprot');
    expect(typo.status).toBe(200);
    expect(lines(typo.body)[0]).toBe('Did you mean /rejected export?');
    expect(lines(typo.body).some((line) => line.startsWith('/rejected delete  '))).toBe(true);
    expect(h.emu.callsTo('views.open')).toHaveLength(0);
    expect(h.emu.uploadedFiles).toEqual([]);
    expect(h.emu.problems).toEqual([]);
  });
});
