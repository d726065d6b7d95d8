import type { App } from '@slack/bolt';
import { Command } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { rejectedCommandCallback } from './rejected-command.js';

export function register(app: App, deps: ListenerDeps): void {
  app.command(Command.rejected, rejectedCommandCallback(deps));
}
