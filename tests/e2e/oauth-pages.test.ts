// The pages a person installing Rebound sees, as a browser receives them: never cached,
// never framed by another site, never sniffed, and a state cookie that only travels on the
// top-level redirect back from Slack.

import { afterEach, expect, it } from 'vitest';
import { startInstall, TestBrowser } from '../support/oauth-browser.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function expectPageHeaders(headers: Headers): void {
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
}

it('serves the install page, the success page and a failure page with headers no other site can abuse', async () => {
  h = await startHarness({ distributed: true });
  const browser = new TestBrowser(h.appUrl);

  const install = await browser.get('/slack/install');
  expect(install.status).toBe(200);
  expectPageHeaders(install.headers);
  const [stateCookie] = install.headers.getSetCookie();
  expect(stateCookie).toMatch(/^slack-app-oauth-state=/);
  expect(stateCookie).toContain('SameSite=Lax');
  expect(stateCookie).toContain('HttpOnly');
  expect(stateCookie).toContain('Secure');

  const { state, authorizeUrl } = await startInstall(browser);
  const scopes = authorizeUrl.searchParams.get('scope')?.split(',') ?? [];
  const query = new URLSearchParams({ ...h.emu.authorize('TA', { scopes }), state });
  const success = await browser.get(`/slack/oauth_redirect?${query}`);
  expect(success.html).toContain('Rebound is installed');
  expectPageHeaders(success.headers);
  // Bolt clears the state cookie on the way back; that cookie is Lax too.
  expect(success.headers.getSetCookie().every((cookie) => cookie.includes('SameSite=Lax'))).toBe(true);
  expect(success.headers.getSetCookie()).toHaveLength(1);

  // The same link again: the state was used, the page says so, with the same headers.
  const failure = await browser.get(`/slack/oauth_redirect?${query}`);
  expect(failure.status).toBe(400);
  expect(failure.html).toContain('This install link is no longer valid');
  expectPageHeaders(failure.headers);
});
