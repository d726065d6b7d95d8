// The modals shown when saving a step takes longer than Slack lets us wait before answering:
// "saving…" first, then what the save came to. Plain words, no inputs, nothing to submit.

import { type ModalView, modal, mrkdwnSection } from '../platform/block-kit.js';

const SAVING_CALLBACK = 'routine_saving';

function notice(text: string): ModalView {
  return modal({
    callbackId: SAVING_CALLBACK,
    title: 'Rebound',
    close: 'Close',
    blocks: [mrkdwnSection(text)],
  });
}

/** Shown at once when the save is slow; replaced as soon as it lands. */
export function savingView(): ModalView {
  return notice('Saving your answers… this takes a moment longer than usual.');
}

/** The last step was saved after all. */
export function finishedView(): ModalView {
  return notice('All saved. Your summary is on its way to your DM.');
}

/** The step given back after a late save failed: what was typed, with the note on top. */
export function withNote(view: ModalView, text: string): ModalView {
  return { ...view, blocks: [mrkdwnSection(text), ...view.blocks] };
}

/** The save did not land and there was no form to give back. */
export function notSavedView(text: string): ModalView {
  return notice(text);
}
