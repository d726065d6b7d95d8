// `/rejected delete` (and Home's "Delete my data"): a confirmation first, since it cannot be
// undone, a way out (export) for anyone who wants a copy, and the offer to clear Rebound's
// own messages from the DM too. While Slack is being cleaned up the modal says so; then it
// shows exactly what was removed and what stays.

import type { KnownBlock, ModalView } from '../platform/block-kit.js';
import { modal, mrkdwnContext, mrkdwnSection, plainText } from '../platform/block-kit.js';
import { PrivacyCallbackId } from '../platform/ids.js';
import { DELETE_FAILED_TEXT } from './replies.js';

export const DELETE_MESSAGES_BLOCK = 'delete_messages';
export const DELETE_MESSAGES_ACTION = 'value';
export const DELETE_MESSAGES_VALUE = 'remove_messages';

const DELETE_TITLE = 'Delete your data';

function closeOnly(callbackId: string, blocks: KnownBlock[]): ModalView {
  return modal({ callbackId, title: DELETE_TITLE, close: 'Close', blocks });
}

export function buildDeleteConfirmView(): ModalView {
  const offer = {
    text: plainText('Also remove Rebound’s messages from our DM', 75),
    description: plainText('Summaries and check-ins. Anything you wrote stays.', 75),
    value: DELETE_MESSAGES_VALUE,
  };
  return modal({
    callbackId: PrivacyCallbackId.deleteConfirm,
    title: DELETE_TITLE,
    submit: 'Delete everything',
    close: 'Keep it',
    blocks: [
      mrkdwnSection(
        'This deletes everything Rebound keeps for you in this workspace: every rejection and your answers, ' +
          'what you added later, your settings, the check-ins still to come, and the export files Rebound sent you.' +
          "\n\n*It can't be undone.*",
      ),
      mrkdwnSection('Want a copy first? Choose *Keep it*, then type `/rejected export`.'),
      {
        type: 'input',
        block_id: DELETE_MESSAGES_BLOCK,
        optional: true,
        label: plainText('Rebound’s messages', 2000),
        element: {
          type: 'checkboxes',
          action_id: DELETE_MESSAGES_ACTION,
          options: [offer],
          initial_options: [offer],
        },
      },
    ],
  });
}

/** Shown at once after the confirmation, while files and messages are removed from Slack. */
export function buildDeletingView(): ModalView {
  return closeOnly(PrivacyCallbackId.deleteDone, [
    mrkdwnSection(
      '*Your records are deleted.* Removing Rebound’s files and messages from Slack now; this can take a moment.',
    ),
  ]);
}

/** What was removed and what stays, in the modal and in the DM. */
export function buildDeletedView(report: KnownBlock[]): ModalView {
  return closeOnly(PrivacyCallbackId.deleteDone, report);
}

/** Shown in place of the confirmation when deleting failed: nothing was removed. */
export function buildDeleteFailedView(): ModalView {
  return closeOnly(PrivacyCallbackId.deleteFailed, [
    mrkdwnSection(DELETE_FAILED_TEXT),
    mrkdwnContext('Nothing was removed from Slack either.'),
  ]);
}
