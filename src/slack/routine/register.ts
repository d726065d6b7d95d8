import type { App } from '@slack/bolt';
import type { StepNumber } from '../../domain/types.js';
import type { ListenerDeps } from '../platform/deps.js';
import { ActionId, routineStepCallbackId } from '../platform/ids.js';
import { backCallback } from './back.js';
import { resumeDraftCallback, startFreshCallback } from './resume-draft.js';
import { routineStepClosedCallback } from './step-closed.js';
import { routineStepSubmissionCallback } from './step-submission.js';

const STEPS: readonly StepNumber[] = [1, 2, 3, 4];

/** The four steps, Back, and "pick up where you left off?". `/rejected` itself is in command/. */
export function register(app: App, deps: ListenerDeps): void {
  // One exact callback_id per step (not a pattern), so each request is routed by a lookup.
  const submitted = routineStepSubmissionCallback(deps);
  const closed = routineStepClosedCallback(deps);
  for (const step of STEPS) {
    const callbackId = routineStepCallbackId(step);
    app.view({ callback_id: callbackId, type: 'view_submission' }, submitted);
    app.view({ callback_id: callbackId, type: 'view_closed' }, closed);
  }
  app.action(ActionId.back, backCallback(deps));
  app.action(ActionId.resumeDraft, resumeDraftCallback(deps));
  app.action(ActionId.startFresh, startFreshCallback(deps));
}
