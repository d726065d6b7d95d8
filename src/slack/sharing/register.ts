import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { ShareActionId, ShareCallbackId } from '../platform/ids.js';
import { composeSubmissionCallback } from './compose-submission.js';
import { openShareCallback } from './open-share.js';
import { previewSubmissionCallback } from './preview-submission.js';
import { stopSharingCallback } from './stop-sharing.js';

/** *Share with…* → who and what → preview → Share; and *Stop sharing*. */
export function register(app: App, deps: ListenerDeps): void {
  app.action(ShareActionId.open, openShareCallback(deps));
  app.view(ShareCallbackId.compose, composeSubmissionCallback(deps));
  app.view(ShareCallbackId.preview, previewSubmissionCallback(deps));
  app.action(ShareActionId.stop, stopSharingCallback(deps));
}
