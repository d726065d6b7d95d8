import type { App } from '@slack/bolt';
import { ROUTINE_STEP_CALLBACK } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { routineStepClosedCallback } from './routine-step-closed.js';
import { routineStepSubmissionCallback } from './routine-step-submission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(
    { callback_id: ROUTINE_STEP_CALLBACK, type: 'view_submission' },
    routineStepSubmissionCallback(deps),
  );
  app.view({ callback_id: ROUTINE_STEP_CALLBACK, type: 'view_closed' }, routineStepClosedCallback(deps));
}
