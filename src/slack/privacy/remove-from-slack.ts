// After a person's records are deleted, what Rebound put in Slack goes too: the export files
// it uploaded (files.delete), any follow-up DM that was being posted at that very moment, and
// — if the person asked — every message Rebound posted in the DM, found by the message
// metadata Rebound puts on each (conversations.history with include_all_metadata needs
// im:history). A bot can delete only its own messages: what the person wrote stays.

import type { webApi } from '@slack/bolt';
import type { UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { isReboundMetadata } from '../platform/message-metadata.js';
import { JOB_CLIENT_TIMEOUT_MS } from '../platform/web-api-options.js';

const FOLLOW_UP_EVENT_TYPE = 'rebound_follow_up';
/** A send begun just before the delete lands within the job's client timeout; a little margin on top. */
export const IN_FLIGHT_SEND_MS = JOB_CLIENT_TIMEOUT_MS + 2_000;
const POLL_MS = 250;
const HISTORY_PAGE = 200;

export interface RemovalInput {
  scope: UserScope;
  /** Files Rebound uploaded for this person (exports). */
  fileIds: readonly string[];
  /** Follow-ups that were due or being sent when the records were deleted. */
  inFlightFollowUpIds: readonly string[];
  /** The person ticked "Also remove Rebound's messages". */
  removeMessages: boolean;
}

export interface RemovalReport {
  filesDeleted: number;
  messagesDeleted: number;
  /** What Slack refused or could not do (deleted by hand, or already gone). */
  filesLeft: number;
  messagesLeft: number;
}

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  files?: { id?: string }[];
}

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function fullHistory(client: webApi.WebClient, channel: string): Promise<HistoryMessage[]> {
  const messages: HistoryMessage[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.history({
      channel,
      include_all_metadata: true,
      limit: HISTORY_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    messages.push(...((page.messages ?? []) as HistoryMessage[]));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return messages;
}

function followUpIdOf(message: HistoryMessage): string | undefined {
  if (message.metadata?.event_type !== FOLLOW_UP_EVENT_TYPE) return undefined;
  const id = message.metadata.event_payload?.follow_up_id;
  return typeof id === 'string' ? id : undefined;
}

export async function removeFromSlack(
  client: webApi.WebClient,
  deps: Pick<ListenerDeps, 'logger' | 'inFlightSendMs'>,
  input: RemovalInput,
  sleep: Sleep = realSleep,
): Promise<RemovalReport> {
  const report: RemovalReport = { filesDeleted: 0, messagesDeleted: 0, filesLeft: 0, messagesLeft: 0 };
  const opened = await client.conversations.open({ users: input.scope.userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');

  // A follow-up DM being posted right now lands within the job's timeout: wait for it (or
  // the window to pass) so nothing arrives after the confirmation, and remove it.
  const waitingFor = new Set(input.inFlightFollowUpIds);
  const deadline = Date.now() + (deps.inFlightSendMs ?? IN_FLIGHT_SEND_MS);
  let history = await fullHistory(client, channel);
  const landed = () =>
    history.filter((message) => {
      const id = followUpIdOf(message);
      return id !== undefined && waitingFor.has(id);
    });
  while (waitingFor.size > landed().length && Date.now() < deadline) {
    await sleep(POLL_MS);
    history = await fullHistory(client, channel);
  }

  const uploaded = new Set(input.fileIds);
  const doomed = history.filter((message) => {
    if (!message.ts || !message.bot_id) return false;
    const late = followUpIdOf(message);
    if (late !== undefined && waitingFor.has(late)) return true;
    if (!input.removeMessages) return false;
    return (
      isReboundMetadata(message.metadata) || (message.files ?? []).some((file) => uploaded.has(file.id ?? ''))
    );
  });

  for (const fileId of input.fileIds) {
    try {
      await client.files.delete({ file: fileId });
      report.filesDeleted += 1;
    } catch (error) {
      // file_not_found: the person deleted it already, which is what they wanted.
      if (errorCode(error) !== 'file_not_found') {
        report.filesLeft += 1;
        deps.logger.warn('An export file could not be deleted from Slack:', errorCode(error));
      }
    }
  }
  for (const message of doomed) {
    try {
      await client.chat.delete({ channel, ts: message.ts as string });
      report.messagesDeleted += 1;
    } catch (error) {
      if (errorCode(error) !== 'message_not_found') {
        report.messagesLeft += 1;
        deps.logger.warn('A Rebound message could not be deleted from the DM:', errorCode(error));
      }
    }
  }
  return report;
}
