// Slack side of follow-up delivery. Each DM carries the follow-up id in message metadata,
// so after a crash or an ambiguous failure we can ask Slack whether it was already posted
// (conversations.history needs the im:history scope) instead of guessing.

import type { types, webApi } from '@slack/bolt';
import type { FollowUp } from '../../domain/types.js';
import type { Delivery, DmMessage, FollowUpSender, SendOutcome } from '../../jobs/follow-up-job.js';
import { classifySlackFailure } from '../platform/slack-failure.js';

export const FOLLOW_UP_EVENT_TYPE = 'rebound_follow_up';
const HISTORY_MARGIN_MS = 7 * 24 * 60 * 60 * 1000;

export function createFollowUpSender(client: webApi.WebClient): FollowUpSender {
  return {
    async send(followUp: FollowUp, message: DmMessage): Promise<SendOutcome> {
      try {
        return { kind: 'delivered', delivery: await post(client, followUp, message) };
      } catch (error) {
        return classifySlackFailure(error);
      }
    },

    async findDelivered(followUp: FollowUp): Promise<Delivery | null> {
      const opened = await client.conversations.open({ users: followUp.scope.userId });
      const channelId = opened.channel?.id;
      if (!channelId) return null;
      const history = await client.conversations.history({
        channel: channelId,
        // A week's margin: our clock and Slack's may disagree, and a miss here means a duplicate DM.
        oldest: String((followUp.createdAt.getTime() - HISTORY_MARGIN_MS) / 1000),
        include_all_metadata: true,
        limit: 200,
      });
      const match = history.messages?.find(
        (message) =>
          message.metadata?.event_type === FOLLOW_UP_EVENT_TYPE &&
          (message.metadata.event_payload as { follow_up_id?: unknown } | undefined)?.follow_up_id ===
            followUp.id,
      );
      return match?.ts ? { channelId, messageTs: match.ts } : null;
    },
  };
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
