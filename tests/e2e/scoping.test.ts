// One Slack user id in two workspaces, or in a workspace and an Enterprise Grid org, is two
// different people to Rebound: every read and write is scoped by team, enterprise and user.
// Whichever workspace a request comes from, Home, list, export, delete and Home's buttons
// see and change that workspace's data only, even when a click names another's record.

import { describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { visibleText } from '../../emulator/index.js';
import type { UserScope } from '../../src/domain/types.js';
import type { UserExport } from '../../src/domain/user-export.js';
import { homeText, published } from '../support/home.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

const inT1 = scopeOf('U1', 'T1');
const inT2 = scopeOf('U1', 'T2');
const inGrid: UserScope = { teamId: 'T1', enterpriseId: 'E1', userId: 'U1' };
const companies = new Map<UserScope, string>([
  [inT1, 'Acme Corp'],
  [inT2, 'Other Team Co'],
  [inGrid, 'Grid Co'],
]);

const harness = harnessPerTest();

async function start(): Promise<Harness> {
  const h = await harness.start({ now: NOW });
  for (const [scope, company] of companies) {
    await seedRejection(h.rebound.store, scope, {
      answers: { company },
      followUps: [{ kind: 'reflect', dueAt: at(2 * DAY) }],
      now: NOW,
    });
  }
  return h;
}

async function followUpOf(h: Harness, scope: UserScope) {
  const [followUp] = await h.rebound.store.listFollowUps(scope);
  if (!followUp) throw new Error('seeded follow-up missing');
  return followUp;
}

/** The only company a text mentions, of the three seeded. */
function companiesIn(text: string): string[] {
  return [...companies.values()].filter((company) => text.includes(company));
}

describe('the same user id in two workspaces', () => {
  it('gets each workspace’s own Home, and a click from one never changes the other’s data', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });

    await published(h, user, () => user.openHome());
    expect(companiesIn(homeText(user))).toEqual(['Acme Corp']);

    // The same id opens Home in T2: only T2's data.
    await published(h, user, () =>
      h.emu.sendEvent({ type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' }, { teamId: 'T2' }),
    );
    expect(companiesIn(homeText(user))).toEqual(['Other Team Co']);

    // Clicks arrive from T1 (the emulated user's workspace) but name T2's check-in.
    const theirs = await followUpOf(h, inT2);
    await published(h, user, () => user.clickHomeButton('home_cancel_nudge', { value: theirs.id }));
    expect(companiesIn(homeText(user))).toEqual(['Acme Corp']);
    await published(h, user, () =>
      h.emu.sendEvent({ type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' }, { teamId: 'T2' }),
    );
    await published(h, user, () =>
      user.selectOption('home', 'home_snooze_nudge', `1w:${theirs.id}`, {
        blockId: `home_nudge_${theirs.id}`,
      }),
    );
    expect(await h.rebound.store.findFollowUp(inT2, theirs.id)).toEqual(theirs);

    // list and export from T1 show T1's data only; delete from T1 removes T1's only.
    await user.command('/rejected', 'list');
    await expect.poll(() => user.ephemerals.length).toBe(1);
    expect(companiesIn(user.ephemerals.map(visibleText).join('\n'))).toEqual(['Acme Corp']);
    // …and no other workspace's company anywhere in the reply, shown or not.
    expect(companiesIn(JSON.stringify(user.ephemerals))).toEqual(['Acme Corp']);
    await user.command('/rejected', 'export');
    // The JSON and the Markdown journal.
    await expect.poll(() => h.emu.uploadedFiles.map((file) => file.completed)).toEqual([true, true]);
    const exported = JSON.parse(h.emu.uploadedFiles[0]?.bytes?.toString('utf8') ?? '{}') as UserExport;
    expect(exported.rejections.map((rejection) => rejection.answers.company)).toEqual(['Acme Corp']);

    await user.command('/rejected', 'delete');
    await user.waitForModal((view) => view.callback_id === 'delete_my_data');
    await published(h, user, () => user.submit());
    expect((await h.rebound.store.exportUserData(inT1)).rejections).toEqual([]);
    for (const scope of [inT2, inGrid]) {
      const kept = await h.rebound.store.exportUserData(scope);
      expect(kept.rejections.map((rejection) => rejection.answers.company)).toEqual([companies.get(scope)]);
      expect(kept.followUps.map((followUp) => followUp.status)).toEqual(['pending']);
    }
  });
});

describe('the same user id in an Enterprise Grid org', () => {
  it('sees and changes only the enterprise’s records, never those of the plain workspace', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', enterpriseId: 'E1', name: 'alice', tz: null });

    await user.command('/rejected', 'list');
    await expect.poll(() => user.ephemerals.length).toBe(1);
    expect(companiesIn(user.ephemerals.map(visibleText).join('\n'))).toEqual(['Grid Co']);
    // …and no other workspace's company anywhere in the reply, shown or not.
    expect(companiesIn(JSON.stringify(user.ephemerals))).toEqual(['Grid Co']);

    await user.command('/rejected', 'export');
    // The JSON and the Markdown journal.
    await expect.poll(() => h.emu.uploadedFiles.map((file) => file.completed)).toEqual([true, true]);
    const exported = JSON.parse(h.emu.uploadedFiles[0]?.bytes?.toString('utf8') ?? '{}') as UserExport;
    expect(exported.you).toMatchObject({ teamId: 'T1', enterpriseId: 'E1', userId: 'U1' });
    expect(exported.rejections.map((rejection) => rejection.answers.company)).toEqual(['Grid Co']);

    await user.command('/rejected', 'delete');
    await user.waitForModal((view) => view.callback_id === 'delete_my_data');
    await published(h, user, () => user.submit());
    expect((await h.rebound.store.exportUserData(inGrid)).rejections).toEqual([]);
    expect(homeText(user)).toContain('Welcome to Rebound');
    for (const scope of [inT1, inT2]) {
      expect((await h.rebound.store.exportUserData(scope)).rejections).toHaveLength(1);
    }
  });
});
