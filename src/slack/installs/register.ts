import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { registerInstallationEvents } from './installation-events.js';
import { appUninstalledCallback, tokensRevokedCallback } from './team-uninstall.js';

/** What losing the bot token means: follow-ups cancelled, retention marked, installation deleted. */
export function register(app: App, deps: ListenerDeps): void {
  app.event('app_uninstalled', appUninstalledCallback(deps));
  app.event('tokens_revoked', tokensRevokedCallback(deps));
  registerInstallationEvents(app, deps);
}
