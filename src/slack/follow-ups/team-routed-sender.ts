// Distributed mode: each follow-up goes out with the token of its own workspace's
// installation. A workspace without one (it uninstalled) can never be sent to.

import type { webApi } from '@slack/bolt';
import { ErrorCode } from '../../errors.js';
import type { FollowUpSender } from '../../jobs/follow-up-job.js';
import type { TeamClients } from '../installs/team-clients.js';
import { classifyLookupFailure, classifySlackFailure } from '../platform/slack-failure.js';
import { createFollowUpSender } from './sender.js';

type Scope = { teamId: string; enterpriseId: string | null };
type Permanent = { kind: 'permanent'; code: string };

export function createTeamRoutedSender(clients: TeamClients<webApi.WebClient>): FollowUpSender {
  /** Runs `use` with the workspace's own sender; `classify` answers when its installation can't be read. */
  const through = async <T>(
    scope: Scope,
    classify: (error: unknown) => T,
    use: (sender: FollowUpSender) => Promise<T>,
  ): Promise<T | Permanent> => {
    let client: webApi.WebClient | null | undefined;
    try {
      client = await clients.clientFor(scope);
    } catch (error) {
      // The installation could not be read or opened: nothing was posted or looked up.
      return classify(error);
    }
    // Without an installation nothing can be looked up, nor ever sent: failed for good.
    if (!client) return { kind: 'permanent', code: ErrorCode.NotInstalled };
    return use(createFollowUpSender(client));
  };
  return {
    send: (followUp, message) =>
      through(followUp.scope, classifySlackFailure, (sender) => sender.send(followUp, message)),
    findDelivered: (followUp) =>
      through(followUp.scope, classifyLookupFailure, (sender) => sender.findDelivered(followUp)),
  };
}
