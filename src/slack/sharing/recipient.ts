// Who may get a shared note: a person, active, and not the one sharing. Anything else gets
// a kind note on the form instead of a message nobody would read.

import type { webApi } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import { withinMs } from '../platform/deadline.js';
import type { ListenerDeps } from '../platform/deps.js';

/** The form's answer must reach Slack within 3 s; past this the person is asked to try again. */
const LOOKUP_MS = 1500;

export const SHARE_WITH_SELF_TEXT = 'That’s you. Pick the person you’d like to share it with.';
export const SHARE_WITH_BOT_TEXT = 'That’s an app, not a person, so it can’t read a note. Pick someone else.';
export const SHARE_WITH_INACTIVE_TEXT = 'That account isn’t active any more. Pick someone else.';
export const RECIPIENT_CHECK_FAILED_TEXT =
  'We couldn’t check that person just now. Please try again in a moment.';

/** Null when the note may go to `recipientId`; else what to tell the person sharing. */
export async function recipientProblem(
  client: webApi.WebClient,
  deps: ListenerDeps,
  recipientId: string,
  sharerId: string,
): Promise<string | null> {
  if (recipientId === sharerId) return SHARE_WITH_SELF_TEXT;
  try {
    const answer = await withinMs(client.users.info({ user: recipientId }), LOOKUP_MS, null);
    if (answer === null) {
      deps.logger.warn('Looking up who to share with took too long');
      return RECIPIENT_CHECK_FAILED_TEXT;
    }
    const { user } = answer;
    if (!user) return SHARE_WITH_INACTIVE_TEXT;
    if (user.is_bot || user.is_app_user || user.id === 'USLACKBOT') return SHARE_WITH_BOT_TEXT;
    if (user.deleted) return SHARE_WITH_INACTIVE_TEXT;
    return null;
  } catch (error) {
    const code = errorCode(error);
    deps.logger.warn('Could not look up who to share with:', code);
    return code === 'user_not_found' ? SHARE_WITH_INACTIVE_TEXT : RECIPIENT_CHECK_FAILED_TEXT;
  }
}
