// Every callback_id, action_id and block_id Rebound uses, in one place, so listeners and
// view builders can never drift apart. Wire ids named `nudge_…` predate the word follow-up
// and stay: they sit in DMs already sent, whose buttons must keep working.

import type { StepNumber } from '../../domain/types.js';

export type { FieldId } from '../../domain/types.js';

export const Command = {
  rejected: '/rejected',
} as const;

export const CallbackId = {
  /** One routine step modal; the step number is appended: `routine_step_1` … `routine_step_4`. */
  routineStepPrefix: 'routine_step_',
  /** "Pick up where you left off?" modal shown when a draft exists. */
  resumeDraft: 'resume_draft',
} as const;

/** Matches every routine step callback_id and captures the step number. */
export const ROUTINE_STEP_CALLBACK = /^routine_step_([1-4])$/;

export function routineStepCallbackId(step: StepNumber): string {
  return `${CallbackId.routineStepPrefix}${step}`;
}

export const ActionId = {
  /** The Back button on steps 2–4. */
  back: 'routine_back',
  /** Resume modal: continue the saved draft. */
  resumeDraft: 'draft_resume',
  /** Resume modal: discard the draft and start again. */
  startFresh: 'draft_start_fresh',
  /** Every input element's action_id; its block_id names the field. */
  fieldValue: 'value',
} as const;

export const BlockId = {
  /** The actions block that holds the Back button. */
  navigation: 'routine_nav',
  resumeActions: 'resume_actions',
} as const;

/** App Home buttons. Values carry ids or a page offset only. */
export const HomeActionId = {
  start: 'home_start_routine',
  resume: 'home_resume_draft',
  snooze: 'home_snooze_nudge',
  cancelFollowUp: 'home_cancel_nudge',
  showMore: 'home_show_more',
  /** Privacy section: "Show details in notifications" (radio: off / on). */
  showDetails: 'home_show_details',
  /** Privacy section: "Searching while employed here?" (radio: yes / no). */
  employedHere: 'home_employed_here',
  /** Privacy section: opens the same confirmation as `/rejected delete`. */
  deleteData: 'home_delete_data',
  /** A rejection's own view; the value is the rejection id. */
  openRejection: 'home_open_rejection',
  /** The "before your next interview" view. */
  openPrep: 'home_open_prep',
} as const;

/** The privacy choices' radio values, on Home and in the first step of the routine. */
export const PrivacyChoice = {
  detailsOff: 'off',
  detailsOn: 'on',
  employedYes: 'yes',
  employedNo: 'no',
} as const;

/** Read-only modals opened from Home (and `/rejected prep`). */
export const HomeCallbackId = {
  rejection: 'home_rejection',
  prep: 'home_prep',
} as const;

/** App Home blocks; a follow-up's row appends its id (the id is what a click acts on). */
export const HomeBlockId = {
  start: 'home_start',
  draft: 'home_draft',
  /** A delivered check-in still waiting for an answer, with the follow-up's own buttons. */
  waitingPrefix: 'home_waiting_',
  /** An upcoming check-in, with its snooze menu and Cancel. */
  upcomingPrefix: 'home_nudge_',
  /** The line about check-ins that could not be delivered. */
  undelivered: 'home_undelivered',
  more: 'home_more',
  newest: 'home_newest',
} as const;

/**
 * Follow-up DMs. Each button's value is the follow-up id and nothing else; the snooze menu's
 * option values are `<choice>:<follow-up id>` (follow-ups/refs.ts reads both).
 */
export const FollowUpActionId = {
  reflectNow: 'nudge_reflect_now',
  tweakSearch: 'nudge_tweak_search',
  snooze: 'nudge_snooze',
  done: 'nudge_done',
  /** "Did you hear back?": yes, note what they said. */
  feedbackYes: 'nudge_feedback_yes',
  /** "Did you hear back?": not yet (offers a chaser and asks once more later). */
  feedbackNone: 'nudge_feedback_none',
  /** "Did you hear back?": the note was never sent; show it again. */
  notSent: 'nudge_not_sent',
  /** The second "any word?": still nothing, let it go. */
  letGo: 'nudge_let_go',
  /** The action check-in: "Yes, I did it" (a modal: one line on how it went, and the next check-in). */
  didIt: 'nudge_did_it',
  /** The action check-in: not yet, pick a day. */
  notYet: 'nudge_not_yet',
} as const;

export const FollowUpBlockId = {
  actions: 'nudge_actions',
  /** The feedback modal's inputs: what they said, the one thing to act on, and by when. */
  feedbackText: 'feedback_text',
  actionText: 'action_text',
  actionBy: 'action_by',
  /** "Yes, I did it": how it went, and when to check in next. */
  progressText: 'progress_text',
  nextCheckIn: 'next_check_in',
  /** "Not yet": the day to ask again. */
  askAgainOn: 'ask_again_on',
} as const;

/** Modals opened from a follow-up DM; their private_metadata holds the follow-up and DM ids. */
export const FollowUpCallbackId = {
  reflect: 'nudge_reflect',
  tweak: 'nudge_tweak',
  feedback: 'nudge_feedback',
  didIt: 'nudge_did_it',
  notYet: 'nudge_not_yet',
} as const;

/** A drafted feedback note's DM. Each button's value is the note id and nothing else. */
export const NoteActionId = {
  markSent: 'note_mark_sent',
  /** A url button (mailto:): Slack still sends the click, which we only acknowledge. */
  openEmail: 'note_open_email',
  linkedIn: 'note_linkedin',
} as const;

export const NoteBlockId = {
  actions: 'note_actions',
} as const;

/** The shortcuts declared in manifest.yml (features.shortcuts). */
export const ShortcutCallbackId = {
  /** Global: the lightning menu and the composer's shortcuts. */
  logRejection: 'log_rejection',
  /** Message: on any message, e.g. the rejection itself. */
  workThroughMessage: 'work_through_rejection',
} as const;

/** Step 1 opened from a message: the sender offered as contact or recruiter. Values: the name. */
export const ShortcutActionId = {
  senderIsContact: 'offer_sender_contact',
  senderIsRecruiter: 'offer_sender_recruiter',
} as const;

export const ShortcutBlockId = {
  senderOffer: 'offer_sender',
} as const;

/**
 * Sharing a rejection's note with someone. `open` and `stop` are buttons whose value is a
 * rejection id and a share id; the summary DM and Home place `open` (sharing/share-entry.ts).
 */
export const ShareActionId = {
  open: 'share_open',
  stop: 'share_stop',
} as const;

export const ShareCallbackId = {
  /** Who and what: a users select and the parts to include. */
  compose: 'share_compose',
  /** The note exactly as the person will see it, with Share. */
  preview: 'share_preview',
} as const;

export const ShareBlockId = {
  recipient: 'share_with',
  parts: 'share_parts',
  entry: 'share_entry',
  stop: 'share_stop_actions',
} as const;

/** `/rejected delete`: the confirmation modal, and what it turns into if deleting failed. */
export const PrivacyCallbackId = {
  deleteConfirm: 'delete_my_data',
  deleteFailed: 'delete_my_data_failed',
  /** Deleting (then deleted): what was removed and what stays. */
  deleteDone: 'delete_my_data_done',
} as const;
