// Ready-to-send notes asking for feedback: short, polite, plain text a person can paste into
// an email or a LinkedIn message as they are. Each has a subject, greets by first name, says
// thank you once, asks one low-risk question that fits how far the person got, and is signed
// with their own name. Built from the routine's answers only.

import { normalizeAnswers } from './routine.js';
import type { NewsVia, RoutineAnswers, Stage, TweakId } from './types.js';

export type FeedbackAudience = 'employer' | 'recruiter' | 'headhunter';

export interface FeedbackRequest {
  audience: FeedbackAudience;
  /** Who the note is for: the name given, or a description such as "the hiring team". */
  recipient: string;
  /** The email subject line. */
  subject: string;
  /** Plain text, no mrkdwn: escape it before showing it in Slack. */
  text: string;
  /** The same note in at most LINKEDIN_MAX characters, for a LinkedIn message. */
  short: string;
}

export interface NoteOptions {
  /** The person's name as Slack shows it, to sign with; null signs off without a name. */
  signature?: string | null;
}

/** LinkedIn's connection-request note allows 300 characters: the short version fits there too. */
export const LINKEDIN_MAX = 300;
export const SUBJECT_MAX = 150;

/** One specific, easy-to-answer question per stage: never an open "what could I do better?". */
const STAGE_QUESTION: Record<Stage, string> = {
  application: 'was there one thing in my application that would have made it a stronger match?',
  recruiter_screen: 'is there one part of my background I could explain better in a first call?',
  first_interview: 'was there one answer or topic where I could have been stronger?',
  later_interviews: 'which part of the interviews came across least well?',
  take_home: 'how did my take-home task come across, and what one change would have made it stronger?',
  final_round: 'what stood out in the final round, and what tipped the decision?',
  offer_stage: 'was there one thing that made the difference at the last step?',
  other: 'is there one thing I could do differently next time?',
};

/** After these stages the team knows the person: asking to be kept in mind matters most. */
const LATER_STAGES: ReadonlySet<Stage> = new Set([
  'later_interviews',
  'take_home',
  'final_round',
  'offer_stage',
]);

/** What the person now aims for, in their own voice, for the recruiter note. */
const AIM: Partial<Record<TweakId, string>> = {
  narrow_roles: 'focusing on fewer roles that match my experience closely',
  widen_roles: 'open to a wider range of roles',
  target_companies: 'focusing on a shortlist of companies I would love to join',
  ask_questions_early: 'looking for teams I can get to know early in the process',
};

/** A name as one tidy line: pasted names can carry newlines or runs of spaces. */
function oneLine(text: string | undefined): string | undefined {
  const tidy = text?.replace(/\s+/g, ' ').trim();
  return tidy === '' ? undefined : tidy;
}

/** "Sam" from "Sam Lee"; "Dr. Sam Lee" stays whole (a title reads oddly on its own). */
export function firstName(name: string | undefined): string | undefined {
  const tidy = oneLine(name);
  if (tidy === undefined) return undefined;
  const [first = tidy] = tidy.split(' ');
  return /\.$/.test(first) ? tidy : first;
}

function roleAtCompany(role: string | undefined, company: string | undefined): string {
  const rolePart = role === undefined ? 'the role' : `the ${role} role`;
  return company === undefined ? rolePart : `${rolePart} at ${company}`;
}

function greeting(name: string | undefined): string {
  const first = firstName(name);
  return first === undefined ? 'Hello,' : `Hi ${first},`;
}

function signOff(signature: string | null | undefined): string {
  const name = oneLine(signature ?? undefined);
  return name === undefined ? 'Best wishes' : `Best wishes,\n${name}`;
}

function shortSignOff(signature: string | null | undefined): string {
  const name = firstName(signature ?? undefined);
  return name === undefined ? 'Best wishes' : `Best wishes, ${name}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The one thank-you, shaped by how the news came. */
function employerThanks(position: string, newsVia: NewsVia | undefined, stage: Stage | undefined): string {
  const gaveTime = stage !== undefined && stage !== 'application';
  switch (newsVia) {
    case 'call':
      return `Thank you for taking the time to call me about ${position}.`;
    case 'recruiter':
      return `I heard that ${position} has gone to another candidate. Thank you for ${gaveTime ? 'the time you and the team gave me' : 'considering me'}.`;
    case 'no_word':
      return `I haven't heard back about ${position}, so I take it the team has moved on. Thank you for ${gaveTime ? 'the time you and the team gave me' : 'considering me'}.`;
    default:
      return gaveTime
        ? `Thank you for letting me know about ${position}, and for the time you and the team gave me.`
        : `Thank you for letting me know about ${position}.`;
  }
}

const FUTURE_ROLES = "I enjoyed getting to know the team, and I'd be glad to be considered for future roles.";

/** At most `max` code units ending in an ellipsis, never splitting an emoji in half. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

function fitToShort(parts: string[][]): string {
  // Tries each wording in turn, from the fullest, and keeps the first that fits.
  for (const candidate of parts) {
    const text = candidate.join(' ');
    if (text.length <= LINKEDIN_MAX) return text;
  }
  return cut((parts.at(-1) ?? []).join(' '), LINKEDIN_MAX);
}

function subjectLine(text: string): string {
  return cut(text, SUBJECT_MAX);
}

function employerRequest(answers: RoutineAnswers, options: NoteOptions): FeedbackRequest {
  const contact = oneLine(answers.employerContact);
  const role = oneLine(answers.role);
  const company = oneLine(answers.company);
  const position = roleAtCompany(role, company);
  const stage = answers.stage ?? 'other';
  const question = STAGE_QUESTION[stage] ?? STAGE_QUESTION.other;
  const later = LATER_STAGES.has(stage);
  const text = [
    greeting(contact),
    '',
    employerThanks(position, answers.newsVia, answers.stage),
    '',
    `If you have a minute, I'd value your view on one thing: ${question} A line or two would help me a lot.`,
    ...(later ? ['', FUTURE_ROLES] : []),
    '',
    signOff(options.signature),
  ].join('\n');
  const ask = capitalize(question);
  const keep = later ? " I'd be glad to be considered for future roles." : '';
  const sign = shortSignOff(options.signature);
  const gave = stage === 'application' ? 'considering me for' : 'your time on';
  const short = fitToShort([
    [greeting(contact), `Thank you for ${gave} ${position}.`, `${ask}${keep}`, sign],
    [greeting(contact), `Thank you for ${gave} ${roleAtCompany(undefined, company)}.`, ask, sign],
    [greeting(contact), 'Thank you for your time.', ask, sign],
  ]);
  const subject = subjectLine(
    role === undefined ? 'A quick question about my application' : `A quick question about the ${role} role`,
  );
  return { audience: 'employer', recipient: contact ?? 'the hiring team', subject, text, short };
}

function aimLine(answers: RoutineAnswers): string {
  const aims = (answers.tweaks ?? []).flatMap((id) => AIM[id] ?? []);
  const role = oneLine(answers.role);
  const aim =
    aims[0] === undefined
      ? `I'm still looking for ${role === undefined ? 'a similar role' : `${role} roles`}`
      : `I'm now ${aims[0]}`;
  return `${aim}, so if something like that comes up, I'd love to hear about it.`;
}

function intermediaryRequest(
  answers: RoutineAnswers,
  audience: 'recruiter' | 'headhunter',
  options: NoteOptions,
): FeedbackRequest {
  const name = oneLine(answers.intermediaryName);
  const company = oneLine(answers.company);
  const position = roleAtCompany(oneLine(answers.role), company);
  const thanks =
    audience === 'headhunter'
      ? `Thank you for putting me forward for ${position}, and for letting me know how it went.`
      : `Thank you for letting me know about ${position}, and for your help along the way.`;
  // When the employer already said why, there is nothing to ask: only the new aim remains.
  const ask =
    answers.reasonGiven === undefined
      ? 'Did they share anything about why? Even one point would help me next time.'
      : undefined;
  const text = [
    greeting(name),
    '',
    thanks,
    ...(ask === undefined ? [] : ['', ask]),
    '',
    aimLine(answers),
    '',
    signOff(options.signature),
  ].join('\n');
  const sign = shortSignOff(options.signature);
  const shortAsk = ask === undefined ? [] : ['Did they say anything about why?'];
  const short = fitToShort([
    [greeting(name), `Thank you for letting me know about ${position}.`, ...shortAsk, aimLine(answers), sign],
    [
      greeting(name),
      `Thank you for letting me know about ${roleAtCompany(undefined, company)}.`,
      ...shortAsk,
      sign,
    ],
    [greeting(name), 'Thank you for letting me know.', ...shortAsk, sign],
  ]);
  const subject = subjectLine(`About ${position}`);
  return { audience, recipient: name ?? `your ${audience}`, subject, text, short };
}

/** The same person named twice (an in-house recruiter is both): one note is enough. */
function samePerson(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && oneLine(a)?.toLowerCase() === oneLine(b)?.toLowerCase();
}

/**
 * One note for the employer, plus one for the recruiter or headhunter when there was one.
 * No employer note when they already gave a reason (it is kept as feedback instead), and one
 * note only when the recruiter and the contact are the same person. Missing names fall back
 * to a polite generic greeting.
 */
export function draftFeedbackRequests(answers: RoutineAnswers, options: NoteOptions = {}): FeedbackRequest[] {
  const normalized = normalizeAnswers(answers);
  const requests: FeedbackRequest[] = [];
  if (normalized.reasonGiven === undefined) requests.push(employerRequest(normalized, options));
  const intermediary = normalized.intermediary;
  if (
    (intermediary === 'recruiter' || intermediary === 'headhunter') &&
    !(
      normalized.reasonGiven === undefined &&
      samePerson(normalized.intermediaryName, normalized.employerContact)
    )
  ) {
    requests.push(intermediaryRequest(normalized, intermediary, options));
  }
  return requests;
}

/** The one polite reminder offered when nothing came back: short, and easy to ignore. */
export function draftChaser(
  answers: RoutineAnswers,
  note: Pick<FeedbackRequest, 'audience' | 'subject'>,
  options: NoteOptions = {},
): { subject: string; text: string } {
  const normalized = normalizeAnswers(answers);
  const name =
    note.audience === 'employer' ? normalized.employerContact : (normalized.intermediaryName ?? undefined);
  const role = oneLine(normalized.role);
  const about = role === undefined ? 'my application' : `the ${role} role`;
  const text = [
    greeting(name),
    '',
    `I'm following up on my note about ${about}. If you have a minute for a line or two, I'd really value it. If not, no problem at all.`,
    '',
    signOff(options.signature),
  ].join('\n');
  return { subject: subjectLine(`Re: ${note.subject}`), text };
}
