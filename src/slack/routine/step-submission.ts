// A routine step was submitted. Everything is saved before we answer, so nothing typed is
// lost if the store is down: then the modal stays open with a kind error on the form.
// Steps advance with response_action "update" (Slack's view stack holds only 3 views).

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { getStep, normalizeAnswers, STEP_COUNT } from '../../domain/routine.js';
import { submitStep } from '../../domain/step-submission.js';
import type { Rejection, StepNumber, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import { publishHome } from '../home/publish-home.js';
import type { ListenerDeps } from '../platform/deps.js';
import { alreadyFinishedText, storeDownText } from '../platform/errors-message.js';
import { ROUTINE_STEP_CALLBACK } from '../platform/ids.js';
import { decodeDraftMetadata } from '../platform/private-metadata.js';
import { scopeFromContext } from '../platform/scope.js';
import { withShareEntry } from '../sharing/share-entry.js';
import { readStepAnswers } from './parse-step.js';
import { type DraftedNote, draftNotes, postNotes } from './send-notes.js';
import { stepViewForDraft } from './step-modal.js';
import { buildSummaryMessage } from './summary-message.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function stepFromCallbackId(callbackId: string): StepNumber | null {
  const match = ROUTINE_STEP_CALLBACK.exec(callbackId);
  return match ? (Number(match[1]) as StepNumber) : null;
}

type ViewReply = Parameters<Args['ack']>[0];

export function routineStepSubmissionCallback(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const step = stepFromCallbackId(view.callback_id);
    const metadata = decodeDraftMetadata(view.private_metadata);
    const firstField = step ? getStep(step).fields[0]?.id : undefined;
    if (!step || !metadata || !firstField) {
      deps.logger.warn('Ignored a routine submission with unreadable metadata');
      await ack();
      return;
    }
    const formError = (text: string): ViewReply => ({
      response_action: 'errors',
      errors: { [firstField]: text },
    });
    const scope = scopeFromContext(context);
    const now = deps.clock();

    // Decide and save first, answer once: the reply depends on whether the save worked.
    let reply: ViewReply;
    let finished: Rejection | null = null;
    let followUpAt: Date | null = null;
    try {
      const draft = await deps.store.getRejection(scope, metadata.draftId);
      // The timezone matters only when the routine finishes (the follow-ups' local times).
      const tz = step === STEP_COUNT ? await deps.timeZones.cached(scope) : null;
      const outcome =
        draft?.status === 'draft'
          ? submitStep(step, draft.answers, readStepAnswers(step, view.state.values), {
              now,
              tz,
              startedAt: draft.createdAt,
            })
          : null;
      if (!draft || !outcome) {
        reply = formError(alreadyFinishedText());
      } else if (outcome.kind === 'invalid') {
        reply = { response_action: 'errors', errors: outcome.errors as Record<string, string> };
      } else if (outcome.kind === 'next') {
        const saved = await deps.store.saveDraft(scope, draft.id, outcome.step, outcome.answers, now);
        reply = { response_action: 'update', view: await stepViewForDraft(deps, scope, saved, outcome.step) };
      } else {
        const done = await deps.store.completeRejection(
          scope,
          draft.id,
          outcome.answers,
          outcome.followUps,
          now,
        );
        finished = done.rejection;
        followUpAt = done.followUps.find((followUp) => followUp.kind === 'action_check')?.dueAt ?? null;
        reply = undefined; // an empty ack closes the modal
      }
    } catch (error) {
      // store_conflict: submitted twice (double click, two windows) and the other one won.
      const conflict = isReboundError(error, ErrorCode.StoreConflict);
      if (!conflict) deps.logger.error(`Routine step ${step} could not be saved:`, errorCode(error));
      reply = formError(conflict ? alreadyFinishedText() : storeDownText());
    }
    await ack(reply);

    if (finished) {
      await sendSummary(client, deps, scope, body.user.id, finished, followUpAt);
      await publishHome(client, deps, scope);
    }
  };
}

/**
 * The summary, then each note as its own DM. A reason the employer already gave is kept as
 * their feedback. Each part is logged by code if it fails; the routine itself is saved.
 */
async function sendSummary(
  client: Args['client'],
  deps: ListenerDeps,
  scope: UserScope,
  userId: string,
  finished: Rejection,
  followUpAt: Date | null,
): Promise<void> {
  let drafted: DraftedNote[] = [];
  try {
    const reason = normalizeAnswers(finished.answers).reasonGiven;
    if (reason !== undefined) {
      await deps.store.addEntry(
        scope,
        finished.id,
        { kind: 'feedback', received: true, text: reason },
        deps.clock(),
      );
    }
    drafted = await draftNotes(client, deps, scope, finished);
  } catch (error) {
    deps.logger.error('The feedback notes could not be saved:', errorCode(error));
  }
  try {
    await client.chat.postMessage({
      channel: userId,
      ...withShareEntry(
        buildSummaryMessage({
          rejection: finished,
          feedbackRequests: drafted.map((one) => one.request),
          followUpAt,
        }),
        finished.id,
      ),
    });
    await postNotes(client, userId, finished, drafted);
  } catch (error) {
    deps.logger.error('The summary DM could not be sent:', errorCode(error));
  }
}
