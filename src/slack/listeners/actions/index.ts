import type { App } from '@slack/bolt';
import { ActionId, NudgeActionId } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { backCallback } from './back.js';
import { doneCallback, noFeedbackCallback, snoozeCallback } from './nudge-buttons.js';
import { feedbackYesCallback, reflectNowCallback, tweakSearchCallback } from './nudge-modals.js';
import { resumeDraftCallback, startFreshCallback } from './resume-draft.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action(ActionId.back, backCallback(deps));
  app.action(ActionId.resumeDraft, resumeDraftCallback(deps));
  app.action(ActionId.startFresh, startFreshCallback(deps));
  app.action(NudgeActionId.reflectNow, reflectNowCallback(deps));
  app.action(NudgeActionId.tweakSearch, tweakSearchCallback(deps));
  app.action(NudgeActionId.snooze, snoozeCallback(deps));
  app.action(NudgeActionId.done, doneCallback(deps));
  app.action(NudgeActionId.feedbackYes, feedbackYesCallback(deps));
  app.action(NudgeActionId.feedbackNone, noFeedbackCallback(deps));
}
