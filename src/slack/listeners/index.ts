import type { App } from '@slack/bolt';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import type { ListenerDeps } from './deps.js';
import * as events from './events/index.js';
import * as views from './views/index.js';

/** Registers every listener Rebound has, grouped by the kind of Slack payload it answers. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  views.register(app, deps);
  actions.register(app, deps);
  events.register(app, deps);
}
