import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { PrivacyCallbackId } from '../platform/ids.js';
import { deleteConfirmCallback } from './delete-confirm.js';

/** List, export and delete. Their subcommands arrive through command/; the delete confirmation here. */
export function register(app: App, deps: ListenerDeps): void {
  app.view(PrivacyCallbackId.deleteConfirm, deleteConfirmCallback(deps));
}
