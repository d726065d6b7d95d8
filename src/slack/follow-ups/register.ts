import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { FollowUpActionId, FollowUpCallbackId } from '../platform/ids.js';
import {
  doneCallback,
  letGoCallback,
  noFeedbackCallback,
  notSentCallback,
  snoozeCallback,
} from './buttons.js';
import {
  didItSubmissionCallback,
  feedbackSubmissionCallback,
  notYetSubmissionCallback,
  reflectSubmissionCallback,
  tweakSubmissionCallback,
} from './forms.js';
import {
  didItCallback,
  feedbackYesCallback,
  notYetCallback,
  reflectNowCallback,
  tweakSearchCallback,
} from './open-modals.js';

/** The follow-up DM's buttons and the modals they open. Sending is the job's (sender.ts). */
export function register(app: App, deps: ListenerDeps): void {
  app.action(FollowUpActionId.reflectNow, reflectNowCallback(deps));
  app.action(FollowUpActionId.tweakSearch, tweakSearchCallback(deps));
  app.action(FollowUpActionId.snooze, snoozeCallback(deps));
  app.action(FollowUpActionId.done, doneCallback(deps));
  app.action(FollowUpActionId.feedbackYes, feedbackYesCallback(deps));
  app.action(FollowUpActionId.feedbackNone, noFeedbackCallback(deps));
  app.action(FollowUpActionId.notSent, notSentCallback(deps));
  app.action(FollowUpActionId.letGo, letGoCallback(deps));
  app.action(FollowUpActionId.didIt, didItCallback(deps));
  app.action(FollowUpActionId.notYet, notYetCallback(deps));
  app.view(FollowUpCallbackId.reflect, reflectSubmissionCallback(deps));
  app.view(FollowUpCallbackId.tweak, tweakSubmissionCallback(deps));
  app.view(FollowUpCallbackId.feedback, feedbackSubmissionCallback(deps));
  app.view(FollowUpCallbackId.didIt, didItSubmissionCallback(deps));
  app.view(FollowUpCallbackId.notYet, notYetSubmissionCallback(deps));
}
