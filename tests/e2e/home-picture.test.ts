// Home as one picture of the search, end to end: readings and progress across rejections,
// each rejection opened into its own view, and the prep view for the night before the next
// interview, from Home and from `/rejected prep`. Every view passes Slack's rules.

import { describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { type EmulatedUser, visibleText } from '../../emulator/index.js';
import { LATER_TEXT } from '../../src/domain/patterns.js';
import type { RoutineAnswers, Stage } from '../../src/domain/types.js';
import { OPEN_FAILED_TEXT } from '../../src/slack/platform/errors-message.js';
import { homeJson, homeText, published } from '../support/home.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';

/** Monday 2 March 2026, 10:00 in New York. */
const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const alice = scopeOf('U1');
const HOSTILE = '<!channel> <@U999> & *bold*';

const harness = harnessPerTest();

async function start(): Promise<{ h: Harness; user: EmulatedUser }> {
  const h = await harness.start({ now: NOW });
  return { h, user: h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' }) };
}

function seed(answers: RoutineAnswers, when: Date) {
  return seedRejection(harness.current().rebound.store, alice, { answers, followUps: [], now: when });
}

/** Six rejections, oldest first: the first three mostly ended early, the last three in interviews. */
const SIX: { company: string; stage: Stage; intermediary: 'none' | 'recruiter' }[] = [
  { company: 'Initech', stage: 'application', intermediary: 'none' },
  { company: 'Hooli', stage: 'application', intermediary: 'recruiter' },
  { company: 'Globex', stage: 'first_interview', intermediary: 'none' },
  { company: 'Umbrella', stage: 'first_interview', intermediary: 'recruiter' },
  { company: 'Stark', stage: 'later_interviews', intermediary: 'none' },
  { company: 'Wayne', stage: 'take_home', intermediary: 'none' },
];

async function seedSix() {
  const { store } = harness.current().rebound;
  const seeded = [];
  for (const [i, row] of SIX.entries()) {
    seeded.push(
      await seed(
        {
          ...row,
          role: 'Designer',
          tweaks: i < 3 ? ['tailor_cv'] : ['practice_interviews'],
          strengths: `Strength from ${row.company}`,
          lesson: `Lesson from ${row.company}`,
        },
        at((i - 10) * DAY),
      ),
    );
  }
  const [, hooli, , , stark] = seeded;
  await store.addEntry(
    alice,
    hooli?.rejection.id ?? '',
    { kind: 'feedback', received: true, text: 'CV too long.' },
    at(-7 * DAY),
  );
  await store.addEntry(
    alice,
    stark?.rejection.id ?? '',
    { kind: 'feedback', received: true, text: 'Great case study.' },
    at(-4 * DAY),
  );
  await store.addEntry(
    alice,
    stark?.rejection.id ?? '',
    { kind: 'feedback', received: false, text: null },
    at(-3 * DAY),
  );
  return seeded;
}

describe('Home as one picture of the search', () => {
  it('reads six mixed rejections: where they ended, what may help, what moved forward', async () => {
    const { h, user } = await start();
    await seedSix();
    await published(h, user, () => user.openHome());
    const home = homeText(user);
    expect(home).toContain('Your last three reached interviews; one of your first three did.');
    expect(home).toContain('Four of your six ended during the interviews.');
    expect(home).toContain('You already picked “Practise interview answers out loud”.');
    expect(home).toContain('In your words, after Wayne:\nLesson from Wayne');
    // Feedback came for two; no note is marked sent yet, so nothing is counted as "answered".
    expect(home).toContain('Feedback came for two of your six rejections.');
    expect(home).toContain(
      'Once you mark your feedback notes as sent, Home will show how many got an answer.',
    );
    expect(home).toContain('What each employer taught you');
    // Each lesson is dated with a Slack date token, so each reader sees their own zone.
    const sent = homeJson(user);
    expect(sent.indexOf('*Stark* · <!date')).toBeGreaterThanOrEqual(0);
    expect(sent.indexOf('Lesson from Wayne')).toBeLessThan(sent.indexOf('*Stark* · <!date'));
    expect(h.emu.problems).toEqual([]);
  });

  it('opens one rejection with everything entered for it, escaped', async () => {
    const { h, user } = await start();
    const { rejection } = await seed(
      {
        company: 'Acme Corp',
        employerContact: HOSTILE,
        intermediary: 'recruiter',
        intermediaryName: 'Sam',
        interview: `Slow down. ${HOSTILE}`,
        fitNotes: 'Long commute.',
        tweakOther: 'Two roles a week',
        lesson: `Ask early. ${HOSTILE}`,
      },
      at(-2 * DAY),
    );
    await h.rebound.store.addEntry(
      alice,
      rejection.id,
      { kind: 'reflection', answers: { strengths: 'The migration story.' } },
      at(-DAY),
    );
    await h.rebound.store.addEntry(
      alice,
      rejection.id,
      { kind: 'feedback', received: true, text: `Good, but ${HOSTILE}` },
      NOW,
    );
    await published(h, user, () => user.openHome());

    await user.clickHomeButton('home_open_rejection', { value: rejection.id });
    const view = await user.waitForModal((modal) => modal.callback_id === 'home_rejection');
    const shown = visibleText(view).split('\n');
    for (const line of [
      'To Sam · not marked sent',
      'The migration story.',
      '• Ask my network for referrals',
      'Long commute.',
      'Two roles a week',
      'No check-ins planned for this one.',
    ])
      expect(shown).toContain(line);
    const read = shown.join('\n');
    expect(read).toContain('Acme Corp · Product Designer');
    expect(read).toContain('ended at Final round');
    // What was typed is escaped on its way to Slack, so no mention goes live.
    const text = JSON.stringify(view.blocks);
    for (const expected of [
      '*To &lt;!channel&gt; &lt;@U999&gt; &amp; *bold** · not marked sent',
      '> Good, but &lt;!channel&gt;',
      '> Slow down. &lt;!channel&gt; &lt;@U999&gt; &amp; *bold*',
      '> Ask early. &lt;!channel&gt;',
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/[^;]<!channel>|<@U999>/);
    expect(h.emu.problems).toEqual([]);
    expect(h.logs.join('\n')).not.toContain('migration story');
  });

  it('shows someone else’s rejection id as nothing: Home is refreshed instead', async () => {
    const { h, user } = await start();
    await seed({ company: 'Acme Corp' }, NOW);
    const bob = await seedRejection(h.rebound.store, scopeOf('U2'), {
      answers: { company: 'Private Co' },
      followUps: [],
      now: NOW,
    });
    await published(h, user, () => user.openHome());
    // A forged click: the button as Home shows it, carrying another person's rejection id.
    const open = (user.home?.blocks ?? [])
      .map((block) => block.accessory as { action_id?: string; value?: string } | undefined)
      .find((accessory) => accessory?.action_id === 'home_open_rejection');
    if (!open) throw new Error('no Open button on Home');
    open.value = bob.rejection.id;
    await published(h, user, () => user.clickHomeButton('home_open_rejection', { value: bob.rejection.id }));
    expect(user.modal).toBeUndefined();
    expect(h.emu.callsTo('views.open')).toHaveLength(0);
  });

  it('/rejected prep gathers lessons, strengths and feedback across rejections, newest first', async () => {
    const { h, user } = await start();
    await seedSix();
    await user.command('/rejected', 'prep');
    const view = await user.waitForModal((modal) => modal.callback_id === 'home_prep');
    const text = visibleText(view);
    const order = (labels: string[]) => labels.map((label) => text.indexOf(label));
    const lessons = order(['Lesson from Wayne', 'Lesson from Stark', 'Lesson from Initech']);
    expect(lessons.every((index) => index >= 0)).toBe(true);
    expect(lessons).toEqual([...lessons].sort((a, b) => a - b));
    const strengths = order(['Strength from Wayne', 'Strength from Hooli', 'Strength from Initech']);
    expect(strengths).toEqual([...strengths].sort((a, b) => a - b));
    const feedback = order(['Great case study.', 'CV too long.']);
    expect(feedback).toEqual([...feedback].sort((a, b) => a - b));
    expect(text.indexOf('What you learned')).toBeLessThan(text.indexOf('Strengths to show'));
    expect(text.indexOf('Strengths to show')).toBeLessThan(text.indexOf('What employers told you'));
    expect(h.emu.problems).toEqual([]);
  });

  it('/rejected prep that cannot open says so, only to the asker, and logs no answer', async () => {
    const { h, user } = await start();
    await seed({ company: 'Acme Corp', lesson: 'Bring numbers.' }, NOW);
    h.emu.failNext('views.open', { error: 'expired_trigger_id' });
    await user.command('/rejected', 'prep');
    await expect.poll(() => user.ephemerals.map((message) => message.text)).toEqual([OPEN_FAILED_TEXT]);
    expect(user.ephemerals[0]?.source).toBe('response_url');
    expect(user.modal).toBeUndefined();
    expect(h.logs.join('\n')).toContain('expired_trigger_id');
    expect(h.logs.join('\n')).not.toContain('Bring numbers');
  });

  it('opens the same prep view from Home’s button', async () => {
    const { h, user } = await start();
    await seed({ company: 'Acme Corp', lesson: 'Bring numbers.' }, NOW);
    await published(h, user, () => user.openHome());
    await user.clickHomeButton('home_open_prep');
    const view = await user.waitForModal((modal) => modal.callback_id === 'home_prep');
    expect(visibleText(view).split('\n')).toContain('Bring numbers.');
    expect(h.emu.problems).toEqual([]);
  });

  it('with one rejection says what Home will show later instead of thin bars', async () => {
    const { h, user } = await start();
    await seed({ company: 'Acme Corp' }, NOW);
    await published(h, user, () => user.openHome());
    const home = homeText(user);
    expect(home).toContain(LATER_TEXT);
    expect(home).not.toContain('▓');
    expect(h.emu.problems).toEqual([]);
  });

  it('gives a person with 300 rejections a Home within Slack’s limits', async () => {
    const { h, user } = await start();
    const stages: Stage[] = ['application', 'first_interview', 'final_round'];
    for (let i = 0; i < 300; i += 1) {
      await seed(
        { company: `Company ${String(i).padStart(3, '0')}`, stage: stages[i % 3] },
        at(-(300 - i) * 60_000),
      );
    }
    await published(h, user, () => user.openHome());
    const blocks = user.home?.blocks ?? [];
    expect(blocks.length).toBeLessThanOrEqual(100);
    const home = homeText(user);
    expect(home).toContain('Across your 300 rejections');
    expect(home.indexOf('Company 299')).toBeLessThan(home.indexOf('Company 298'));
    expect(blocks.some((block) => block.block_id === 'home_more')).toBe(true);
    expect(h.emu.problems).toEqual([]);
  });
});
