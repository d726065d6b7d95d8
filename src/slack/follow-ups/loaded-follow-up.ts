// What every follow-up listener shares: find the follow-up a click or a modal points at, and
// show the person's answer in the DM in place of its buttons.

import type { webApi } from '@slack/bolt';
import type { FollowUp, Rejection, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { Store } from '../../store/store.js';
import type { ListenerDeps } from '../platform/deps.js';
import { buildAnsweredFollowUpMessage, type FollowUpChoice } from './message.js';

export interface LoadedFollowUp {
  followUp: FollowUp;
  rejection: Rejection;
}

/** This user's follow-up and its finished rejection, or null: unknown, someone else's, or gone. */
export async function loadFollowUp(
  store: Store,
  scope: UserScope,
  followUpId: string,
): Promise<LoadedFollowUp | null> {
  const followUp = await store.findFollowUp(scope, followUpId);
  if (!followUp) return null;
  const rejection = await store.getRejection(scope, followUp.rejectionId);
  return rejection?.status === 'complete' ? { followUp, rejection } : null;
}

/**
 * Rewrites the follow-up's DM with `choice` in place of its buttons. The DM is the one Rebound
 * stored when it sent the follow-up, never one a payload names: a click says which follow-up,
 * not which message to rewrite. The context is the one it was sent with: entries added since
 * (e.g. the reflection just saved) are left out. Slack refusing is logged by code only; the
 * choice itself is already saved.
 */
export async function showChoice(
  client: webApi.WebClient,
  deps: ListenerDeps,
  loaded: LoadedFollowUp,
  choice: FollowUpChoice,
): Promise<void> {
  const { followUp, rejection } = loaded;
  if (!followUp.channelId || !followUp.messageTs) return;
  const target = { channelId: followUp.channelId, messageTs: followUp.messageTs };
  try {
    const sentAt = (followUp.sentAt ?? followUp.updatedAt).getTime();
    const entries = (await deps.store.listEntries(followUp.scope, followUp.rejectionId)).filter(
      (entry) => entry.createdAt.getTime() <= sentAt,
    );
    const settings = await deps.store.getPrivacySettings(followUp.scope);
    const message = buildAnsweredFollowUpMessage(followUp, rejection, entries, choice, settings);
    await client.chat.update({ channel: target.channelId, ts: target.messageTs, ...message });
  } catch (error) {
    deps.logger.warn(`Follow-up ${followUp.id}: the DM could not be updated:`, errorCode(error));
  }
}
