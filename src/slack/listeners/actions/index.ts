import type { App } from '@slack/bolt';
import { ActionId, HomeActionId, NudgeActionId } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { backCallback } from './back.js';
import { homeCancelCallback, homeSnoozeCallback } from './home-nudges.js';
import { homeShowMoreCallback } from './home-paging.js';
import { homeResumeCallback, homeStartCallback } from './home-routine.js';
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
  app.action(HomeActionId.start, homeStartCallback(deps));
  app.action(HomeActionId.resume, homeResumeCallback(deps));
  app.action(HomeActionId.snooze, homeSnoozeCallback(deps));
  app.action(HomeActionId.cancelNudge, homeCancelCallback(deps));
  app.action(HomeActionId.showMore, homeShowMoreCallback(deps));
}
