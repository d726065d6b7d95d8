import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { Command } from '../platform/ids.js';
import { rejectedCommandCallback } from './rejected-command.js';

/** `/rejected` and its subcommands: one command, routed to the feature each word belongs to. */
export function register(app: App, deps: ListenerDeps): void {
  app.command(Command.rejected, rejectedCommandCallback(deps));
}
