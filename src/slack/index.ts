// Every feature registers its own listeners. The event dedupe runs first: Slack retries an
// event delivery it believes failed, and only events carry an event_id (platform/event-dedupe.ts).
// Then each request's person and workspace are worked out once (platform/scope-guard.ts).
// Then each request is routed by its id to the listeners registered for it
// (platform/listener-routes.ts), instead of Bolt trying every listener in turn.

import type { App } from '@slack/bolt';
import * as command from './command/register.js';
import * as followUps from './follow-ups/register.js';
import * as home from './home/register.js';
import * as installs from './installs/register.js';
import type { ListenerDeps } from './platform/deps.js';
import { dedupeEvents } from './platform/event-dedupe.js';
import { createListenerRoutes } from './platform/listener-routes.js';
import { guardScopes } from './platform/scope-guard.js';
import * as privacy from './privacy/register.js';
import * as routine from './routine/register.js';
import * as sharing from './sharing/register.js';
import * as shortcuts from './shortcuts/register.js';

export function registerFeatures(app: App, deps: ListenerDeps): void {
  app.use(dedupeEvents(deps));
  app.use(guardScopes(deps));
  const routes = createListenerRoutes(app);
  app.use(routes.dispatch);
  command.register(routes.app, deps);
  routine.register(routes.app, deps);
  shortcuts.register(routes.app, deps);
  followUps.register(routes.app, deps);
  home.register(routes.app, deps);
  privacy.register(routes.app, deps);
  sharing.register(routes.app, deps);
  installs.register(routes.app, deps);
}
