// `/rejected delete`: a confirmation first, since it cannot be undone, and a way out
// (export) for anyone who wants to keep a copy.

import { type ModalView, mrkdwnContext, mrkdwnSection, plainText } from '../platform/block-kit.js';
import { PrivacyCallbackId } from '../platform/ids.js';
import { DELETE_FAILED_TEXT } from './replies.js';

export function buildDeleteConfirmView(): ModalView {
  return {
    type: 'modal',
    callback_id: PrivacyCallbackId.deleteConfirm,
    title: plainText('Delete your data', 24),
    submit: plainText('Delete everything', 24),
    close: plainText('Keep it', 24),
    blocks: [
      mrkdwnSection(
        'This deletes everything Rebound keeps for you in this workspace: every rejection and your answers, ' +
          "what you added later, and the check-ins still to come.\n\n*It can't be undone.*",
      ),
      mrkdwnSection('Want a copy first? Choose *Keep it*, then type `/rejected export`.'),
      mrkdwnContext('Messages already in your DM with Rebound stay there.'),
    ],
  };
}

/** Shown in place of the confirmation when deleting failed: nothing was removed. */
export function buildDeleteFailedView(): ModalView {
  return {
    type: 'modal',
    callback_id: PrivacyCallbackId.deleteFailed,
    title: plainText('Delete your data', 24),
    close: plainText('Close', 24),
    blocks: [mrkdwnSection(DELETE_FAILED_TEXT)],
  };
}
