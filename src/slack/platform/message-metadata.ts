// Every message Rebound posts carries message metadata naming it as Rebound's, so
// `/rejected delete` can find exactly Rebound's own messages in the DM (conversations.history
// with include_all_metadata) and remove them, and never anything the person wrote.

/** Follow-up DMs keep their own event type (follow-ups/sender.ts), which also starts so. */
export const REBOUND_EVENT_PREFIX = 'rebound_';
export const REBOUND_MESSAGE_EVENT_TYPE = 'rebound_message';

export type ReboundMessageKind = 'summary' | 'delete_done' | 'close_save_failed';

export function reboundMessageMetadata(kind: ReboundMessageKind) {
  return { event_type: REBOUND_MESSAGE_EVENT_TYPE, event_payload: { kind } };
}

/** True for metadata Rebound put on a message (any of its event types). */
export function isReboundMetadata(metadata: unknown): boolean {
  const eventType = (metadata as { event_type?: unknown } | undefined)?.event_type;
  return typeof eventType === 'string' && eventType.startsWith(REBOUND_EVENT_PREFIX);
}
