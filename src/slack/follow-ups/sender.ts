// Slack side of follow-up delivery. Each DM carries the follow-up id in message metadata,
// so after a crash or an ambiguous failure we can ask Slack whether it was already posted
// (conversations.history needs the im:history scope) instead of guessing. Both calls answer
// with the job's typed outcomes; nothing here throws.

import type { types, webApi } from '@slack/bolt';
import type { FollowUp } from '../../domain/types.js';
import type {
  Delivery,
  DmMessage,
  FollowUpSender,
  LookupOutcome,
  SendOutcome,
} from '../../jobs/follow-up-job.js';
import { classifyLookupFailure, classifySlackFailure } from '../platform/slack-failure.js';

export const FOLLOW_UP_EVENT_TYPE = 'rebound_follow_up';
/** Our clock and Slack's may disagree; a miss here would mean a duplicate DM. */
const CLOCK_SKEW_MARGIN_MS = 60 * 60 * 1000;
/** A person's DM with the bot since the first attempt is short; this bounds a runaway. */
const MAX_HISTORY_PAGES = 20;

export function createFollowUpSender(client: webApi.WebClient): FollowUpSender {
  return {
    async send(followUp: FollowUp, message: DmMessage): Promise<SendOutcome> {
      try {
        return { kind: 'delivered', delivery: await post(client, followUp, message) };
      } catch (error) {
        return classifySlackFailure(error);
      }
    },

    async findDelivered(followUp: FollowUp): Promise<LookupOutcome> {
      try {
        const found = await lookUp(client, followUp);
        return found ? { kind: 'found', delivery: found } : { kind: 'not_found' };
      } catch (error) {
        return classifyLookupFailure(error);
      }
    },
  };
}

async function lookUp(client: webApi.WebClient, followUp: FollowUp): Promise<Delivery | null> {
  const opened = await client.conversations.open({ users: followUp.scope.userId });
  const channelId = opened.channel?.id;
  if (!channelId) return null;
  // Nothing can have been posted before the first attempt; older rows have their creation time.
  const since = (followUp.sendStartedAt ?? followUp.createdAt).getTime() - CLOCK_SKEW_MARGIN_MS;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
    const history = await client.conversations.history({
      channel: channelId,
      oldest: String(Math.max(0, since) / 1000),
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    const match = history.messages?.find(
      (message) =>
        message.metadata?.event_type === FOLLOW_UP_EVENT_TYPE &&
        (message.metadata.event_payload as { follow_up_id?: unknown } | undefined)?.follow_up_id ===
          followUp.id,
    );
    if (match?.ts) return { channelId, messageTs: match.ts };
    cursor = history.response_metadata?.next_cursor || undefined;
    if (!history.has_more || !cursor) return null;
  }
  throw new Error('conversations.history: too many pages');
}

async function post(client: webApi.WebClient, followUp: FollowUp, message: DmMessage): Promise<Delivery> {
  const result = await client.chat.postMessage({
    channel: followUp.scope.userId,
    text: message.text,
    blocks: message.blocks as types.KnownBlock[],
    metadata: { event_type: FOLLOW_UP_EVENT_TYPE, event_payload: { follow_up_id: followUp.id } },
    unfurl_links: false,
  } as webApi.ChatPostMessageArguments);
  if (!result.channel || !result.ts) throw new Error('chat.postMessage returned no channel or ts');
  return { channelId: result.channel, messageTs: result.ts };
}
