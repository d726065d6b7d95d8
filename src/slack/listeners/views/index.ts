import type { App } from '@slack/bolt';
import { NudgeCallbackId, PrivacyCallbackId, ROUTINE_STEP_CALLBACK } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { deleteConfirmCallback } from './delete-confirm.js';
import {
  feedbackSubmissionCallback,
  reflectSubmissionCallback,
  tweakSubmissionCallback,
} from './nudge-forms.js';
import { routineStepClosedCallback } from './routine-step-closed.js';
import { routineStepSubmissionCallback } from './routine-step-submission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(
    { callback_id: ROUTINE_STEP_CALLBACK, type: 'view_submission' },
    routineStepSubmissionCallback(deps),
  );
  app.view({ callback_id: ROUTINE_STEP_CALLBACK, type: 'view_closed' }, routineStepClosedCallback(deps));
  app.view(NudgeCallbackId.reflect, reflectSubmissionCallback(deps));
  app.view(NudgeCallbackId.tweak, tweakSubmissionCallback(deps));
  app.view(NudgeCallbackId.feedback, feedbackSubmissionCallback(deps));
  app.view(PrivacyCallbackId.deleteConfirm, deleteConfirmCallback(deps));
}
