import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { ActionId, NoteActionId, ROUTINE_STEP_CALLBACK } from '../platform/ids.js';
import { backCallback } from './back.js';
import { linkedInCallback, markSentCallback, openEmailCallback } from './note-buttons.js';
import { resumeDraftCallback, startFreshCallback } from './resume-draft.js';
import { routineStepClosedCallback } from './step-closed.js';
import { routineStepSubmissionCallback } from './step-submission.js';

/** The four steps, Back, "pick up where you left off?" and the feedback notes' buttons. `/rejected` itself is in command/. */
export function register(app: App, deps: ListenerDeps): void {
  app.view(
    { callback_id: ROUTINE_STEP_CALLBACK, type: 'view_submission' },
    routineStepSubmissionCallback(deps),
  );
  app.view({ callback_id: ROUTINE_STEP_CALLBACK, type: 'view_closed' }, routineStepClosedCallback(deps));
  app.action(ActionId.back, backCallback(deps));
  app.action(ActionId.resumeDraft, resumeDraftCallback(deps));
  app.action(ActionId.startFresh, startFreshCallback(deps));
  app.action(NoteActionId.markSent, markSentCallback(deps));
  app.action(NoteActionId.linkedIn, linkedInCallback(deps));
  app.action(NoteActionId.openEmail, openEmailCallback());
}
