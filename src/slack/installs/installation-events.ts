// app_uninstalled and tokens_revoked (bot) in distributed mode: delete the installation.
// Bolt runs every listener that matches an event, so other uninstall work registers its own.

import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { forgetInstallation, revokesBotToken } from './forget-installation.js';

export function registerInstallationEvents(app: App, deps: ListenerDeps): void {
  if (!deps.installations) return;
  app.event('app_uninstalled', async ({ context }) => {
    await forgetInstallation(deps, context);
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    if (revokesBotToken(event)) await forgetInstallation(deps, context);
  });
}
