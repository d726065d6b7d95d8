// A person installing Rebound in a browser, with fetch and a cookie jar: open /slack/install,
// follow its "Add to Slack" link to Slack (the emulator's authorize() stands in for Slack's
// approval page), come back to /slack/oauth_redirect with the code and the state, carrying
// the state cookie Bolt set — the way a real browser does.

import type { AuthorizeOptions, SlackEmulator, TeamSpec } from '../../emulator/index.js';

export interface PageResult {
  status: number;
  html: string;
}

export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly appUrl: string) {}

  async get(path: string): Promise<PageResult & { headers: Headers }> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(new URL(path, this.appUrl), {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    for (const line of response.headers.getSetCookie()) this.keep(line);
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  private keep(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
    const [name = '', value = ''] = pair.split('=');
    const expired = attributes.some(
      (attribute) => /^max-age=0$/i.test(attribute) || /^expires=.*1970/i.test(attribute),
    );
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

export interface StartedInstall {
  /** The install page's "Add to Slack" link (Slack's authorize URL). */
  authorizeUrl: URL;
  state: string;
  page: PageResult;
}

/** GET /slack/install and read the state off its "Add to Slack" link. */
export async function startInstall(browser: TestBrowser): Promise<StartedInstall> {
  const page = await browser.get('/slack/install');
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]*)"/.exec(page.html)?.[1];
  if (page.status !== 200 || !href)
    throw new Error(`no Add to Slack link on /slack/install (${page.status})`);
  const authorizeUrl = new URL(href.replace(/&amp;/g, '&'));
  const state = authorizeUrl.searchParams.get('state');
  if (!state) throw new Error('the Add to Slack link has no state');
  return { authorizeUrl, state, page };
}

/** Back from Slack: GET /slack/oauth_redirect with what Slack put in the query. */
export function finishInstall(browser: TestBrowser, query: Record<string, string>): Promise<PageResult> {
  return browser.get(`/slack/oauth_redirect?${new URLSearchParams(query)}`);
}

/** The whole flow for one workspace, approved by its admin. */
export async function installThroughOAuth(
  appUrl: string,
  emu: SlackEmulator,
  team: string | TeamSpec,
  options: AuthorizeOptions = {},
): Promise<PageResult> {
  const browser = new TestBrowser(appUrl);
  const { state, authorizeUrl } = await startInstall(browser);
  const scopes = authorizeUrl.searchParams.get('scope')?.split(',') ?? [];
  return finishInstall(browser, { ...emu.authorize(team, { scopes, ...options }), state });
}
