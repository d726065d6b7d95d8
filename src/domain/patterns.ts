// Patterns across a person's rejections, for App Home: where processes tend to end, which
// tweaks they keep choosing, how often a feedback note got an answer — each with a reading
// (what it may mean) and one next step, plus a line of progress when there is some. Pure.
// The copy is Rebound's own and never judges: a pattern is a clue about the search, not
// about the person. Their own words (a lesson, a tweak they picked) are used where they fit.

import { getField, optionLabel } from './routine.js';
import type { Rejection, Stage, TweakId } from './types.js';

export interface Count<T> {
  key: T;
  count: number;
}

/** A feedback note drafted for a rejection; `sentAt` once the person marked it sent. */
export interface FeedbackNoteState {
  sentAt: Date | null;
}

/** What the readings need of one complete rejection. */
export interface PatternRejection {
  id: string;
  company?: string;
  stage?: Stage;
  tweaks: readonly TweakId[];
  lesson?: string;
  /** When it was finished: history order. */
  at: Date;
  notes: readonly FeedbackNoteState[];
  /** Feedback came (true), none came (false), nothing recorded (undefined). */
  feedback: boolean | undefined;
}

/** One pattern, read: what stands out, what it may mean, one next step. Plain text. */
export interface Reading {
  pattern: 'stages' | 'tweaks' | 'feedback';
  text: string;
  next: string;
  /** The person's own lesson that speaks to this pattern, newest first. */
  ownWords?: { company?: string; text: string };
}

export interface Patterns {
  /** Complete rejections counted. */
  total: number;
  /** Stages where processes ended, most frequent first (ties in stage order). */
  stages: Count<Stage>[];
  /** Tweaks chosen, most frequent first (ties in the order they are offered). */
  tweaks: Count<TweakId>[];
  /**
   * `sent`: rejections with a feedback note marked sent; `answered`: those of them where
   * feedback came. `heard`: every rejection where feedback came, marked sent or not.
   */
  feedback: { sent: number; answered: number; heard: number };
  /** Empty with fewer than PATTERNS_FROM rejections. */
  readings: Reading[];
  /** "Your last three reached interviews; your first three didn't." Null when nothing moved forward. */
  progress: string | null;
  /** With fewer than PATTERNS_FROM rejections: what Home will show later, instead of thin bars. */
  later: string | null;
}

/** Fewer rejections than this say too little to read anything into. */
export const PATTERNS_FROM = 3;
/** Stage readings look at the latest few: a search changes over time. */
const RECENT = 6;

export const LATER_TEXT =
  'After your third rejection, this is where you’ll see where your processes tend to end, ' +
  'the changes you keep choosing and how often feedback comes, each with a suggestion.';

type StageGroup = 'early' | 'interviews' | 'late';

const STAGE_GROUP: Partial<Record<Stage, StageGroup>> = {
  application: 'early',
  recruiter_screen: 'early',
  first_interview: 'interviews',
  later_interviews: 'interviews',
  take_home: 'interviews',
  final_round: 'late',
  offer_stage: 'late',
};

/** How far each stage got, for progress; `other` says nothing about depth. */
const STAGE_DEPTH: Partial<Record<Stage, number>> = {
  application: 0,
  recruiter_screen: 1,
  first_interview: 2,
  take_home: 2,
  later_interviews: 3,
  final_round: 4,
  offer_stage: 5,
};

const GROUP_COPY: Record<StageGroup, { where: string; meaning: string; tweaks: readonly TweakId[] }> = {
  early: {
    where: 'ended before an interview',
    meaning: 'That usually points at targeting or how the CV reads, not at you.',
    tweaks: ['tailor_cv', 'referrals'],
  },
  interviews: {
    where: 'ended during the interviews',
    meaning: 'You are getting through the door; interviewing is a skill that grows with practice.',
    tweaks: ['practice_interviews', 'research_deeper'],
  },
  late: {
    where: 'ended at the final stages',
    meaning: 'You are getting close. That late, fit and timing often decide as much as skill.',
    tweaks: ['ask_questions_early', 'target_companies'],
  },
};

/** One small, concrete first step for each tweak. */
const TWEAK_FIRST_STEP: Record<TweakId, string> = {
  narrow_roles: 'Before the next application, write down the three things a role must have.',
  widen_roles: 'Look up one job title next to yours that uses the same skills.',
  target_companies: 'Write down five companies you’d love to join and follow their openings.',
  referrals: 'Message one person this week at a company on your list.',
  tailor_cv: 'Rewrite the top third of your CV for the next role you apply to.',
  practice_interviews: 'Answer one likely question out loud tonight, and time it.',
  research_deeper: 'Before the next interview, read the team’s latest work and news.',
  ask_questions_early: 'In your next first call, ask how the team measures success.',
};

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];
const word = (n: number): string => NUMBER_WORDS[n] ?? String(n);
const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const tweakLabel = (tweak: TweakId): string => `“${optionLabel('tweaks', tweak) ?? tweak}”`;

/** Ties rank in the order the routine offers the options, so the copy has one source. */
const optionOrder = (id: 'stage' | 'tweaks'): readonly string[] =>
  (getField(id).options ?? []).map((option) => option.value);

function ranked<T extends string>(counts: Map<T, number>, order: readonly string[]): Count<T>[] {
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.key) - order.indexOf(b.key));
}

/** A complete rejection as the readings see it; `notes` and `feedback` come from the store. */
export function patternRejection(
  rejection: Rejection,
  notes: readonly FeedbackNoteState[],
  feedback: boolean | undefined,
): PatternRejection {
  const { company, stage, tweaks, lesson } = rejection.answers;
  return {
    id: rejection.id,
    company,
    stage,
    tweaks: tweaks ?? [],
    lesson,
    at: rejection.completedAt ?? rejection.createdAt,
    notes,
    feedback,
  };
}

function stageReading(newestFirst: readonly PatternRejection[]): Reading | null {
  const known = newestFirst.filter((r) => r.stage && STAGE_GROUP[r.stage]);
  const recent = known.slice(0, RECENT);
  if (recent.length < PATTERNS_FROM) return null;
  const counts = new Map<StageGroup, number>();
  for (const { stage } of recent) {
    const group = stage ? STAGE_GROUP[stage] : undefined;
    if (group) counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  const [top] = ranked(counts, ['early', 'interviews', 'late']);
  const of =
    recent.length === known.length ? `your ${word(recent.length)}` : `your last ${word(recent.length)}`;
  if (!top || top.count * 2 < recent.length + 1) {
    return {
      pattern: 'stages',
      text: `${capitalize(of)} ended at different stages: no single step stands out.`,
      next: 'Keep the lesson from each one. They add up.',
    };
  }
  const copy = GROUP_COPY[top.key];
  const inGroup = recent.filter((r) => r.stage && STAGE_GROUP[r.stage] === top.key);
  // A tweak they already picked for one of these is their own plan: build on it.
  const chosen = copy.tweaks.find((tweak) => inGroup.some((r) => r.tweaks.includes(tweak)));
  const next = chosen
    ? `You already picked ${tweakLabel(chosen)}. ${TWEAK_FIRST_STEP[chosen]}`
    : `Try ${copy.tweaks.map(tweakLabel).join(' or ')}.`;
  const lessonFrom = inGroup.find((r) => r.lesson);
  return {
    pattern: 'stages',
    text: `${top.count === recent.length ? `All ${word(top.count)}` : `${capitalize(word(top.count))} of ${of}`} ${copy.where}. ${copy.meaning}`,
    next,
    ...(lessonFrom?.lesson ? { ownWords: { company: lessonFrom.company, text: lessonFrom.lesson } } : {}),
  };
}

function tweakReading(total: number, tweaks: readonly Count<TweakId>[]): Reading | null {
  const [top] = tweaks;
  if (!top) return null;
  const text =
    top.count === 1
      ? 'Each change you chose came up once: you’re trying things out.'
      : `You chose ${tweakLabel(top.key)} for ${top.count === total ? `all ${word(total)} of your` : `${word(top.count)} of your ${word(total)}`} rejections: ` +
        'it’s the change you keep coming back to.';
  return { pattern: 'tweaks', text, next: TWEAK_FIRST_STEP[top.key] };
}

function feedbackReading(total: number, feedback: Patterns['feedback']): Reading {
  const { sent, answered, heard } = feedback;
  if (sent === 0) {
    return {
      pattern: 'feedback',
      text:
        heard > 0
          ? `Feedback came for ${word(heard)} of your ${word(total)} rejections.`
          : 'No feedback recorded yet.',
      next: 'Once you mark your feedback notes as sent, Home will show how many got an answer.',
    };
  }
  const text = `Feedback came for ${word(answered)} of the ${word(sent)} rejections you sent a note for.`;
  return answered * 2 >= sent
    ? {
        pattern: 'feedback',
        text: `${text} Asking works for you.`,
        next: 'Keep sending a note after each one.',
      }
    : {
        pattern: 'feedback',
        text: `${text} Many employers never reply; that says more about their process than about you.`,
        next: 'A short, friendly nudge a week later sometimes gets an answer.',
      };
}

const MILESTONES = [
  { depth: 4, did: 'reached a final round' },
  { depth: 2, did: 'reached interviews' },
  { depth: 1, did: 'got past the application' },
] as const;

/** Compares the first few rejections with the latest few; null unless the latest got further. */
function progressLine(newestFirst: readonly PatternRejection[]): string | null {
  const depths = newestFirst
    .map((r) => (r.stage === undefined ? undefined : STAGE_DEPTH[r.stage]))
    .filter((depth): depth is number => depth !== undefined);
  const size = Math.min(3, Math.floor(depths.length / 2));
  if (size < 2) return null;
  const latest = depths.slice(0, size);
  const first = depths.slice(-size);
  for (const { depth, did } of MILESTONES) {
    const now = latest.filter((d) => d >= depth).length;
    const then = first.filter((d) => d >= depth).length;
    if (now <= then) continue;
    const latestPart =
      now === size
        ? `Your last ${word(size)} ${did}`
        : `${capitalize(word(now))} of your last ${word(size)} ${did}`;
    const firstPart =
      then === 0 ? `your first ${word(size)} didn’t` : `${word(then)} of your first ${word(size)} did`;
    return `${latestPart}; ${firstPart}.`;
  }
  return null;
}

/** @param history complete rejections, in any order. */
export function readPatterns(history: readonly PatternRejection[]): Patterns {
  const newestFirst = [...history].sort((a, b) => b.at.getTime() - a.at.getTime());
  const stages = new Map<Stage, number>();
  const tweaks = new Map<TweakId, number>();
  const feedback = { sent: 0, answered: 0, heard: 0 };
  for (const rejection of newestFirst) {
    if (rejection.stage) stages.set(rejection.stage, (stages.get(rejection.stage) ?? 0) + 1);
    for (const tweak of new Set(rejection.tweaks)) tweaks.set(tweak, (tweaks.get(tweak) ?? 0) + 1);
    if (rejection.feedback === true) feedback.heard += 1;
    // "Answered" counts only where a note was marked sent: an unsent note can't be answered.
    if (rejection.notes.some((note) => note.sentAt !== null)) {
      feedback.sent += 1;
      if (rejection.feedback === true) feedback.answered += 1;
    }
  }
  const total = newestFirst.length;
  const rankedTweaks = ranked(tweaks, optionOrder('tweaks'));
  const enough = total >= PATTERNS_FROM;
  return {
    total,
    stages: ranked(stages, optionOrder('stage')),
    tweaks: rankedTweaks,
    feedback,
    readings: enough
      ? [
          stageReading(newestFirst),
          tweakReading(total, rankedTweaks),
          feedbackReading(total, feedback),
        ].filter((reading): reading is Reading => reading !== null)
      : [],
    progress: enough ? progressLine(newestFirst) : null,
    later: total > 0 && !enough ? LATER_TEXT : null,
  };
}

/** A bar of `width` cells, filled in proportion to value/max, e.g. `▓▓▓▓▓▓░░░░`. */
export function textBar(value: number, max: number, width = 10): string {
  const filled = max <= 0 ? 0 : Math.round((Math.min(Math.max(value, 0), max) / max) * width);
  return '▓'.repeat(filled) + '░'.repeat(width - filled);
}
