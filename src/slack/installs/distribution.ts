// Distributed mode, assembled: the token cipher, the installation store on our database
// (re-encrypting what a retired key still holds), per-workspace clients for the follow-up
// job (refreshing rotating tokens before they expire), uninstall handling, and the OAuth
// options for HTTPReceiver.

import { type Logger, webApi } from '@slack/bolt';
import type { DistributionConfig } from '../../config.js';
import { createTokenCipher } from '../../crypto/token-cipher.js';
import type { Store } from '../../store/store.js';
import { jobClientOptions, oauthClientOptions, type SlackApi } from '../platform/web-api-options.js';
import type { InstallationForgetter } from './forget-installation.js';
import { createInstallationStore, type SlackInstallations } from './installation-store.js';
import { oauthReceiverOptions } from './receiver-options.js';
import { type ResealReport, resealInstallations } from './reseal-installations.js';
import { createTeamClients, type TeamClients } from './team-clients.js';
import { createTokenRefresher, needsRefresh } from './token-refresh.js';

export interface Distribution {
  installations: SlackInstallations;
  teamClients: TeamClients<webApi.WebClient>;
  forgetter: InstallationForgetter;
  receiverOptions: ReturnType<typeof oauthReceiverOptions>;
  /** Re-encrypts what retired keys still hold; run once the app listens, then hourly (RESEAL_CRON). */
  reseal(): Promise<ResealReport>;
}

export async function startDistribution(deps: {
  distribution: DistributionConfig;
  /** Only to say at start that it is not used. */
  botToken: string | null;
  store: Store;
  clock: () => Date;
  logger: Logger;
  slackApi: SlackApi;
  /** The follow-up job's Slack call timeout (a third of its lease at most). */
  jobCallTimeoutMs?: number;
}): Promise<Distribution> {
  const { distribution, store, clock, logger } = deps;
  const { current, retired, next } = distribution.tokenKeys;
  const cipher = createTokenCipher(current, retired, next ?? null);
  const installations = createInstallationStore({ store, cipher, clock });
  let previouslyRemovable = false;
  const reseal = async () => {
    const report = await resealInstallations({ store, cipher, clock, logger, previouslyRemovable });
    previouslyRemovable = report.retiredKeysRemovable;
    return report;
  };

  const jobOptions = jobClientOptions(deps.slackApi, deps.jobCallTimeoutMs);
  const oauthClient = new webApi.WebClient(undefined, jobOptions);
  const refresher = createTokenRefresher({
    store,
    cipher,
    clock,
    logger,
    refreshGrant: (refreshToken) =>
      oauthClient.oauth.v2.access({
        client_id: distribution.clientId,
        client_secret: distribution.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }),
    forget: (key) => {
      installations.forget(key);
      teamClients.forget(key);
    },
  });
  const teamClients: TeamClients<webApi.WebClient> = createTeamClients({
    findInstallation: (team) => installations.findForTeam(team),
    makeClient: (token) => new webApi.WebClient(token, jobOptions),
    freshen: async (installation) =>
      needsRefresh(installation, clock()) ? refresher.fresh(installation) : installation,
    clock,
  });
  const forgetter: InstallationForgetter = {
    async forget(key) {
      installations.forget(key);
      const removed = await store.deleteInstallation(key);
      installations.forget(key);
      teamClients.forget(key);
      return removed;
    },
  };

  if (deps.botToken)
    logger.info(
      'SLACK_BOT_TOKEN is set but not used in distributed mode: each workspace installs Rebound through /slack/install.',
    );

  return {
    installations,
    teamClients,
    forgetter,
    reseal,
    receiverOptions: oauthReceiverOptions({
      distribution,
      installations,
      store,
      clock,
      logger,
      clientOptions: oauthClientOptions(deps.slackApi),
    }),
  };
}
