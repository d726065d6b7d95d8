// A routine step was submitted. Everything is saved before we answer, so nothing typed is
// lost if the store is down: then the modal stays open with a kind error on the form.
// Steps advance with response_action "update" (Slack's view stack holds only 3 views).
// A save slower than Slack's 3 s gets a "saving…" answer in time and its outcome after.
// The last step stores the summary DM with the routine (an outbox) for the follow-up job.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { getStep, STEP_COUNT } from '../../domain/routine.js';
import { submitStep } from '../../domain/step-submission.js';
import type { Rejection, StepNumber, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import { refreshHome } from '../home/publish-home.js';
import { answerSubmission } from '../platform/answer.js';
import type { ModalView } from '../platform/block-kit.js';
import type { ListenerDeps } from '../platform/deps.js';
import { alreadyFinishedText, storeDownText } from '../platform/errors-message.js';
import { ROUTINE_STEP_CALLBACK } from '../platform/ids.js';
import { type DraftMetadata, decodeDraftMetadata } from '../platform/private-metadata.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { askedEmployedHere, readEmployedHere } from './employed-here-question.js';
import { readStepAnswers } from './parse-step.js';
import { finishedView, notSavedView, savingView, withNote } from './saving-views.js';
import { sendNotes } from './send-notes.js';
import { draftOfModal, stepViewForDraft, stepViewOf } from './step-modal.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function stepFromCallbackId(callbackId: string): StepNumber | null {
  const match = ROUTINE_STEP_CALLBACK.exec(callbackId);
  return match ? (Number(match[1]) as StepNumber) : null;
}

type ViewReply = Parameters<Args['ack']>[0];

/**
 * Slack waits 3 s for our answer. When the save is not done by then, we answer with a
 * "saving…" view and show what the save came to once it lands.
 */
export const ACK_DEADLINE_MS = 2300;

/** What a submission came to, decided and saved before we answer. */
interface Decision {
  reply: ViewReply;
  /** The step was saved and the next one shown. */
  advanced?: boolean;
  /** The routine is finished: its summary is stored, due at once. */
  finished: { summaryId: string | null; rejection: Rejection } | null;
  /** The store failed (not a conflict): worth one more try once we have answered. */
  storeFailed: boolean;
  /** The database is up but cancelled a statement that waited too long: try again at once. */
  storeBusy?: boolean;
  /** The step again with what was just typed, for when a late save fails. */
  retryView?: ModalView;
}

export function routineStepSubmissionCallback(deps: ListenerDeps, ackDeadlineMs = ACK_DEADLINE_MS) {
  return async ({ ack, view, client, context }: Args): Promise<void> => {
    const step = stepFromCallbackId(view.callback_id);
    const metadata = decodeDraftMetadata(view.private_metadata);
    const firstField = step ? getStep(step).fields[0]?.id : undefined;
    if (!step || !metadata || !firstField) {
      deps.logger.warn('Ignored a routine submission with unreadable metadata');
      await answer(deps, ack, undefined);
      return;
    }
    const scope = scopeFromContext(context);
    const decide = () => decideAndSave(deps, { step, firstField, metadata, view, scope });

    // Decide and save first, answer once: the reply depends on whether the save worked.
    const work = decide();
    const early = await withinDeadline(work, ackDeadlineMs);
    let decision: Decision;
    if (early.done && !early.value.storeBusy) {
      decision = early.value;
      await answer(deps, ack, decision.reply);
    } else {
      // Slow, or a database that is up but busy: say "saving…" now, show the outcome after.
      await answer(deps, ack, { response_action: 'update', view: savingView() });
      decision = early.done ? early.value : await work;
      // Nobody waits on Slack's 3 s any more: a store that failed gets one more try.
      if (decision.storeFailed) decision = await decide();
      await showLate(deps, client, view.id, decision);
    }

    // Step 4's follow-up picker needs their timezone: fetch it (when a day old) while they
    // answer steps 2 and 3; step-modal.ts waits for a fetch still under way. (A resumed draft
    // had it fetched when the routine was opened: open-routine.ts.)
    if (step === 1 && decision.advanced) await deps.timeZones.current(client, scope, deps.clock());

    if (decision.finished) {
      // The summary was stored with the routine; the follow-up job sends it exactly once,
      // now if it can, else on its next tick (also after a crash right here).
      if (decision.finished.summaryId) await deps.sendFollowUpNow?.(decision.finished.summaryId);
      // Then each drafted note as its own DM, ready to use (send-notes.ts).
      await sendNotes(client, deps, scope, decision.finished.rejection);
      await refreshHome(client, deps, scope);
    }
  };
}

async function decideAndSave(
  deps: ListenerDeps,
  input: {
    step: StepNumber;
    firstField: string;
    metadata: DraftMetadata;
    view: Args['view'];
    scope: UserScope;
  },
): Promise<Decision> {
  const { step, firstField, view, scope } = input;
  const formError = (text: string): ViewReply => ({
    response_action: 'errors',
    errors: { [firstField]: text },
  });
  const now = deps.clock();
  // For a save that fails: the step again, with what was just typed. Built only then, and from
  // what is already at hand (no store read), since the store may be what failed.
  let retryView = (): ModalView | undefined => undefined;
  try {
    const found = await draftOfModal(deps, scope, input.metadata, step, now);
    const draft = found?.draft ?? null;
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
    if (draft && outcome && outcome.kind !== 'invalid') {
      const { answers } = outcome;
      retryView = () =>
        stepViewOf({ ...draft, answers }, step, {
          unsaved: found?.stored === false,
          tz,
          now,
          // Asked again if it was asked in the view they submitted.
          askEmployedHere: askedEmployedHere(view),
        });
    }
    if (!draft || !outcome)
      return { reply: formError(alreadyFinishedText()), finished: null, storeFailed: false };
    if (outcome.kind === 'invalid') {
      const reply: ViewReply = {
        response_action: 'errors',
        errors: outcome.errors as Record<string, string>,
      };
      return { reply, finished: null, storeFailed: false };
    }
    if (outcome.kind === 'next') {
      // Asked once, on step 1: searching while employed here? Skipped, it is asked again.
      const employedHere = step === 1 ? readEmployedHere(view.state.values) : null;
      if (employedHere !== null) await deps.store.savePrivacySettings(scope, { employedHere }, now);
      // A new step 1's first save creates its draft, under the id its modal carries.
      const saved = found?.stored
        ? await deps.store.saveDraft(scope, draft.id, outcome.step, outcome.answers, now)
        : await deps.store.createDraft(scope, outcome.answers, now, { id: draft.id, step: outcome.step });
      const reply: ViewReply = {
        response_action: 'update',
        view: await stepViewForDraft(deps, scope, saved, outcome.step),
      };
      return { reply, advanced: true, finished: null, storeFailed: false };
    }
    const done = await deps.store.completeRejection(scope, draft.id, outcome.answers, outcome.followUps, now);
    const summaryId = done.followUps.find((followUp) => followUp.kind === 'summary')?.id ?? null;
    // An empty ack closes the modal.
    return { reply: undefined, finished: { summaryId, rejection: done.rejection }, storeFailed: false };
  } catch (error) {
    // store_conflict: submitted twice (double click, two windows) and the other one won.
    const conflict = isReboundError(error, ErrorCode.StoreConflict);
    if (!conflict) deps.logger.error(`Routine step ${step} could not be saved:`, errorCode(error));
    const retry = retryView();
    return {
      reply: formError(conflict ? alreadyFinishedText() : storeDownText()),
      finished: null,
      storeFailed: !conflict,
      storeBusy: isReboundError(error, ErrorCode.StoreBusy),
      ...(retry ? { retryView: retry } : {}),
    };
  }
}

/** Answers Slack; an answer that can no longer be sent must not stop the work after it. */
function answer(deps: ListenerDeps, ack: Args['ack'], reply: ViewReply): Promise<void> {
  return answerSubmission(ack, reply, deps.logger, 'A step submission');
}

/** After a "saving…" answer: the next step, "all saved", or the step again to retry. */
async function showLate(deps: ListenerDeps, client: Args['client'], viewId: string, decision: Decision) {
  const reply = decision.reply;
  const note = reply?.response_action === 'errors' ? firstError(reply) : storeDownText();
  const view: ModalView =
    reply === undefined
      ? finishedView()
      : reply.response_action === 'update' && reply.view
        ? (reply.view as ModalView)
        : decision.retryView
          ? withNote(decision.retryView, note)
          : notSavedView(note);
  try {
    await client.views.update({ view_id: viewId, view: viewPayload(view) });
  } catch (error) {
    deps.logger.warn('A slow step submission could not show its outcome:', errorCode(error));
  }
}

function firstError(reply: { errors?: Record<string, string> }): string {
  return Object.values(reply.errors ?? {})[0] ?? storeDownText();
}

async function withinDeadline<T>(
  work: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
