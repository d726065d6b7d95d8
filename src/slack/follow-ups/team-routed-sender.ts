// Distributed mode: each follow-up goes out with the token of its own workspace's
// installation. A workspace without one (it uninstalled) can never be sent to.

import type { webApi } from '@slack/bolt';
import { ErrorCode } from '../../errors.js';
import type { FollowUpSender } from '../../jobs/follow-up-job.js';
import type { TeamClients } from '../installs/team-clients.js';
import { classifyLookupFailure, classifySlackFailure } from '../platform/slack-failure.js';
import { createFollowUpSender } from './sender.js';

export function createTeamRoutedSender(clients: TeamClients<webApi.WebClient>): FollowUpSender {
  const senderFor = async (scope: { teamId: string; enterpriseId: string | null }) => {
    const client = await clients.clientFor(scope);
    return client ? createFollowUpSender(client) : null;
  };
  return {
    async send(followUp, message) {
      let sender: FollowUpSender | null;
      try {
        sender = await senderFor(followUp.scope);
      } catch (error) {
        // The installation could not be read or opened: nothing was posted.
        return classifySlackFailure(error);
      }
      if (!sender) return { kind: 'permanent', code: ErrorCode.NotInstalled };
      return sender.send(followUp, message);
    },
    // Without an installation nothing can be looked up, nor ever sent: failed for good.
    async findDelivered(followUp) {
      let sender: FollowUpSender | null;
      try {
        sender = await senderFor(followUp.scope);
      } catch (error) {
        return classifyLookupFailure(error);
      }
      if (!sender) return { kind: 'permanent', code: ErrorCode.NotInstalled };
      return sender.findDelivered(followUp);
    },
  };
}
