// Deletes shared notes from the recipients' DMs. A note already gone (deleted by hand, or
// its DM closed) counts as deleted; anything else is reported by code and left recorded.

import type { webApi } from '@slack/bolt';
import type { Share } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';

const ALREADY_GONE = new Set(['message_not_found', 'channel_not_found']);

/** True when the note is no longer in the recipient's DM. */
export async function deleteSharedNote(
  client: webApi.WebClient,
  deps: ListenerDeps,
  share: Share,
): Promise<boolean> {
  try {
    await client.chat.delete({ channel: share.channelId, ts: share.messageTs });
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (ALREADY_GONE.has(code)) return true;
    deps.logger.error(`A shared note could not be deleted (share ${share.id}):`, code);
    return false;
  }
}

/** `/rejected delete`: every note this person shared leaves the recipients' DMs. */
export async function deleteSharedNotes(
  client: webApi.WebClient,
  deps: ListenerDeps,
  shares: readonly Share[],
): Promise<number> {
  let deleted = 0;
  for (const share of shares) if (await deleteSharedNote(client, deps, share)) deleted += 1;
  return deleted;
}
