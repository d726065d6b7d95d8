import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { NudgeActionId, NudgeCallbackId } from '../platform/ids.js';
import { doneCallback, noFeedbackCallback, snoozeCallback } from './buttons.js';
import { feedbackSubmissionCallback, reflectSubmissionCallback, tweakSubmissionCallback } from './forms.js';
import { feedbackYesCallback, reflectNowCallback, tweakSearchCallback } from './open-modals.js';

/** The follow-up DM's buttons and the modals they open. Sending is the job's (sender.ts). */
export function register(app: App, deps: ListenerDeps): void {
  app.action(NudgeActionId.reflectNow, reflectNowCallback(deps));
  app.action(NudgeActionId.tweakSearch, tweakSearchCallback(deps));
  app.action(NudgeActionId.snooze, snoozeCallback(deps));
  app.action(NudgeActionId.done, doneCallback(deps));
  app.action(NudgeActionId.feedbackYes, feedbackYesCallback(deps));
  app.action(NudgeActionId.feedbackNone, noFeedbackCallback(deps));
  app.view(NudgeCallbackId.reflect, reflectSubmissionCallback(deps));
  app.view(NudgeCallbackId.tweak, tweakSubmissionCallback(deps));
  app.view(NudgeCallbackId.feedback, feedbackSubmissionCallback(deps));
}
