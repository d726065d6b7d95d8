// The buttons under a drafted feedback note. "Mark as sent" records it in the store and, in the
// same transaction, schedules "did you hear back?" about five working days later on the
// person's clock; the note's DM then shows when we'll ask in place of its buttons. "LinkedIn
// version" opens the 300-character note to copy. "Open in email" is a mailto: link: Slack
// still sends the click, which only needs acknowledging.

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { draftFeedbackRequests } from '../../domain/feedback-requests.js';
import { feedbackCheckDueAt } from '../../domain/follow-up-rules.js';
import { normalizeAnswers } from '../../domain/routine.js';
import type { UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import { FOLLOW_UP_FAILED_TEXT, FOLLOW_UP_SLOW_TEXT } from '../follow-ups/replies.js';
import { refreshHome } from '../home/publish-home.js';
import { type KnownBlock, modal, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import type { ListenerDeps } from '../platform/deps.js';
import { NoteBlockId } from '../platform/ids.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { linkedInText, noteNaming, sentLine } from './note-message.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export const NOTE_ALREADY_SENT_TEXT = 'This note is already marked as sent, so nothing changed.';

const MAX_ID = 100;

function noteId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID ? value : null;
}

async function tell(args: Args, deps: ListenerDeps, text: string): Promise<void> {
  try {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    deps.logger.warn('A note button: the private reply could not be sent:', errorCode(error));
  }
}

/** Acknowledges, then hands on the note id the button carries; a malformed one is ignored. */
function noteButton(handle: (args: Args, id: string, scope: UserScope) => Promise<void>) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const id = noteId(args.action.value);
    if (id) await handle(args, id, scopeFromContext(args.context));
  };
}

export function markSentCallback(deps: ListenerDeps) {
  return noteButton(async (args, id, scope) => {
    const { body, client } = args;
    const now = deps.clock();
    try {
      const note = await deps.store.findFeedbackNote(scope, id);
      const rejection = note ? await deps.store.getRejection(scope, note.rejectionId) : null;
      if (!note || rejection?.status !== 'complete') return;
      const tz = await deps.timeZones.current(client, scope, now);
      const marked = await deps.store.markFeedbackNoteSent(
        scope,
        id,
        { kind: 'feedback_check', dueAt: feedbackCheckDueAt(now, tz) },
        now,
      );
      // A second note of the same rejection: the check already planned covers both.
      const checkAt =
        marked.followUp?.dueAt ??
        (await deps.store.listFollowUps(scope, { rejectionId: rejection.id, status: 'pending' })).find(
          (followUp) => followUp.kind === 'feedback_check' || followUp.kind === 'feedback_recheck',
        )?.dueAt ??
        null;
      const channel = body.container?.channel_id ?? body.channel?.id;
      const ts = body.container?.message_ts ?? body.message?.ts;
      const blocks = (body.message?.blocks ?? []) as KnownBlock[];
      if (channel && ts) {
        try {
          const settings = await deps.store.getPrivacySettings(scope);
          const naming = noteNaming(normalizeAnswers(rejection.answers).company, settings);
          await client.chat.update({
            channel,
            ts,
            text: naming.text,
            blocks: [
              ...blocks.filter((block) => block.block_id !== NoteBlockId.actions),
              mrkdwnContext(sentLine(naming.company, checkAt)),
            ],
          });
        } catch (error) {
          deps.logger.warn(`Note ${id}: the DM could not be updated:`, errorCode(error));
        }
      }
      await refreshHome(client, deps, scope);
    } catch (error) {
      if (isReboundError(error, ErrorCode.StoreConflict)) {
        await tell(args, deps, NOTE_ALREADY_SENT_TEXT);
        return;
      }
      deps.logger.error(`Mark as sent on note ${id} failed:`, errorCode(error));
      await tell(args, deps, FOLLOW_UP_FAILED_TEXT);
    }
  });
}

export const LinkedInModalText = {
  title: 'LinkedIn version',
  close: 'Close',
  intro: 'The same note in 300 characters or fewer, to paste into a LinkedIn message:',
} as const;

export function linkedInCallback(deps: ListenerDeps) {
  return noteButton(async (args, id, scope) => {
    const { body, client } = args;
    try {
      const note = await deps.store.findFeedbackNote(scope, id);
      const rejection = note ? await deps.store.getRejection(scope, note.rejectionId) : null;
      if (!note || !rejection) return;
      const signature = await deps.profileNames.signature(client, scope, deps.clock());
      const request = draftFeedbackRequests(rejection.answers, { signature }).find(
        (candidate) => candidate.audience === note.audience,
      );
      if (!request) return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: viewPayload(
          modal({
            title: LinkedInModalText.title,
            close: LinkedInModalText.close,
            blocks: [mrkdwnSection(LinkedInModalText.intro), mrkdwnSection(linkedInText(request))],
          }),
        ),
      });
    } catch (error) {
      deps.logger.warn(`LinkedIn version of note ${id} did not open:`, errorCode(error));
      await tell(args, deps, FOLLOW_UP_SLOW_TEXT);
    }
  });
}

/** "Open in email" opens the person's mail app by its url; the click itself needs only an ack. */
export function openEmailCallback() {
  return async ({ ack }: Args): Promise<void> => {
    await ack();
  };
}
