// A routine step was submitted. Everything is saved before we answer, so nothing typed is
// lost if the store is down: then the modal stays open with a kind error on the form.
// Steps advance with response_action "update" (Slack's view stack holds only 3 views).

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { draftFeedbackRequests } from '../../domain/feedback-requests.js';
import { getStep, STEP_COUNT } from '../../domain/routine.js';
import { submitStep } from '../../domain/step-submission.js';
import type { Rejection, StepNumber } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import { publishHome } from '../home/publish-home.js';
import type { ListenerDeps } from '../platform/deps.js';
import { alreadyFinishedText, storeDownText } from '../platform/errors-message.js';
import { ROUTINE_STEP_CALLBACK } from '../platform/ids.js';
import { reboundMessageMetadata } from '../platform/message-metadata.js';
import { decodeDraftMetadata } from '../platform/private-metadata.js';
import { scopeFromContext } from '../platform/scope.js';
import { withShareEntry } from '../sharing/share-entry.js';
import { readEmployedHere } from './employed-here-question.js';
import { readStepAnswers } from './parse-step.js';
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
        const employedHere = step === 1 ? readEmployedHere(view.state.values) : null;
        if (employedHere !== null) await deps.store.savePrivacySettings(scope, { employedHere }, now);
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
        followUpAt = done.followUps.find((followUp) => followUp.kind === 'reflect')?.dueAt ?? null;
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
      try {
        const settings = await deps.store.getPrivacySettings(scope);
        await client.chat.postMessage({
          channel: body.user.id,
          ...withShareEntry(
            buildSummaryMessage({
              rejection: finished,
              feedbackRequests: draftFeedbackRequests(finished.answers),
              followUpAt,
              settings,
            }),
            finished.id,
          ),
          metadata: reboundMessageMetadata('summary'),
        });
      } catch (error) {
        deps.logger.error('The summary DM could not be sent:', errorCode(error));
      }
      await publishHome(client, deps, scope);
    }
  };
}
