// The message shortcut "Work through rejection", used on the message that brought the news.
// Step 1 opens with what the message suggests offered, never assumed: a company guess in the
// company field, and the sender (a person in the workspace) as someone the person may add as
// their contact or recruiter. The message's text is read here and goes no further: not into
// the store, not into a log line, not into the modal.

import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs, webApi } from '@slack/bolt';
import { guessCompany } from '../../domain/company-guess.js';
import { NAME_MAX } from '../../domain/steps.js';
import { errorCode } from '../../error-code.js';
import { withinMs } from '../platform/deadline.js';
import type { ListenerDeps } from '../platform/deps.js';
import { OPEN_FAILED_TEXT } from '../platform/errors-message.js';
import { truncate } from '../platform/mrkdwn.js';
import { scopeFromContext } from '../platform/scope.js';
import { openRoutine } from '../routine/open-routine.js';
import { offeredStepView } from './offer-view.js';

type Args = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

/** users.info must not eat the trigger's 3 s: past this the modal opens without the sender. */
const SENDER_LOOKUP_MS = 1000;

/** The sender's name when they are a person (not a bot, not deactivated); null otherwise. */
async function personName(
  client: webApi.WebClient,
  userId: string,
  deps: ListenerDeps,
): Promise<string | null> {
  const lookup = client.users
    .info({ user: userId })
    .then(({ user }) => {
      if (!user || user.is_bot || user.deleted || user.id === 'USLACKBOT') return null;
      const name = user.profile?.real_name || user.real_name || user.profile?.display_name || user.name;
      return name ? truncate(name.trim(), NAME_MAX, '') || null : null;
    })
    .catch((error: unknown) => {
      deps.logger.warn('Could not look up who sent the message:', errorCode(error));
      return null;
    });
  return withinMs(lookup, SENDER_LOOKUP_MS, null);
}

export function workThroughMessageCallback(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context, respond }: Args): Promise<void> => {
    await ack();
    const scope = scopeFromContext(context);
    const { message } = shortcut;
    const company = guessCompany(typeof message.text === 'string' ? message.text : '');
    const senderId = typeof message.user === 'string' && !message.bot_id ? message.user : undefined;
    const sender =
      senderId === undefined || senderId === scope.userId ? null : await personName(client, senderId, deps);
    await openRoutine({
      deps,
      client,
      scope,
      triggerId: shortcut.trigger_id,
      firstStepView: (draft) => offeredStepView(deps, scope, draft, { company, sender }),
      onFailure: () =>
        respond({ response_type: 'ephemeral', text: OPEN_FAILED_TEXT })
          .then(() => {})
          .catch((error: unknown) => deps.logger.warn('Could not say so:', errorCode(error))),
    });
    await deps.teamInstalls.note(context);
  };
}
