import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { ShortcutActionId, ShortcutCallbackId } from '../platform/ids.js';
import { logRejectionCallback } from './log-rejection.js';
import { offerSenderCallback } from './offer-sender.js';
import { workThroughMessageCallback } from './work-through-message.js';

/** The two shortcuts in manifest.yml, and step 1's "they're my contact / recruiter" offer. */
export function register(app: App, deps: ListenerDeps): void {
  app.shortcut(
    { callback_id: ShortcutCallbackId.logRejection, type: 'shortcut' },
    logRejectionCallback(deps),
  );
  app.shortcut(
    { callback_id: ShortcutCallbackId.workThroughMessage, type: 'message_action' },
    workThroughMessageCallback(deps),
  );
  app.action(ShortcutActionId.senderIsContact, offerSenderCallback(deps, 'contact'));
  app.action(ShortcutActionId.senderIsRecruiter, offerSenderCallback(deps, 'recruiter'));
}
