// What HTTPReceiver needs for distributed mode: the OAuth credentials, the bot scopes, our
// installation and state stores, and the pages. Bolt then serves GET /slack/install and
// GET /slack/oauth_redirect, and authorizes every request with its workspace's installation.

import type { ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, Installation, Logger, webApi } from '@slack/bolt';
import type { DistributionConfig } from '../../config.js';
import type { Store } from '../../store/store.js';
import { BOT_SCOPES } from './bot-scopes.js';
import { classifyInstallFailure } from './install-failure.js';
import { describeKey, keyOfInstallation, type SlackInstallations } from './installation-store.js';
import {
  failurePage,
  INSTALL_PATH,
  installPage,
  PAGE_HEADERS,
  type Page,
  successPage,
  withSameSiteLax,
} from './pages.js';
import { createOAuthStateStore, STATE_TTL_SECONDS } from './state-store.js';

const REDIRECT_PATH = '/slack/oauth_redirect';

type OAuthReceiverOptions = Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'
>;

type Response = ServerResponse;

/**
 * Gives a page response its headers (PAGE_HEADERS) and makes every cookie on it, set now or
 * later by Bolt, `SameSite=Lax`.
 */
export function securePage(res: Response): void {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
  const setHeader = res.setHeader.bind(res);
  const lax = (value: number | string | readonly string[]) =>
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? withSameSiteLax(value)
        : value.map(withSameSiteLax);
  res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'set-cookie' ? lax(value) : value);
  const already = res.getHeader('set-cookie');
  if (already !== undefined) res.setHeader('set-cookie', already);
}

function send(res: Response, page: Page): void {
  securePage(res);
  res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' });
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
      installPathOptions: {
        // Runs before Bolt sets the state cookie and writes the page.
        beforeRedirection: async (_req, res) => {
          securePage(res);
          return true;
        },
      },
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
