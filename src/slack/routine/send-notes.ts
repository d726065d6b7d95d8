// Posts a finished rejection's feedback notes, each as its own DM (after the summary, and again
// after "I didn't send it"). The notes are saved first, so each Mark as sent has a record to
// mark: the store, not the message, is the source of truth for "sent".

import type { webApi } from '@slack/bolt';
import { draftFeedbackRequests, type FeedbackRequest } from '../../domain/feedback-requests.js';
import { normalizeAnswers } from '../../domain/routine.js';
import type { FeedbackNote, Rejection, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { buildNoteMessage } from './note-message.js';

export interface DraftedNote {
  request: FeedbackRequest;
  note: FeedbackNote;
}

/** The notes as drafted now (signed with the Slack profile name) beside their stored records. */
export async function draftNotes(
  client: webApi.WebClient,
  deps: ListenerDeps,
  scope: UserScope,
  rejection: Rejection,
): Promise<DraftedNote[]> {
  const signature = await deps.profileNames.signature(client, scope, deps.clock());
  const requests = draftFeedbackRequests(rejection.answers, { signature });
  if (requests.length === 0) return [];
  const notes = await deps.store.saveFeedbackNotes(
    scope,
    rejection.id,
    requests.map((request) => request.audience),
    deps.clock(),
  );
  return requests.flatMap((request) => {
    const note = notes.find((candidate) => candidate.audience === request.audience);
    return note ? [{ request, note }] : [];
  });
}

/** One DM per note, in order. */
export async function postNotes(
  client: webApi.WebClient,
  deps: ListenerDeps,
  rejection: Rejection,
  drafted: DraftedNote[],
): Promise<void> {
  if (drafted.length === 0) return;
  const company = normalizeAnswers(rejection.answers).company;
  const settings = await deps.store.getPrivacySettings(rejection.scope);
  for (const { request, note } of drafted) {
    await client.chat.postMessage({
      channel: rejection.scope.userId,
      ...buildNoteMessage({ request, note, company, settings }),
    });
  }
}

/**
 * After the summary: a reason the employer already gave is kept as their feedback, then each
 * note goes as its own DM. Failures are logged by code; the routine itself is saved.
 */
export async function sendNotes(
  client: webApi.WebClient,
  deps: ListenerDeps,
  scope: UserScope,
  rejection: Rejection,
): Promise<void> {
  try {
    const reason = normalizeAnswers(rejection.answers).reasonGiven;
    if (reason !== undefined) {
      await deps.store.addEntry(
        scope,
        rejection.id,
        { kind: 'feedback', received: true, text: reason },
        deps.clock(),
      );
    }
    await postNotes(client, deps, rejection, await draftNotes(client, deps, scope, rejection));
  } catch (error) {
    deps.logger.error('The feedback notes could not be sent:', errorCode(error));
  }
}
