// The follow-up loop end to end, for three people in three timezones, against the Slack
// emulator with the test's own clock. The follow-up job runs every hour, as the scheduler
// would, so each check-in arrives at the moment it is due; every one must land on a weekday
// morning on the person's own clock. Each DM and modal is checked for the words a person reads.

import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scopeOf } from '../../devkit/seed.js';
import type { EmulatedUser, StoredMessage } from '../../emulator/index.js';
import { instantToZonedParts, isWeekend } from '../../src/domain/time.js';
import type { Json } from '../slack/fixtures.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';

/** Monday 2 March 2026, 15:00 UTC: 10:00 in New York, 15:00 in London, midnight in Tokyo. */
const START = new Date('2026-03-02T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const harness = harnessPerTest();

/** Everything a person reads in a message or modal: section and context text, and button labels. */
function visible(blocks: unknown[] | undefined): string {
  return ((blocks ?? []) as Json[])
    .flatMap((block): string[] => {
      if (block.type === 'section') return [block.text?.text ?? ''];
      if (block.type === 'context') return block.elements.map((element: Json) => element.text ?? '');
      if (block.type === 'actions') {
        return [
          block.elements
            .map((element: Json) => `[${element.text?.text ?? element.placeholder?.text ?? ''}]`)
            .join(' '),
        ];
      }
      if (block.type === 'input') return [`${block.label.text}:`];
      return [];
    })
    .join('\n');
}

const followUpIdOf = (message: StoredMessage): string | undefined =>
  (message.metadata as { event_payload?: { follow_up_id?: string } } | undefined)?.event_payload
    ?.follow_up_id;

interface Delivered {
  user: EmulatedUser;
  tz: string;
  message: StoredMessage;
  at: Date;
}

/** Drives the clock hour by hour, running the follow-up job each time; returns the DMs that came. */
async function runUntil(h: Harness, people: { user: EmulatedUser; tz: string }[], until: Date) {
  const delivered: Delivered[] = [];
  const seen = new Map(people.map(({ user }) => [user.id, new Set(user.dm.map((m) => m.ts))]));
  for (let t = h.clock.now().getTime() + HOUR; t <= until.getTime(); t += HOUR) {
    const now = new Date(t);
    h.clock.set(now);
    const report = await h.rebound.runFollowUps(now);
    if (report.claimed === 0) continue;
    for (const { user, tz } of people) {
      const known = seen.get(user.id) ?? new Set();
      for (const message of user.dm) {
        if (known.has(message.ts)) continue;
        known.add(message.ts);
        delivered.push({ user, tz, message, at: now });
      }
    }
  }
  h.clock.set(until);
  return delivered;
}

/** A follow-up lands on a weekday, at 10:00 on the person's clock (never at night). */
function expectWorkingMorning({ at, tz }: Delivered) {
  const local = instantToZonedParts(at, tz);
  expect(isWeekend(local), `${at.toISOString()} in ${tz}`).toBe(false);
  expect(local.hour, `${at.toISOString()} in ${tz}`).toBe(10);
}

interface RoutineInput {
  company: string;
  step1: Record<string, string>;
  step3?: Record<string, string | string[]>;
  lesson: string;
  /** How many notes the summary is followed by. */
  notes: number;
}

/** The four steps as a person fills them in; returns the DMs that arrived (summary, then notes). */
async function routine(user: EmulatedUser, input: RoutineInput): Promise<StoredMessage[]> {
  const before = user.dm.length;
  await user.command('/rejected', input.company);
  await user.waitForModal((view) => view.callback_id === 'routine_step_1');
  expect((await user.submit(input.step1)).errors).toBeUndefined();
  expect(
    (await user.submit({ interview: 'Lead with the research, not the visuals.' })).errors,
  ).toBeUndefined();
  expect(
    (
      await user.submit(
        input.step3 ?? {
          dailyFit: 'yes',
          excited: 'very',
          skillsElsewhere: 'no',
          tweaks: ['practice_interviews'],
        },
      )
    ).errors,
  ).toBeUndefined();
  expect((await user.submit({ lesson: input.lesson })).errors).toBeUndefined();
  // The summary, then one message per note: wait for all of them.
  await expect.poll(() => noteMessages(user.dm.slice(before)).length).toBe(input.notes);
  await expect.poll(() => user.dm.length).toBe(before + 1 + input.notes);
  return user.dm.slice(before);
}

function noteMessages(messages: StoredMessage[]): StoredMessage[] {
  return messages.filter((message) => visible(message.blocks).includes('[Mark as sent]'));
}

async function markSent(user: EmulatedUser, note: StoredMessage) {
  await user.clickMessageButton(note.ts, 'note_mark_sent');
  return user.waitForDm((message) => message.ts === note.ts && message.updatedCount > 0);
}

async function answered(user: EmulatedUser, ts: string, count = 1): Promise<StoredMessage> {
  return user.waitForDm((message) => message.ts === ts && message.updatedCount >= count);
}

const transcript: string[] = [];
function record(who: string, when: Date, tz: string, text: string) {
  const local = instantToZonedParts(when, tz);
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).toUTCString().slice(0, 3);
  const stamp = `${weekday} ${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  transcript.push(`--- ${stamp} (${tz}) ${who}\n${text}\n`);
}

describe('the follow-up loop', () => {
  it('final round with a recruiter: note marked sent → feedback noted → action → "Yes, I did it" → next check-in → Stop', async () => {
    const h = await harness.start({ now: START });
    const tz = 'America/New_York';
    const maya = h.emu.addUser({ id: 'U1', name: 'maya', realName: 'Maya Rivera', tz });

    const day0 = await routine(maya, {
      company: 'Acme & Co',
      step1: {
        role: 'Product Designer',
        stage: 'final_round',
        newsVia: 'recruiter',
        employerContact: 'Sam Lee',
        intermediary: 'recruiter',
        intermediaryName: 'Alex Kim',
        feeling: 'disappointed',
      },
      step3: {
        dailyFit: 'unsure',
        excited: 'very',
        skillsElsewhere: 'maybe',
        tweaks: ['narrow_roles', 'practice_interviews'],
      },
      lesson: 'I come across best when I bring <examples>.',
      notes: 2,
    });
    for (const message of day0) record('Rebound → Maya', START, tz, visible(message.blocks));

    // The summary says the notes follow; each note is its own message, ready to use.
    const summary = visible(day0[0]?.blocks);
    expect(summary).toContain('Acme &amp; Co');
    expect(summary).toContain('Your notes to Sam Lee and Alex Kim come next, one per message');
    const notes = noteMessages(day0);
    expect(notes).toHaveLength(2);
    const [employer, recruiter] = notes.map((note) => visible(note.blocks));
    expect(employer).toContain(
      '*To Sam Lee at Acme &amp; Co*\nSubject: A quick question about the Product Designer role',
    );
    expect(employer).toMatch(/^Hi Sam,$/m);
    expect(employer).toContain('what stood out in the final round');
    expect(employer).toContain("I'd be glad to be considered for future roles.");
    expect(employer).toMatch(/Best wishes,\nMaya Rivera\n/);
    expect(employer).toContain('[Mark as sent] [Open in email] [LinkedIn version]');
    expect(recruiter).toMatch(/^Hi Alex,$/m);
    expect(recruiter).toContain(
      'Thank you for letting me know about the Product Designer role at Acme &amp; Co',
    );
    expect(recruiter).toContain("I'm now focusing on fewer roles that match my experience closely");
    const mailto = ((notes[0]?.blocks ?? []) as Json[]).at(-1)?.elements[1].url as string;
    expect(decodeURIComponent(mailto)).toMatch(
      /^mailto:\?subject=A quick question about the Product Designer role&body=Hi Sam,/,
    );

    // The LinkedIn version: the same note in 300 characters or fewer.
    await maya.clickMessageButton(notes[0]?.ts ?? '', 'note_linkedin');
    const linkedIn = await maya.waitForModal((view) => view.title.text === 'LinkedIn version');
    const short = (linkedIn.blocks as Json[])[1]?.text.text as string;
    expect(short.length).toBeLessThanOrEqual(300);
    expect(short).toMatch(/^Hi Sam, Thank you/);
    await maya.closeModal();

    // Marked sent: the note's buttons become when we'll ask (five working days on).
    const checkAt = new Date('2026-03-09T14:00:00Z'); // Monday 10:00 EDT
    const sentNote = await markSent(maya, notes[0] as StoredMessage);
    expect(visible(sentNote.blocks)).toContain(
      `Marked as sent. We'll ask on <!date^${checkAt.getTime() / 1000}^`,
    );
    expect(visible(sentNote.blocks)).not.toContain('[Mark as sent]');
    await markSent(maya, notes[1] as StoredMessage);
    const stored = await h.rebound.store.listFeedbackNotes(scopeOf('U1'));
    expect(stored.map((note) => [note.audience, note.sentAt !== null])).toEqual([
      ['employer', true],
      ['recruiter', true],
    ]);
    // One question for both notes.
    const pending = await h.rebound.store.listFollowUps(scopeOf('U1'), { status: 'pending' });
    expect(pending.map((followUp) => [followUp.kind, followUp.dueAt.toISOString()])).toEqual([
      ['feedback_check', checkAt.toISOString()],
      ['action_check', '2026-03-11T14:00:00.000Z'], // seven working days on, Wednesday 10:00
    ]);

    // Week 2, Monday 10:00: "Did you hear back from Acme?"
    let came = await runUntil(h, [{ user: maya, tz }], checkAt);
    expect(came).toHaveLength(1);
    const check = came[0] as Delivered;
    expectWorkingMorning(check);
    record('Rebound → Maya', check.at, tz, visible(check.message.blocks));
    expect(visible(check.message.blocks)).toContain('*Did you hear back from Acme &amp; Co?*');
    expect(visible(check.message.blocks)).toContain("[Yes, note it] [Not yet] [I didn't send it]");

    await maya.clickMessageButton(check.message.ts, 'nudge_feedback_yes');
    const modal = await maya.waitForModal((view) => view.callback_id === 'nudge_feedback');
    const modalText = visible(modal.blocks);
    expect(modalText).toContain('*Does this match what you wrote?*');
    expect(modalText).toContain('> Lead with the research, not the visuals.');
    expect(modalText).toContain("What's one thing you'll act on?:");
    expect(modalText).toContain('By when?:');
    await maya.submit({
      feedback_text: 'Strong portfolio, but the <research> story was thin.',
      action_text: 'Add a research case study to my portfolio',
      action_by: '2026-03-13',
    });
    const actionAt = new Date('2026-03-13T14:00:00Z'); // Friday 10:00 EDT
    const noted = await answered(maya, check.message.ts);
    expect(visible(noted.blocks)).toContain(
      `Saved what they said. We'll check in on <!date^${actionAt.getTime() / 1000}^`,
    );
    record(
      'Maya',
      checkAt,
      tz,
      '[Yes, note it] → "Strong portfolio, but the <research> story was thin." · act on: "Add a research case study to my portfolio" by Fri Mar 13',
    );
    record('Rebound → Maya', checkAt, tz, visible(noted.blocks).split('\n').at(-1) ?? '');

    // Friday 10:00: the action check-in quotes her own words, escaped.
    came = await runUntil(h, [{ user: maya, tz }], actionAt);
    expect(came).toHaveLength(1);
    const action = came[0] as Delivered;
    expectWorkingMorning(action);
    record('Rebound → Maya', action.at, tz, visible(action.message.blocks));
    const actionText = visible(action.message.blocks);
    expect(actionText).toContain('*Checking in: Product Designer at Acme &amp; Co*');
    expect(actionText).toContain("*You said you'd*\n> Add a research case study to my portfolio");
    expect(actionText).toContain(
      '*What you took from it*\n> I come across best when I bring &lt;examples&gt;.',
    );
    expect(actionText).toContain(
      '*What Acme &amp; Co told you*\n> Strong portfolio, but the &lt;research&gt; story was thin.',
    );
    expect(actionText).toContain('*On the fit, you said* the day-to-day: Not sure');
    expect(actionText).toContain(
      '[Yes, I did it] [Not yet] [Change the plan] [Snooze] [Stop check-ins for this one]',
    );

    await maya.clickMessageButton(action.message.ts, 'nudge_did_it');
    const didIt = await maya.waitForModal((view) => view.callback_id === 'nudge_did_it');
    expect(visible(didIt.blocks)).toContain('Another check-in?:');
    await maya.submit({ progress_text: 'Drafted it and asked a friend to review.', next_check_in: '1w' });
    const nextAt = new Date('2026-03-20T14:00:00Z'); // a week on, Friday 10:00 EDT
    const done = await answered(maya, action.message.ts);
    expect(visible(done.blocks)).toContain(`Nice work. We'll check in on <!date^${nextAt.getTime() / 1000}^`);
    record(
      'Maya',
      actionAt,
      tz,
      '[Yes, I did it] → "Drafted it and asked a friend to review." · next: in a week',
    );
    record('Rebound → Maya', actionAt, tz, visible(done.blocks).split('\n').at(-1) ?? '');

    // Week 3: the next check-in remembers how it went; then she stops.
    came = await runUntil(h, [{ user: maya, tz }], nextAt);
    expect(came).toHaveLength(1);
    const next = came[0] as Delivered;
    expectWorkingMorning(next);
    record('Rebound → Maya', next.at, tz, visible(next.message.blocks));
    expect(visible(next.message.blocks)).toContain('*Last time*\n> Drafted it and asked a friend to review.');
    await maya.clickMessageButton(next.message.ts, 'nudge_done');
    const stopped = await answered(maya, next.message.ts);
    expect(visible(stopped.blocks)).toContain('No more check-ins about Acme &amp; Co.');
    record('Maya', nextAt, tz, '[Stop check-ins for this one]');
    record('Rebound → Maya', nextAt, tz, visible(stopped.blocks).split('\n').at(-1) ?? '');

    // Nothing more, ever.
    expect(await runUntil(h, [{ user: maya, tz }], new Date(nextAt.getTime() + 21 * DAY))).toEqual([]);
    // Saved in the same moment: order by kind, not by id.
    expect(
      (await h.rebound.store.listUserEntries(scopeOf('U1'))).map((entry) => entry.data.kind).sort(),
    ).toEqual(['action', 'feedback', 'progress']);
    if (process.env.REBOUND_TRANSCRIPT) writeFileSync(process.env.REBOUND_TRANSCRIPT, transcript.join('\n'));
  });

  it('not sent: "I didn\'t send it" shows the note again; marked sent again, asked again; none after /rejected delete', async () => {
    const h = await harness.start({ now: START });
    const tz = 'Europe/London';
    const ben = h.emu.addUser({ id: 'U2', name: 'ben', realName: 'Ben Okafor', tz });
    const day0 = await routine(ben, {
      company: 'Initech',
      step1: {
        role: 'Data Analyst',
        stage: 'first_interview',
        newsVia: 'email',
        intermediary: 'none',
        feeling: 'gutted',
      },
      lesson: 'Practice the SQL questions out loud.',
      notes: 1,
    });
    const [note] = noteMessages(day0);
    expect(visible(note?.blocks)).toMatch(/^Hello,$/m);
    expect(visible(note?.blocks)).toContain(
      'was there one answer or topic where I could have been stronger?',
    );
    await markSent(ben, note as StoredMessage);

    // Gutted: a gentler question, and the action check-in ten working days on, not seven.
    const pending = await h.rebound.store.listFollowUps(scopeOf('U2'), { status: 'pending' });
    expect(pending.map((followUp) => [followUp.kind, followUp.dueAt.toISOString()])).toEqual([
      ['feedback_check', '2026-03-09T10:00:00.000Z'],
      ['action_check', '2026-03-16T10:00:00.000Z'],
    ]);
    const came = await runUntil(h, [{ user: ben, tz }], new Date('2026-03-09T10:00:00Z'));
    expect(came).toHaveLength(1);
    expectWorkingMorning(came[0] as Delivered);
    const check = (came[0] as Delivered).message;
    expect(visible(check.blocks)).toContain('a reply or none says nothing about you');

    const before = ben.dm.length;
    await ben.clickMessageButton(check.ts, 'nudge_not_sent');
    const reply = await answered(ben, check.ts);
    expect(visible(reply.blocks)).toContain("No problem. Your note is below again, whenever you're ready.");
    const again = await ben.waitForDm(
      (message) => ben.dm.indexOf(message) >= before && /Mark as sent/.test(visible(message.blocks)),
    );
    expect(visible(again.blocks)).toContain('Subject: A quick question about the Data Analyst role');
    expect((await h.rebound.store.listFeedbackNotes(scopeOf('U2'))).map((one) => one.sentAt)).toEqual([null]);

    // Sent for real this time (Wednesday): asked again five working days on.
    h.clock.set(new Date('2026-03-11T12:00:00Z'));
    await markSent(ben, again);
    const recheck = (await h.rebound.store.listFollowUps(scopeOf('U2'), { status: 'pending' })).find(
      (followUp) => followUp.kind === 'feedback_check',
    );
    expect(recheck?.dueAt.toISOString()).toBe('2026-03-18T10:00:00.000Z');

    // /rejected delete: nothing is sent afterwards.
    await ben.command('/rejected', 'delete');
    const confirm = await ben.waitForModal();
    await ben.submit();
    expect(confirm.callback_id).toBe('delete_my_data');
    await expect.poll(async () => (await h.rebound.store.listFollowUps(scopeOf('U2'))).length).toBe(0);
    const after = ben.dm.length;
    expect(await runUntil(h, [{ user: ben, tz }], new Date('2026-04-01T12:00:00Z'))).toEqual([]);
    expect(ben.dm.length).toBe(after);
  });

  it('no reply: "Not yet" drafts a chaser and asks once more; "Still nothing" lets it go; Stop ends it', async () => {
    const h = await harness.start({ now: START });
    const tz = 'Asia/Tokyo';
    const chen = h.emu.addUser({ id: 'U3', name: 'chen', realName: 'Chen Wei', tz });
    const day0 = await routine(chen, {
      company: 'Globex',
      step1: {
        role: 'Backend Engineer',
        stage: 'take_home',
        newsVia: 'call',
        employerContact: 'Priya Shah',
        intermediary: 'headhunter',
        intermediaryName: 'Jo Park',
        feeling: 'relieved',
      },
      lesson: 'Ask how the take-home is judged before starting.',
      notes: 2,
    });
    const notes = noteMessages(day0);
    expect(visible(notes[0]?.blocks)).toContain('Thank you for taking the time to call me about');
    expect(visible(notes[1]?.blocks)).toContain('Thank you for putting me forward for');
    await markSent(chen, notes[0] as StoredMessage);

    // Monday 2 March, midnight in Tokyo: five working days on is Tuesday 10 March, 10:00 JST.
    let came = await runUntil(h, [{ user: chen, tz }], new Date('2026-03-10T01:00:00Z'));
    expect(came).toHaveLength(1);
    expectWorkingMorning(came[0] as Delivered);
    const check = (came[0] as Delivered).message;
    await chen.clickMessageButton(check.ts, 'nudge_feedback_none');
    const notYet = visible((await answered(chen, check.ts)).blocks);
    expect(notYet).toContain("here's a short follow-up you could send:\n> Hi Priya,");
    expect(notYet).toContain("> I'm following up on my note about the Backend Engineer role.");
    expect(notYet).toContain('> Chen Wei');
    expect(notYet).toContain(`We'll ask once more on <!date^${Date.parse('2026-03-17T01:00:00Z') / 1000}^`);
    // No "no reply" is recorded yet: "yet" is a promise.
    expect(await h.rebound.store.listUserEntries(scopeOf('U3'))).toEqual([]);

    came = await runUntil(h, [{ user: chen, tz }], new Date('2026-03-17T01:00:00Z'));
    // The action check-in (seven working days on: Wednesday 11 March) came first.
    expect(came.map((one) => followUpIdOf(one.message) !== undefined)).toEqual([true, true]);
    for (const one of came) expectWorkingMorning(one);
    const [action, recheck] = came as [Delivered, Delivered];
    // Relieved: the fit comes first.
    const actionBlocks = visible(action.message.blocks);
    expect(actionBlocks.indexOf('*On the fit, you said*')).toBeLessThan(
      actionBlocks.indexOf("*You said you'd*"),
    );
    expect(actionBlocks).toContain("*You said you'd*\n> Practice interview answers out loud");
    expect(visible(recheck.message.blocks)).toContain('*Any word from Globex?*');
    await chen.clickMessageButton(recheck.message.ts, 'nudge_let_go');
    expect(visible((await answered(chen, recheck.message.ts)).blocks)).toContain(
      "Let's let this one go. Many teams never reply, and it says nothing about you.",
    );
    expect((await h.rebound.store.listUserEntries(scopeOf('U3'))).map((entry) => entry.data)).toEqual([
      { kind: 'feedback', received: false, text: null },
    ]);

    // "Not yet" on the action check-in: ask again on the day picked; then Stop.
    await chen.clickMessageButton(action.message.ts, 'nudge_not_yet');
    await chen.waitForModal((view) => view.callback_id === 'nudge_not_yet');
    await chen.submit({ ask_again_on: '2026-03-21' }); // a Saturday: moves to Monday
    expect(visible((await answered(chen, action.message.ts)).blocks)).toContain(
      `We'll ask again on <!date^${Date.parse('2026-03-23T01:00:00Z') / 1000}^`,
    );
    came = await runUntil(h, [{ user: chen, tz }], new Date('2026-03-23T01:00:00Z'));
    expect(came).toHaveLength(1);
    expectWorkingMorning(came[0] as Delivered);
    await chen.clickMessageButton((came[0] as Delivered).message.ts, 'nudge_done');
    await answered(chen, (came[0] as Delivered).message.ts);
    expect(await runUntil(h, [{ user: chen, tz }], new Date('2026-04-20T01:00:00Z'))).toEqual([]);
  });

  it('a reason already given is kept as their feedback: no request to the employer, the recruiter note says the new aim', async () => {
    const h = await harness.start({ now: START });
    const tz = 'America/New_York';
    const dana = h.emu.addUser({ id: 'U4', name: 'dana', realName: 'Dana <!channel> Cruz', tz });
    const day0 = await routine(dana, {
      company: 'Umbrella',
      step1: {
        role: 'Copywriter',
        stage: 'later_interviews',
        reasonGiven: 'They hired someone with agency experience.',
        intermediary: 'recruiter',
        intermediaryName: 'Lee Wong',
      },
      step3: { dailyFit: 'yes', excited: 'very', skillsElsewhere: 'no', tweaks: ['widen_roles'] },
      lesson: 'Show range early.',
      notes: 1,
    });
    expect(visible(day0[0]?.blocks)).toContain(
      '*What they told you*\n> They hired someone with agency experience.',
    );
    const notes = noteMessages(day0);
    expect(notes).toHaveLength(1);
    const recruiter = visible(notes[0]?.blocks);
    expect(recruiter).toContain('*To Lee Wong at Umbrella*');
    expect(recruiter).not.toContain('why?');
    expect(recruiter).toContain("I'm now open to a wider range of roles");
    // The signature from the Slack profile is escaped like everything else.
    expect(recruiter).toContain('Dana &lt;!channel&gt; Cruz');
    expect(JSON.stringify(notes[0]?.blocks)).not.toContain('<!channel>');
    expect((await h.rebound.store.listUserEntries(scopeOf('U4'))).map((entry) => entry.data)).toEqual([
      { kind: 'feedback', received: true, text: 'They hired someone with agency experience.' },
    ]);

    // Two clicks on Mark as sent: one check, and a kind word for the second.
    const original = structuredClone(notes[0]?.blocks);
    await markSent(dana, notes[0] as StoredMessage);
    const stale = await h.rebound.app.client.chat.postMessage({
      channel: 'U4',
      text: 'old',
      blocks: original as never,
    });
    await dana.clickMessageButton(stale.ts ?? '', 'note_mark_sent');
    await expect
      .poll(() => dana.ephemerals.at(-1)?.text)
      .toBe('This note is already marked as sent, so nothing changed.');
    const checks = (await h.rebound.store.listFollowUps(scopeOf('U4'))).filter(
      (one) => one.kind === 'feedback_check',
    );
    expect(checks).toHaveLength(1);
    expect(h.logs.join('\n')).not.toContain('agency experience');
  });
});
