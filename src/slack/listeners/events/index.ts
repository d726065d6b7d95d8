import type { App } from '@slack/bolt';
import { dedupeEvents } from '../../event-dedupe.js';
import type { ListenerDeps } from '../deps.js';
import { appHomeOpenedCallback } from './app-home-opened.js';
import { registerInstallationEvents } from './installation-events.js';
import { appUninstalledCallback, tokensRevokedCallback } from './team-uninstall.js';

/** Event listeners: App Home, and what losing the bot token means (nudges, retention, installations). */
export function register(app: App, deps: ListenerDeps): void {
  // Global middleware, registered here because only events carry an event_id (event-dedupe.ts).
  app.use(dedupeEvents(deps));
  app.event('app_home_opened', appHomeOpenedCallback(deps));
  app.event('app_uninstalled', appUninstalledCallback(deps));
  app.event('tokens_revoked', tokensRevokedCallback(deps));
  registerInstallationEvents(app, deps);
}
