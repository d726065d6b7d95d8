// The four steps of the routine as data: each step's title, heading and introduction, and
// every question with its label, hint, placeholder and options, so the questions can be
// reviewed in one place. Kind, brief, concrete. Buttons, errors and the summary's wording
// live with the views that show them (slack/routine/).

import type { FieldId, StepNumber, TweakId } from './types.js';

export type FieldKind = 'text' | 'multiline' | 'select' | 'radio' | 'checkboxes' | 'datetime';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldDefinition {
  /** The RoutineAnswers key this field fills; also its block_id in the modal. */
  id: FieldId;
  kind: FieldKind;
  label: string;
  hint?: string;
  placeholder?: string;
  optional: boolean;
  /** In UTF-16 code units, as JavaScript and Slack's own limits count. */
  maxLength?: number;
  options?: readonly FieldOption[];
  /** Shown when a required field is left empty. */
  requiredMessage?: string;
  /** How the answer is introduced in the summary DM. */
  summaryLabel: string;
}

/** "Answer at least one of these": for steps where any single answer is enough. */
export interface OneOfRule {
  fields: readonly FieldId[];
  /** Shown on the first field of the group. */
  message: string;
}

export interface StepDefinition {
  number: StepNumber;
  /** Fits the modal title after "Step n of 4 · " (24 characters in all). */
  title: string;
  /** The longer name shown at the top of the step. */
  heading: string;
  /** One line under the heading. */
  intro: string;
  fields: readonly FieldDefinition[];
  oneOf?: OneOfRule;
}

export const NAME_MAX = 100;
export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 3000;

export const TWEAK_OPTIONS: readonly (FieldOption & { value: TweakId })[] = [
  { value: 'narrow_roles', label: 'Focus on fewer, better-matched roles' },
  { value: 'widen_roles', label: 'Look at a wider range of roles' },
  { value: 'target_companies', label: 'Shortlist companies I would love to join' },
  { value: 'referrals', label: 'Ask my network for referrals' },
  { value: 'tailor_cv', label: 'Tailor my CV to each role' },
  { value: 'practice_interviews', label: 'Practise interview answers out loud' },
  { value: 'research_deeper', label: 'Research each company more deeply' },
  { value: 'ask_questions_early', label: 'Ask about the team and the role early on' },
];

const getFeedback: StepDefinition = {
  number: 1,
  title: 'Feedback',
  heading: 'Get feedback',
  intro:
    "Sorry this one didn't work out. A short note asking why can tell you a lot, and we'll draft it for you.",
  fields: [
    {
      id: 'company',
      kind: 'text',
      label: 'Company',
      placeholder: 'e.g. Acme',
      optional: false,
      maxLength: NAME_MAX,
      requiredMessage: 'Which company was it?',
      summaryLabel: 'Company',
    },
    {
      id: 'role',
      kind: 'text',
      label: 'Role',
      placeholder: 'e.g. Product designer',
      optional: false,
      maxLength: NAME_MAX,
      requiredMessage: 'Add the role. A rough title is fine.',
      summaryLabel: 'Role',
    },
    {
      id: 'stage',
      kind: 'select',
      label: 'How far did you get?',
      placeholder: 'Pick a stage',
      optional: false,
      options: [
        { value: 'application', label: 'Application' },
        { value: 'recruiter_screen', label: 'Recruiter screen' },
        { value: 'first_interview', label: 'First interview' },
        { value: 'later_interviews', label: 'Later interviews' },
        { value: 'take_home', label: 'Take-home task' },
        { value: 'final_round', label: 'Final round' },
        { value: 'offer_stage', label: 'Offer stage' },
        { value: 'other', label: 'Somewhere else' },
      ],
      requiredMessage: 'Pick the stage that comes closest.',
      summaryLabel: 'Got as far as',
    },
    {
      id: 'employerContact',
      kind: 'text',
      label: 'Who should the note go to?',
      hint: 'The person you dealt with, if you know. Leave it blank to write to the hiring team.',
      placeholder: 'e.g. Sam Lee',
      optional: true,
      maxLength: NAME_MAX,
      summaryLabel: 'Contact',
    },
    {
      id: 'intermediary',
      kind: 'radio',
      label: 'Was a recruiter or headhunter involved?',
      optional: false,
      options: [
        { value: 'none', label: 'No' },
        { value: 'recruiter', label: 'Yes, a recruiter' },
        { value: 'headhunter', label: 'Yes, a headhunter' },
      ],
      requiredMessage: 'Let us know, so we can draft a note to them too.',
      summaryLabel: 'Recruiter or headhunter',
    },
    {
      id: 'intermediaryName',
      kind: 'text',
      label: 'Their name',
      hint: 'Only if a recruiter or headhunter was involved.',
      placeholder: 'e.g. Alex Kim',
      optional: true,
      maxLength: NAME_MAX,
      summaryLabel: 'Their name',
    },
  ],
};

const reflect: StepDefinition = {
  number: 2,
  title: 'Reflect',
  heading: 'Review and reflect',
  intro: "Just for you, while it's fresh. One answer is enough; skip what doesn't apply.",
  fields: [
    {
      id: 'interview',
      kind: 'multiline',
      label: 'What would you do differently in the interview?',
      hint: 'If it ended before an interview, think about your application instead.',
      optional: true,
      maxLength: LONG_TEXT_MAX,
      summaryLabel: 'Next time in the interview',
    },
    {
      id: 'preparation',
      kind: 'multiline',
      label: 'How could you prepare next time?',
      placeholder: 'e.g. research the team, practise answers out loud',
      optional: true,
      maxLength: LONG_TEXT_MAX,
      summaryLabel: 'Preparation',
    },
    {
      id: 'rapport',
      kind: 'multiline',
      label: 'How did you get on with the interviewer?',
      hint: 'What helped the conversation, and what got in the way?',
      optional: true,
      maxLength: LONG_TEXT_MAX,
      summaryLabel: 'Rapport with the interviewer',
    },
    {
      id: 'strengths',
      kind: 'multiline',
      label: 'Which of your strengths could you show more clearly?',
      placeholder: 'e.g. a story about a project you led',
      optional: true,
      maxLength: LONG_TEXT_MAX,
      summaryLabel: 'Strengths to show',
    },
  ],
  oneOf: {
    fields: ['interview', 'preparation', 'rapport', 'strengths'],
    message: "Write a line in any one of these. That's enough for now.",
  },
};

const tweakSearch: StepDefinition = {
  number: 3,
  title: 'Tactics',
  heading: 'Tweak your search',
  intro: 'A quick look at the fit can show where to aim next.',
  fields: [
    {
      id: 'dailyFit',
      kind: 'radio',
      label: 'Could you see yourself there every day?',
      optional: false,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'unsure', label: 'Not sure' },
        { value: 'no', label: 'Not really' },
      ],
      requiredMessage: 'Pick the answer that comes closest.',
      summaryLabel: 'Could see yourself there every day',
    },
    {
      id: 'excited',
      kind: 'radio',
      label: 'Were you excited about the role?',
      optional: false,
      options: [
        { value: 'very', label: 'Very' },
        { value: 'somewhat', label: 'Somewhat' },
        { value: 'not_really', label: 'Not really' },
      ],
      requiredMessage: 'Pick the answer that comes closest.',
      summaryLabel: 'Excited about the role',
    },
    {
      id: 'skillsElsewhere',
      kind: 'radio',
      label: 'Could your skills be put to better use elsewhere?',
      optional: false,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'maybe', label: 'Maybe' },
        { value: 'no', label: 'No, this was the right kind of place' },
      ],
      requiredMessage: 'Pick the answer that comes closest.',
      summaryLabel: 'Skills better used elsewhere',
    },
    {
      id: 'fitNotes',
      kind: 'multiline',
      label: 'Anything else about the fit?',
      optional: true,
      maxLength: LONG_TEXT_MAX,
      summaryLabel: 'Notes on the fit',
    },
    {
      id: 'tweaks',
      kind: 'checkboxes',
      label: 'What will you try next?',
      hint: 'Pick one or two you could start this week.',
      optional: true,
      options: TWEAK_OPTIONS,
      summaryLabel: 'Tweaks to try',
    },
    {
      id: 'tweakOther',
      kind: 'text',
      label: 'Anything else?',
      placeholder: 'e.g. apply to two roles a week, not ten',
      optional: true,
      maxLength: SHORT_TEXT_MAX,
      summaryLabel: 'Also',
    },
  ],
  oneOf: {
    fields: ['tweaks', 'tweakOther'],
    message: 'Pick one thing to try, or write your own below.',
  },
};

const learn: StepDefinition = {
  number: 4,
  title: 'Learn',
  heading: 'Take the lesson with you',
  intro: "Note one thing you're taking from this, then pick when we should check in.",
  fields: [
    {
      id: 'lesson',
      kind: 'multiline',
      label: 'What has this taught you?',
      placeholder: 'e.g. I come across best when I bring examples',
      optional: false,
      maxLength: LONG_TEXT_MAX,
      requiredMessage: "Write one thing you're taking from this. A line is plenty.",
      summaryLabel: "What you're taking with you",
    },
    {
      id: 'followUpAt',
      kind: 'datetime',
      label: 'When should we check in?',
      hint: "We'll send you a short message then, to see how the search is going.",
      optional: false,
      requiredMessage: 'Pick a day and time for the check-in.',
      summaryLabel: 'Check-in',
    },
  ],
};

export const STEPS: readonly StepDefinition[] = [getFeedback, reflect, tweakSearch, learn];
