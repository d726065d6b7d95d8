// Ready-to-send notes asking for feedback: short, polite, plain text a person can paste
// into an email or LinkedIn as they are. Built from step 1's answers only.

import { normalizeAnswers } from './routine.js';
import type { RoutineAnswers, Stage } from './types.js';

export type FeedbackAudience = 'employer' | 'recruiter' | 'headhunter';

export interface FeedbackRequest {
  audience: FeedbackAudience;
  /** Who the note is for: the name given, or a description such as "the hiring team". */
  recipient: string;
  /** Plain text, no mrkdwn: escape it before showing it in Slack. */
  text: string;
}

/** What the employer saw of the person, so the request names something concrete. */
const FEEDBACK_SUBJECT: Record<Stage, string> = {
  application: 'my application',
  recruiter_screen: 'our conversation',
  first_interview: 'my interview',
  later_interviews: 'my interviews',
  take_home: 'my take-home task',
  final_round: 'my final interviews',
  offer_stage: 'the final stage',
  other: 'my application',
};

/** A name as one tidy line: pasted names can carry newlines or runs of spaces. */
function oneLine(text: string | undefined): string | undefined {
  const tidy = text?.replace(/\s+/g, ' ').trim();
  return tidy === '' ? undefined : tidy;
}

function roleAtCompany(role: string | undefined, company: string | undefined): string {
  const rolePart = role === undefined ? 'the role' : `the ${role} role`;
  return company === undefined ? rolePart : `${rolePart} at ${company}`;
}

function greeting(name: string | undefined): string {
  return name === undefined ? 'Hello,' : `Hi ${name},`;
}

function employerRequest(answers: RoutineAnswers): FeedbackRequest {
  const contact = oneLine(answers.employerContact);
  const position = roleAtCompany(oneLine(answers.role), oneLine(answers.company));
  const subject = FEEDBACK_SUBJECT[answers.stage ?? 'other'] ?? FEEDBACK_SUBJECT.other;
  // Someone turned down on paper was given no one's time, so only thank them for considering.
  const appreciation =
    answers.stage === undefined || answers.stage === 'application'
      ? ''
      : ' I appreciated the time you and the team gave me.';
  const text = [
    greeting(contact),
    '',
    `Thank you for considering me for ${position}.${appreciation}`,
    '',
    `If you have a moment, I'd be grateful for any feedback on ${subject}. ` +
      'Even a line or two on what I could do better would help me a lot.',
    '',
    'Thanks again, and all the best.',
  ].join('\n');
  return { audience: 'employer', recipient: contact ?? 'the hiring team', text };
}

function intermediaryRequest(answers: RoutineAnswers, audience: 'recruiter' | 'headhunter'): FeedbackRequest {
  const name = oneLine(answers.intermediaryName);
  const position = roleAtCompany(oneLine(answers.role), oneLine(answers.company));
  const thanks =
    audience === 'headhunter'
      ? `Thank you for approaching me about ${position}, and for your help along the way.`
      : `Thank you for your help with ${position}.`;
  const text = [
    greeting(name),
    '',
    `${thanks} I've heard it didn't work out this time.`,
    '',
    'Did they share any feedback with you? Anything that could help me next time would be really useful. ' +
      "And if other roles come up that might suit me, I'd be glad to hear about them.",
    '',
    'Thanks again.',
  ].join('\n');
  return { audience, recipient: name ?? `your ${audience}`, text };
}

/**
 * One note for the employer, plus one for the recruiter or headhunter when there was one.
 * Works with whatever step 1 holds: missing names fall back to a polite generic greeting.
 */
export function draftFeedbackRequests(answers: RoutineAnswers): FeedbackRequest[] {
  const normalized = normalizeAnswers(answers);
  const requests = [employerRequest(normalized)];
  const intermediary = normalized.intermediary;
  if (intermediary === 'recruiter' || intermediary === 'headhunter') {
    requests.push(intermediaryRequest(normalized, intermediary));
  }
  return requests;
}
