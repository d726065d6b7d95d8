// Every feature registers its own listeners. The event dedupe runs first: Slack retries an
// event delivery it believes failed, and only events carry an event_id (platform/event-dedupe.ts).

import type { App } from '@slack/bolt';
import * as command from './command/register.js';
import * as followUps from './follow-ups/register.js';
import * as home from './home/register.js';
import * as installs from './installs/register.js';
import type { ListenerDeps } from './platform/deps.js';
import { dedupeEvents } from './platform/event-dedupe.js';
import * as privacy from './privacy/register.js';
import * as routine from './routine/register.js';
import * as sharing from './sharing/register.js';
import * as shortcuts from './shortcuts/register.js';

export function registerFeatures(app: App, deps: ListenerDeps): void {
  app.use(dedupeEvents(deps));
  command.register(app, deps);
  routine.register(app, deps);
  shortcuts.register(app, deps);
  followUps.register(app, deps);
  home.register(app, deps);
  privacy.register(app, deps);
  sharing.register(app, deps);
  installs.register(app, deps);
}
