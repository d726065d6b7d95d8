// The shape every follow-up modal's submission shares. Everything is saved before we answer, so
// nothing typed is lost if the store is down: the modal then stays open with a kind error.
// Once saved, the follow-up is marked answered and its DM loses its buttons. If the follow-up was
// answered meanwhile (another device, "I'm done"), what they wrote is still kept. Home is
// refreshed either way: what they wrote shows there.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { NewFollowUp, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import { refreshHome } from '../home/publish-home.js';
import { answerSubmission } from '../platform/answer.js';
import type { ListenerDeps } from '../platform/deps.js';
import { storeDownText } from '../platform/errors-message.js';
import { scopeFromContext } from '../platform/scope.js';
import { type LoadedFollowUp, loadFollowUp, showChoice } from './loaded-follow-up.js';
import type { FollowUpChoice } from './message.js';
import { decodeFollowUpMetadata } from './refs.js';
import { CHECK_IN_CLOSED_TEXT } from './replies.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
type ViewReply = Parameters<Args['ack']>[0];

export interface FollowUpSubmission {
  deps: ListenerDeps;
  client: Args['client'];
  scope: UserScope;
  loaded: LoadedFollowUp;
  now: Date;
  values: ViewSubmitAction['view']['state']['values'];
}

/**
 * Errors to show on the form (keyed by block_id), or the choice that was saved and the
 * follow-ups that come after it (stored as the answered one is closed).
 */
export type SubmissionOutcome =
  | { errors: Record<string, string> }
  | { choice: FollowUpChoice; next?: NewFollowUp[] };

export function followUpSubmissionCallback(spec: {
  name: string;
  /** Where a form-wide error (store down, follow-up gone) is shown. */
  errorBlock: string;
  save(submission: FollowUpSubmission): Promise<SubmissionOutcome>;
}) {
  return (deps: ListenerDeps) =>
    async ({ ack, view, client, context }: Args): Promise<void> => {
      const metadata = decodeFollowUpMetadata(view.private_metadata);
      if (!metadata) {
        deps.logger.warn(`Ignored a ${spec.name} submission with unreadable metadata`);
        await ack();
        return;
      }
      const formError = (text: string): ViewReply => ({
        response_action: 'errors',
        errors: { [spec.errorBlock]: text },
      });
      const scope = scopeFromContext(context);
      const now = deps.clock();

      let reply: ViewReply;
      let saved: { loaded: LoadedFollowUp; choice: FollowUpChoice; next: NewFollowUp[] } | null = null;
      try {
        const loaded = await loadFollowUp(deps.store, scope, metadata.followUpId);
        const outcome = loaded
          ? await spec.save({ deps, client, scope, loaded, now, values: view.state.values })
          : null;
        if (!loaded || !outcome) reply = formError(CHECK_IN_CLOSED_TEXT);
        else if ('errors' in outcome) reply = { response_action: 'errors', errors: outcome.errors };
        else {
          saved = { loaded, choice: outcome.choice, next: outcome.next ?? [] };
          reply = undefined; // an empty ack closes the modal
        }
      } catch (error) {
        deps.logger.error(
          `Follow-up ${spec.name} for follow-up ${metadata.followUpId} could not be saved:`,
          errorCode(error),
        );
        reply = formError(storeDownText());
      }
      // A slow store may have made us late: the DM and Home are still brought up to date.
      await answerSubmission(ack, reply, deps.logger, `A ${spec.name} submission`);
      if (saved) {
        await closeFollowUp(deps, client, scope, saved);
        await refreshHome(client, deps, scope);
      }
    };
}

async function closeFollowUp(
  deps: ListenerDeps,
  client: Args['client'],
  scope: UserScope,
  { loaded, choice, next }: { loaded: LoadedFollowUp; choice: FollowUpChoice; next: NewFollowUp[] },
): Promise<void> {
  try {
    await deps.store.answerFollowUp(scope, loaded.followUp.id, next, deps.clock());
  } catch (error) {
    // Answered meanwhile: the DM already says how, and what they wrote is saved.
    if (!isReboundError(error, ErrorCode.StoreConflict)) {
      deps.logger.error(`Follow-up ${loaded.followUp.id} could not be closed:`, errorCode(error));
    }
    return;
  }
  await showChoice(client, deps, loaded, choice);
}
