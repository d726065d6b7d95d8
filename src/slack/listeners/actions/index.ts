import type { App } from '@slack/bolt';
import { ActionId } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { backCallback } from './back.js';
import { resumeDraftCallback, startFreshCallback } from './resume-draft.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action(ActionId.back, backCallback(deps));
  app.action(ActionId.resumeDraft, resumeDraftCallback(deps));
  app.action(ActionId.startFresh, startFreshCallback(deps));
}
