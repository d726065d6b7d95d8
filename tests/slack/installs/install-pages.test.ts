import { describe, expect, it } from 'vitest';
import { ErrorCode, ReboundError } from '../../../src/errors.js';
import { BOT_SCOPES } from '../../../src/slack/installs/bot-scopes.js';
import { classifyInstallFailure } from '../../../src/slack/installs/install-failure.js';
import { failurePage, installPage, successPage } from '../../../src/slack/installs/pages.js';

const coded = (code: string, data?: object) =>
  Object.assign(new Error('with a message we never show'), { code, data });

describe('install failure', () => {
  it.each([
    ['a denied install', null, 'access_denied', 'denied', 403],
    ['an error from Slack in the redirect', null, 'invalid_scope', 'no_code', 400],
    [
      'a forged, expired or used state',
      new ReboundError(ErrorCode.OAuthStateInvalid, 'x'),
      null,
      'bad_state',
      400,
    ],
    ['a state not from this browser', coded('slack_oauth_invalid_state'), null, 'bad_state', 400],
    ['no state', coded('slack_oauth_missing_state'), null, 'bad_state', 400],
    ['no code', coded('slack_oauth_missing_code'), null, 'no_code', 400],
    [
      'a refused code',
      coded('slack_webapi_platform_error', { error: 'invalid_code' }),
      null,
      'slack_refused',
      400,
    ],
    [
      'wrong credentials',
      coded('slack_webapi_platform_error', { error: 'bad_client_secret' }),
      null,
      'misconfigured',
      500,
    ],
    ['Slack down', coded('slack_webapi_http_error'), null, 'slack_unreachable', 502],
    ['the database down', new ReboundError(ErrorCode.StoreUnavailable, 'x'), null, 'not_saved', 503],
    ['anything else', new Error('boom'), null, 'unexpected', 500],
  ] as const)('classifies %s', (_label, error, redirectError, kind, status) => {
    const failure = classifyInstallFailure(error, redirectError);
    expect(failure.kind).toBe(kind);
    const page = failurePage(failure.kind, failure.reason);
    expect(page.status).toBe(status);
    expect(page.html).toContain('href="/slack/install"');
    expect(page.html).not.toContain('with a message we never show');
  });

  it('keeps only a short code of what the redirect said, for logs and the page', () => {
    expect(classifyInstallFailure(null, `bad\nline <b>${'x'.repeat(100)}`)).toEqual({
      kind: 'no_code',
      reason: `badlineb${'x'.repeat(56)}`,
    });
  });
});

describe('install pages', () => {
  it('escapes what they show', () => {
    expect(installPage('https://slack.com/oauth/v2/authorize?a=1&state=<x>')).toContain(
      'href="https://slack.com/oauth/v2/authorize?a=1&amp;state=&lt;x&gt;"',
    );
    const success = successPage({ teamId: 'T1', teamName: '<b>Acme</b>', enterpriseName: null, appId: 'A1' });
    expect(success.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
    expect(success.html).toContain('slack://app?team=T1&amp;id=A1');
    expect(failurePage('no_code', '<script>alert(1)</script>').html).toContain(
      '<code>scriptalert1script</code>',
    );
  });
});

describe('install page', () => {
  it('says what is stored, that it is encrypted, who can see it, and why each scope is needed', () => {
    const html = installPage('https://slack.com/oauth/v2/authorize');
    for (const scope of BOT_SCOPES) expect(html).toContain(`<code>${scope}</code>`);
    expect(html).toContain("read people's profiles");
    expect(html).toContain('encrypted (AES-256-GCM)');
    expect(html).toContain('workspace owners can export');
    expect(html).toContain('30 days');
  });
});
