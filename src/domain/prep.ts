// The night before the next interview: everything a person wrote that helps them walk in
// ready — the lessons, the strengths they want to show, the feedback employers gave —
// gathered across every rejection, newest first. Pure.

import type { Rejection, RejectionEntry } from './types.js';

/** One thing the person wrote (or was told), with where and when it came from. */
export interface PrepItem {
  rejectionId: string;
  company?: string;
  role?: string;
  /** Exactly as stored: escape it before it goes into mrkdwn. */
  text: string;
  at: Date;
}

export interface Prep {
  lessons: PrepItem[];
  strengths: PrepItem[];
  /** Feedback received: what the employer (or recruiter) said. */
  feedback: PrepItem[];
}

const newestFirst = (items: PrepItem[]): PrepItem[] => items.sort((a, b) => b.at.getTime() - a.at.getTime());
const finishedAt = (rejection: Rejection): Date => rejection.completedAt ?? rejection.createdAt;
const hasText = (text: string | null | undefined): text is string =>
  typeof text === 'string' && text.trim() !== '';

function item(rejection: Rejection, text: string, at: Date): PrepItem {
  const { company, role } = rejection.answers;
  return { rejectionId: rejection.id, company, role, text: text.trim(), at };
}

/** Each rejection's lesson, with company and date, newest first. */
export function lessonsOf(rejections: readonly Rejection[]): PrepItem[] {
  return newestFirst(
    rejections
      .filter((rejection) => hasText(rejection.answers.lesson))
      .map((rejection) => item(rejection, rejection.answers.lesson ?? '', finishedAt(rejection))),
  );
}

/**
 * @param rejections complete rejections
 * @param entries what was added to them later; entries of rejections not given are left out
 */
export function gatherPrep(rejections: readonly Rejection[], entries: readonly RejectionEntry[]): Prep {
  const byId = new Map(rejections.map((rejection) => [rejection.id, rejection]));
  const strengths: PrepItem[] = [];
  const feedback: PrepItem[] = [];
  for (const rejection of rejections) {
    const { strengths: text } = rejection.answers;
    if (hasText(text)) strengths.push(item(rejection, text, finishedAt(rejection)));
  }
  for (const entry of entries) {
    const rejection = byId.get(entry.rejectionId);
    if (!rejection) continue;
    const { data } = entry;
    if (data.kind === 'reflection' && hasText(data.answers.strengths))
      strengths.push(item(rejection, data.answers.strengths, entry.createdAt));
    if (data.kind === 'feedback' && data.received && hasText(data.text))
      feedback.push(item(rejection, data.text, entry.createdAt));
  }
  return {
    lessons: lessonsOf(rejections),
    strengths: newestFirst(strengths),
    feedback: newestFirst(feedback),
  };
}
