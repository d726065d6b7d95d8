// What a person reads when something on our side fails. Short, calm, and always says what
// happened to their words and what to do next. Never mentions codes or internals.

/** A step could not be saved (store down): shown on the form, which stays open. */
export const SAVE_FAILED_TEXT =
  "We couldn't save that just now — your answers are still here; try again in a moment.";

/** `/rejected` could not start or resume the routine: nothing was lost, nothing opened. */
export const OPEN_FAILED_TEXT =
  "We couldn't open Rebound just now. Please try `/rejected` again in a moment.";

/** A step was closed while the store was down: what was typed on it is gone. Sent as a DM. */
export const CLOSE_SAVE_FAILED_TEXT =
  "We couldn't keep what you typed on that last step. Earlier steps are saved: `/rejected` picks up from there.";

/** The draft behind a modal is gone: finished in another window, or cleared by "Start fresh". */
export const ALREADY_FINISHED_TEXT =
  'This draft was already finished or cleared, so there is nothing more to save here. Type `/rejected` to start a new one.';

/** For listeners that ask for the text at the point of use. */
export function storeDownText(): string {
  return SAVE_FAILED_TEXT;
}

export function alreadyFinishedText(): string {
  return ALREADY_FINISHED_TEXT;
}
