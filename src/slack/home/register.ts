import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { HomeActionId } from '../platform/ids.js';
import { appHomeOpenedCallback } from './app-home-opened.js';
import { homeCancelCallback, homeSnoozeCallback } from './follow-up-actions.js';
import { homeOpenPrepCallback } from './open-prep.js';
import { homeOpenRejectionCallback } from './open-rejection.js';
import { homeShowMoreCallback } from './paging.js';
import { homeDeleteDataCallback, homePrivacySettingCallback } from './privacy-actions.js';
import { homeResumeCallback, homeStartCallback } from './routine-actions.js';

/** App Home: published on every visit, and its own buttons. */
export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpenedCallback(deps));
  app.action(HomeActionId.start, homeStartCallback(deps));
  app.action(HomeActionId.resume, homeResumeCallback(deps));
  app.action(HomeActionId.snooze, homeSnoozeCallback(deps));
  app.action(HomeActionId.cancelFollowUp, homeCancelCallback(deps));
  app.action(HomeActionId.showMore, homeShowMoreCallback(deps));
  app.action(HomeActionId.showDetails, homePrivacySettingCallback(deps));
  app.action(HomeActionId.employedHere, homePrivacySettingCallback(deps));
  app.action(HomeActionId.deleteData, homeDeleteDataCallback(deps));
  app.action(HomeActionId.openRejection, homeOpenRejectionCallback(deps));
  app.action(HomeActionId.openPrep, homeOpenPrepCallback(deps));
}
