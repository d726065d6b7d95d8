// Distributed mode end to end, over HTTP against the emulator: workspaces install Rebound
// through /slack/install and /slack/oauth_redirect (the real Bolt state-cookie flow, driven
// with fetch), their installations are stored encrypted, and every request and follow-up goes
// out with its own workspace's token.

import { afterEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { BOT_SCOPES } from '../../src/slack/installs/bot-scopes.js';
import { engines } from '../support/engines.js';
import { installThroughOAuth, startInstall, TestBrowser } from '../support/oauth-browser.js';
import { type Harness, startHarness, TEST_OAUTH } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;

let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    // Whatever happened, no token reached the logs.
    expect(h.logs.join('\n')).not.toMatch(/xox[bpa]-/);
    await h.stop();
  }
  h = undefined;
});

/** Every stored installation's sealed text, as the database holds it. */
async function sealedRows(harness: Harness): Promise<string[]> {
  return (await harness.rebound.store.listInstallations({ limit: 100 })).map((row) => row.sealed);
}

const sentWith = (harness: Harness, userId: string) =>
  harness.emu
    .callsTo('chat.postMessage')
    .filter((call) => call.ok && call.params.channel === userId)
    .map((call) => call.teamId);

describe.each(engines)('installing in many workspaces on $name', (engine) => {
  it('installs two workspaces; each command and each follow-up uses its own workspace token', async () => {
    h = await startHarness({ distributed: true, now: NOW, databaseUrl: await engine.databaseUrl() });
    const { emu } = h;

    const browser = new TestBrowser(h.appUrl);
    const { page, authorizeUrl, state } = await startInstall(browser);
    expect(page.html).toContain('Add to Slack');
    expect(authorizeUrl.searchParams.get('client_id')).toBe(TEST_OAUTH.clientId);
    expect(authorizeUrl.searchParams.get('scope')?.split(',')).toEqual([...BOT_SCOPES]);
    expect(browser.cookies.get('slack-app-oauth-state')).toBe(state);

    const alpha = await installThroughOAuth(h.appUrl, emu, { id: 'TA', name: 'Alpha & Co' });
    expect(alpha.status).toBe(200);
    expect(alpha.html).toContain('Rebound is installed');
    expect(alpha.html).toContain('Alpha &amp; Co');
    expect((await installThroughOAuth(h.appUrl, emu, { id: 'TB', name: 'Beta' })).status).toBe(200);
    const tokens = [emu.tokenOf('TA'), emu.tokenOf('TB')] as string[];
    expect(tokens.every((token) => token?.startsWith('xoxb-'))).toBe(true);
    expect(alpha.html).not.toContain(tokens[0]);

    // Stored encrypted: neither token, nor anything token-shaped, is in the database.
    const rows = await sealedRows(h);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).not.toMatch(/xoxb-/);
      for (const token of tokens) expect(row).not.toContain(token);
    }

    const alice = emu.addUser({ id: 'UA1', teamId: 'TA', name: 'alice', tz: 'America/New_York' });
    const bob = emu.addUser({ id: 'UB1', teamId: 'TB', name: 'bob', tz: 'Europe/Berlin' });
    await alice.command('/rejected', 'Acme');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await bob.command('/rejected', 'Globex');
    await bob.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(emu.callsTo('views.open').map((call) => call.teamId)).toEqual(['TA', 'TB']);

    // Follow-ups due for both workspaces: each goes out with its own workspace's token.
    for (const [userId, teamId] of [
      ['UA1', 'TA'],
      ['UB1', 'TB'],
    ] as const) {
      await seedRejection(h.rebound.store, scopeOf(userId, teamId), {
        followUps: [{ kind: 'reflect', dueAt: new Date(NOW.getTime() - 60_000) }],
        now: new Date(NOW.getTime() - 3 * DAY),
      });
    }
    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
    expect(sentWith(h, 'UA1')).toEqual(['TA']);
    expect(sentWith(h, 'UB1')).toEqual(['TB']);
    expect(emu.problems).toEqual([]);
  });
});

describe('installs that must not happen', () => {
  /** Starts an install in a fresh browser; `approve` is what Slack puts in the redirect. */
  async function begin() {
    h ??= await startHarness({ distributed: true, now: NOW });
    const browser = new TestBrowser(h.appUrl);
    const { state } = await startInstall(browser);
    return { harness: h, browser, state };
  }

  async function expectNothingStored(harness: Harness) {
    expect(await sealedRows(harness)).toEqual([]);
    expect(harness.emu.tokenOf('T9')).toBeUndefined();
  }

  it('refuses a forged state, or one from another browser, before asking Slack', async () => {
    const { harness, browser, state } = await begin();
    const { code } = harness.emu.authorize('T9');
    const [id, issued] = state.split('.');
    const forged = `${id}.${issued}.${'A'.repeat(43)}`;
    for (const query of [
      { code, state: forged },
      { code, state: 'not-even-shaped-like-one' },
      { code }, // no state at all
    ]) {
      browser.cookies.set('slack-app-oauth-state', query.state ?? state);
      const page = await browser.get(
        `/slack/oauth_redirect?${new URLSearchParams(query as Record<string, string>)}`,
      );
      expect(page.status).toBe(400);
      expect(page.html).toContain('This install link is no longer valid');
      expect(page.html).toMatch(query.state ? /oauth_state_invalid/ : /state_not_for_this_browser/);
      expect(page.html).toContain('href="/slack/install"');
    }
    // The real state, but without the cookie its browser was given.
    const elsewhere = await new TestBrowser(harness.appUrl).get(
      `/slack/oauth_redirect?${new URLSearchParams({ code: code as string, state })}`,
    );
    expect(elsewhere.status).toBe(400);
    expect(harness.emu.callsTo('oauth.v2.access')).toHaveLength(0);
    await expectNothingStored(harness);
  });

  it('refuses a replayed state, even with its cookie, and an expired one', async () => {
    const { harness, browser, state } = await begin();
    const redirect = { ...harness.emu.authorize('TA'), state };
    const cookie = browser.cookies.get('slack-app-oauth-state') as string;
    expect((await browser.get(`/slack/oauth_redirect?${new URLSearchParams(redirect)}`)).status).toBe(200);
    expect(browser.cookies.has('slack-app-oauth-state')).toBe(false); // Bolt clears it

    // An attacker who kept the cookie and the state tries them with a code for T9.
    browser.cookies.set('slack-app-oauth-state', cookie);
    const replay = await browser.get(
      `/slack/oauth_redirect?${new URLSearchParams({ ...harness.emu.authorize('T9'), state })}`,
    );
    expect(replay.status).toBe(400);
    // Past the cookie check: refused because the state was redeemed already.
    expect(replay.html).toContain('<code>oauth_state_invalid</code>');

    const late = await startInstall(browser);
    harness.clock.advance(11 * 60_000);
    const expired = await browser.get(
      `/slack/oauth_redirect?${new URLSearchParams({ ...harness.emu.authorize('T9'), state: late.state })}`,
    );
    expect(expired.status).toBe(400);
    expect(harness.emu.callsTo('oauth.v2.access')).toHaveLength(1); // only the real install
    expect(await sealedRows(harness)).toHaveLength(1);
    expect(harness.emu.tokenOf('T9')).toBeUndefined();
  });

  it('says so when the admin cancels on Slack, or Slack reports an error', async () => {
    const { harness, browser, state } = await begin();
    const denied = await browser.get(
      `/slack/oauth_redirect?${new URLSearchParams({ ...harness.emu.authorize('T9', { deny: true }), state })}`,
    );
    expect(denied.status).toBe(403);
    expect(denied.html).toContain('You chose not to allow Rebound');

    const again = await startInstall(browser);
    const slackError = await browser.get(
      `/slack/oauth_redirect?${new URLSearchParams({ error: 'invalid_team_for_non_distributed_app', state: again.state })}`,
    );
    expect(slackError.status).toBe(400);
    expect(slackError.html).toContain('Slack did not finish the install');
    expect(slackError.html).toContain('invalid_team_for_non_distributed_app');
    await expectNothingStored(harness);
  });

  it('says so when Slack refuses the code or cannot be reached, and stores nothing', async () => {
    const { harness, browser, state } = await begin();
    harness.emu.failNext('oauth.v2.access', { error: 'invalid_code' });
    const refused = await browser.get(
      `/slack/oauth_redirect?${new URLSearchParams({ ...harness.emu.authorize('T9'), state })}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Slack did not accept the install');
    expect(refused.html).toContain('invalid_code');

    const again = await startInstall(browser);
    harness.emu.failNext('oauth.v2.access', { status: 503 }, 2);
    const down = await browser.get(
      `/slack/oauth_redirect?${new URLSearchParams({ ...harness.emu.authorize('T9'), state: again.state })}`,
    );
    expect(down.status).toBe(502);
    expect(down.html).toContain('Slack could not be reached');
    await expectNothingStored(harness);
  });
});
