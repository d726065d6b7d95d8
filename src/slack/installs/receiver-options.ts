// What HTTPReceiver needs for distributed mode: the OAuth credentials, the bot scopes, our
// installation and state stores, and the pages. Bolt then serves GET /slack/install and
// GET /slack/oauth_redirect, and authorizes every request with its workspace's installation.

import type { HTTPReceiverOptions, Installation, Logger, webApi } from '@slack/bolt';
import type { DistributionConfig } from '../../config.js';
import type { Store } from '../../store/store.js';
import { BOT_SCOPES } from './bot-scopes.js';
import { classifyInstallFailure } from './install-failure.js';
import { describeKey, keyOfInstallation, type SlackInstallations } from './installation-store.js';
import { failurePage, INSTALL_PATH, installPage, type Page, successPage } from './pages.js';
import { createOAuthStateStore, STATE_TTL_SECONDS } from './state-store.js';

const REDIRECT_PATH = '/slack/oauth_redirect';

type OAuthReceiverOptions = Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'
>;

interface Response {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
}

function send(res: Response, page: Page): void {
  res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(page.html);
}

export function oauthReceiverOptions(deps: {
  distribution: DistributionConfig;
  installations: SlackInstallations;
  store: Store;
  clock: () => Date;
  logger: Logger;
  /** For oauth.v2.access and auth.test during an install (the emulator's URL in tests). */
  clientOptions: Omit<webApi.WebClientOptions, 'logger' | 'logLevel'>;
}): OAuthReceiverOptions {
  const { distribution, logger } = deps;
  const scopes = [...BOT_SCOPES];
  return {
    clientId: distribution.clientId,
    clientSecret: distribution.clientSecret,
    stateSecret: distribution.stateSecret,
    scopes,
    installationStore: deps.installations,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateVerification: true,
      stateStore: createOAuthStateStore({
        secret: distribution.stateSecret,
        store: deps.store,
        clock: deps.clock,
        installOptions: { scopes },
      }),
      stateCookieExpirationSeconds: STATE_TTL_SECONDS,
      directInstall: false,
      renderHtmlForInstallPath: installPage,
      clientOptions: deps.clientOptions,
      callbackOptions: {
        success(installation: Installation, _options, _req, res) {
          logger.info(`Installed in ${describeKey(keyOfInstallation(installation))}.`);
          send(
            res,
            successPage({
              teamId: installation.team?.id ?? null,
              teamName: installation.team?.name ?? null,
              enterpriseName: installation.enterprise?.name ?? null,
              appId: installation.appId ?? null,
            }),
          );
        },
        failure(error, _options, req, res) {
          const redirectError = new URL(req.url ?? '/', 'http://localhost').searchParams.get('error');
          const { kind, reason } = classifyInstallFailure(error, redirectError);
          logger.warn(`An install did not complete (${kind}): ${reason}`);
          send(res, failurePage(kind, reason));
        },
      },
    },
  };
}
