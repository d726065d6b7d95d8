// The sandbox in a real browser: Debian's Chromium, driven by playwright-core, walks the routine the way
// a person would on the page — typing `/rejected Acme`, filling the modals the app sent — then reads
// the summary DM, moves the clock a week on, snoozes the follow-up that arrives and opens the Home tab,
// then one rejection's own view and the prep view from Home.
// Everything is asserted on what the page shows; the emulator must have seen no broken Slack rule.
//
// UPDATE_SCREENSHOTS=1 npx vitest run tests/sandbox   refreshes docs/screenshots/*.png for the README.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
/** A Monday, 10:00 in New York: the page and the app agree on the person's timezone. */
const START = new Date('2026-03-02T15:00:00Z');
const TZ = 'America/New_York';
/** Generous for two busy cores; every wait polls the page and returns as soon as it can. */
const WAIT_MS = 15_000;

interface GalleryResult {
  text: string;
  images: number;
  hacked: number | null;
  tags: [string, number][];
  error: string | null;
  link: string | null;
  values: Record<string, unknown>;
  actions: unknown[];
}

let sandbox: RunningSandbox;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const logs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  sandbox = await startSandbox({
    port: 0,
    startAt: START,
    tz: TZ,
    logLevel: 'warn',
    logSink: { write: (_level, line) => logs.push(line) },
    // The test moves the clock itself; a yearly tick keeps node-cron out of the way.
    followUpCron: '0 0 1 1 *',
    onError: (error) => pageErrors.push(`sandbox: ${String(error)}`),
  });
  userDataDir = mkdtempSync(join(tmpdir(), 'rebound-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
    timezoneId: TZ,
    locale: 'en-US',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  page.on('pageerror', (error) => pageErrors.push(`page: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await sandbox?.stop();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function screenshot(name: string): Promise<void> {
  if (!UPDATE_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let the page settle (a poll may be about to repaint) before taking the picture.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 500)))');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

const modal = () => page.getByRole('dialog');
const group = (name: string) => modal().getByRole('group', { name });
const dm = () => page.locator('#messages');

async function waitForModal(title: string | RegExp): Promise<Locator> {
  const heading = modal().getByRole('heading', { name: title });
  await heading.waitFor();
  return heading;
}

function sandboxScope() {
  return { teamId: 'T0SANDBOX', enterpriseId: null, userId: sandbox.user.id };
}

async function typeInMessageBox(text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message box' });
  await box.fill(text);
  await box.press('Enter');
}

describe('the sandbox page', () => {
  it('says it is a sandbox, walks the routine, brings a follow-up a week later, snoozes it and shows Home', async () => {
    await page.goto(sandbox.url);
    await page.getByText('Nothing here talks to the real Slack').waitFor();
    await page.getByText('This is the very beginning of #general').waitFor();

    // /rejected help answers with a message only you see.
    await typeInMessageBox('/rejected help');
    await page.getByText('Only visible to you').waitFor();

    // Step 1: the company typed after the command is already filled in.
    await typeInMessageBox('/rejected Acme');
    await waitForModal(/Step 1 of 4/);
    expect(await modal().getByLabel('Company').inputValue()).toBe('Acme');
    await modal().getByLabel('Role').fill('Product Designer');
    await modal().getByLabel('How far did you get?').selectOption({ label: 'Final round' });
    await group('Was a recruiter or headhunter involved?').getByLabel('Yes, a recruiter').check();
    await modal().getByLabel('Their name').fill('Sam');
    await screenshot('modal-step-1');
    await modal().getByRole('button', { name: 'Next' }).click();

    // Step 2: nothing written yet, so the app answers with an inline error on the first field.
    await waitForModal(/Step 2 of 4/);
    await modal()
      .getByText(/drafted/)
      .waitFor();
    await modal().getByRole('button', { name: 'Next' }).click();
    const error = modal().getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/any one of these/);
    await screenshot('modal-inline-error');
    await modal()
      .getByLabel('What would you do differently in the interview?')
      .fill('Slow down when walking through the portfolio.');
    await modal()
      .getByLabel('Which of your strengths could you show more clearly?')
      .fill('How I ran the checkout redesign.');
    await modal().getByRole('button', { name: 'Next' }).click();

    // Step 3: radio groups and checkboxes.
    await waitForModal(/Step 3 of 4/);
    await group('Could you see yourself there every day?').getByLabel('Not sure').check();
    await group('Were you excited about the role?').getByLabel('Somewhat').check();
    await group('Could your skills be put to better use elsewhere?').getByLabel('Maybe').check();
    await group('What will you try next?').getByLabel('Ask my network for referrals').check();
    await modal().getByRole('button', { name: 'Next' }).click();

    // Step 4: the check-in time comes pre-filled in the person's timezone.
    await waitForModal(/Step 4 of 4/);
    const date = group('When should we check in?').getByLabel('Date');
    expect(await date.inputValue()).toMatch(/^2026-03-\d\d$/);
    await modal().getByLabel('What has this taught you?').fill('Ask about the team early on.');
    await modal().getByRole('button', { name: 'Finish' }).click();
    await modal().waitFor({ state: 'detached' });

    // The summary arrives in the app's DM; the sidebar shows it as unread.
    const app = page.locator('#apps').getByRole('button');
    await app.getByText('1', { exact: true }).waitFor();
    await app.click();
    await dm().getByText('Acme · Product Designer').waitFor();
    const summary = (await dm().textContent()) ?? '';
    expect(summary).toContain('Ask about the team early on.');
    expect(summary).toMatch(/check in (on )?\w+.* at 10:00 AM/);
    await screenshot('summary-dm');

    // A week on, the follow-up arrives while we watch.
    const before = await dm().locator('article.message').count();
    await page.getByRole('button', { name: '+1 week' }).click();
    await page.getByText(/It's now Monday, March 9th, 2026/).waitFor();
    await expect
      .poll(() => dm().locator('article.message').count(), { timeout: WAIT_MS })
      .toBeGreaterThan(before);
    const withSnooze = dm()
      .locator('article.message')
      .filter({ has: page.getByRole('combobox', { name: 'Snooze' }) })
      .last();
    await withSnooze.waitFor();
    // The same message after the app rewrites it (and its Snooze control is gone).
    const checkIn = dm().locator(`article[data-ts="${await withSnooze.getAttribute('data-ts')}"]`);
    expect((await checkIn.textContent()) ?? '').toContain('Acme');
    await screenshot('follow-up-dm');

    // Snooze it from its own control: the app rewrites the DM, its buttons replaced by what was chosen.
    await checkIn.getByRole('combobox', { name: 'Snooze' }).selectOption({ label: '1 day' });
    await checkIn.getByText('(edited)').waitFor();
    expect(await checkIn.getByRole('combobox', { name: 'Snooze' }).count()).toBe(0);
    expect((await checkIn.textContent()) ?? '').toMatch(/[Ss]nooze/);

    // Home: the page tells the app (app_home_opened) and shows what it publishes: the history
    // with Acme, and the check-ins still to come with their Snooze menus.
    await page.getByRole('tab', { name: 'Home' }).click();
    const home = page.locator('#home .blocks');
    await home.getByText('Your rejections').waitFor();
    expect((await home.textContent()) ?? '').toContain('Acme');
    expect(await home.getByRole('combobox', { name: 'Snooze' }).count()).toBeGreaterThan(0);
    await screenshot('home');

    // One rejection, whole: its own view opens from Home, with everything entered for it.
    await home.getByRole('button', { name: 'Open' }).first().click();
    await waitForModal(/^Acme$/);
    const rejection = (await modal().textContent()) ?? '';
    expect(rejection).toContain('Acme · Product Designer');
    expect(rejection).toContain('not marked sent');
    expect(rejection).toContain('Ask my network for referrals');
    expect(rejection).toContain('Ask about the team early on.');
    await screenshot('rejection-view');
    await modal().locator('.modal-footer').getByRole('button', { name: 'Close' }).click();
    await modal().waitFor({ state: 'detached' });

    // The night before the next interview: lessons, strengths and feedback in one view.
    await home.getByRole('button', { name: 'Before your next interview' }).click();
    await waitForModal('Before your interview');
    const prep = (await modal().textContent()) ?? '';
    expect(prep).toContain('Ask about the team early on.');
    expect(prep).toContain('How I ran the checkout redesign.');
    await screenshot('prep-view');
    await modal().locator('.modal-footer').getByRole('button', { name: 'Close' }).click();
    await modal().waitFor({ state: 'detached' });

    expect(await page.getByText('Everything the app sent kept to Slack’s rules.').isVisible()).toBe(true);
    expect(sandbox.emu.problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('pops up a check-in the way a lock screen shows it, discreet, and offers the setting on Home', async () => {
    // Away from Rebound's DM, the snoozed follow-up comes due: only its text pops up.
    await page.locator('#channels').getByRole('button').first().click();
    await page.getByRole('button', { name: '+1 day' }).click();
    const notification = page.locator('.toast.notification').filter({ hasText: 'check-in' }).last();
    await notification.waitFor();
    expect(await notification.textContent()).toBe('🔔 Rebound: Rebound has a check-in for you');
    for (const toast of await page.locator('.toast.notification').allTextContents())
      expect(toast).not.toContain('Acme');

    // Home's privacy section: turn details on; the app saves it and publishes Home again.
    await page.locator('#apps').getByRole('button').click();
    await page.getByRole('tab', { name: 'Home' }).click();
    const home = page.locator('#home .blocks');
    await home.getByText('Show details in notifications').waitFor();
    await home.getByLabel('On: name company and role').check();
    await expect
      .poll(async () => (await sandbox.rebound.store.getPrivacySettings(sandboxScope())).showDetails, {
        timeout: WAIT_MS,
      })
      .toBe(true);
    expect(sandbox.emu.problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('has both shortcuts, offers what a message suggests, and shares a note that Stop sharing takes back', async () => {
    // The recruiter's message in #general: ⋮ → the message shortcut opens step 1 with offers.
    await page
      .locator('#channels')
      .getByRole('button', { name: /general/ })
      .click();
    const news = page.locator('#messages article.message').filter({ hasText: 'interest in Acme Corp' });
    await news.getByText('Sam Lee').waitFor();
    await news.getByLabel('More actions').click();
    await news.getByRole('menuitem', { name: 'Work through rejection' }).click();
    await waitForModal(/Step 1 of 4/);
    expect(await modal().getByLabel('Company').inputValue()).toBe('Acme Corp');
    await modal()
      .getByText(/the company looks like/)
      .waitFor();
    await modal()
      .getByText(/sent that message/)
      .waitFor();
    expect(await modal().getByLabel('Their name').inputValue()).toBe('');
    await modal().getByRole('button', { name: 'My recruiter' }).click();
    await modal()
      .getByText(/as your recruiter/)
      .waitFor();
    expect(await modal().getByLabel('Their name').inputValue()).toBe('Sam Lee');

    // Save & close keeps it as a draft; ⚡ → Log a rejection offers it back, as /rejected does.
    await modal().getByRole('button', { name: 'Save & close' }).click();
    await modal().waitFor({ state: 'detached' });
    await page.getByLabel('Shortcuts').click();
    await page.getByRole('menuitem', { name: 'Log a rejection' }).click();
    await waitForModal('Welcome back');
    expect((await modal().textContent()) ?? '').toContain('Acme Corp');
    await modal().getByRole('button', { name: 'Not now' }).click();
    await modal().waitFor({ state: 'detached' });

    // Share with… under the summary: an app is refused kindly, then Priya gets a preview first.
    await page.locator('#apps').getByRole('button').click();
    await dm().getByRole('button', { name: 'Share with…' }).click();
    await waitForModal('Share with someone');
    const who = modal().getByLabel('Who should get it?');
    await who.selectOption({ label: 'Standup bot' });
    await modal().getByRole('button', { name: 'Preview' }).click();
    await modal()
      .getByText(/an app, not a person/)
      .waitFor();
    await modal().getByLabel('Who should get it?').selectOption({ label: 'Priya' });
    await modal().getByRole('button', { name: 'Preview' }).click();
    await waitForModal('Check before sharing');
    await modal()
      .getByText(/This is exactly what @?Priya will get/)
      .waitFor();
    await modal().getByRole('button', { name: 'Share', exact: true }).click();
    await modal().waitFor({ state: 'detached' });
    await dm()
      .getByText(/You shared your plan and the lesson with @?Priya/)
      .waitFor();

    // Priya's DM, as she sees it: only the plan and the lesson.
    await page.locator('#peeks').getByRole('button', { name: /Priya/ }).click();
    await dm()
      .getByText(/chose to share this with you/)
      .waitFor();
    const note = (await dm().textContent()) ?? '';
    expect(note).toContain('Ask about the team early on.');
    expect(note).toContain('Ask my network for referrals');
    expect(note).not.toContain('Slow down when walking through the portfolio.');
    await screenshot('shared-note');

    // Stop sharing: gone from Priya's DM.
    await page.locator('#apps').getByRole('button').click();
    await dm().getByRole('button', { name: 'Stop sharing' }).click();
    await dm()
      .getByText(/You stopped sharing this with @?Priya/)
      .waitFor();
    await page.locator('#peeks').getByRole('button', { name: /Priya/ }).click();
    await dm().getByText('No messages from Rebound yet.').waitFor();

    expect(sandbox.emu.problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('renders every block and element it knows from the JSON, as text, and reads inputs back as form values', async () => {
    const gallery = await context.newPage();
    gallery.on('pageerror', (error) => pageErrors.push(`gallery: ${error.message}`));
    await gallery.goto(sandbox.url);
    const hostile = '<img src=x onerror="globalThis.hacked=1"> &amp; <!channel>';
    // The gallery runs in the page, against the page's own block-kit.js (see block-kit-gallery.js).
    await gallery.evaluate(readFileSync(new URL('./block-kit-gallery.js', import.meta.url), 'utf8'));
    const result = await gallery.evaluate(
      (text) =>
        (
          globalThis as unknown as { blockKitGallery: (text: string) => Promise<GalleryResult> }
        ).blockKitGallery(text),
      hostile,
    );
    await gallery.close();

    expect(result.text).toContain('A header 🎉');
    expect(result.text).toContain(`quoted ${hostile}`);
    expect(result.text).toContain('Due Thursday, March 5th, 2026');
    expect(result.text).toContain("isn't shown in the sandbox");
    expect(result.images).toBe(0);
    expect(result.hacked).toBeNull();
    for (const [selector, count] of result.tags) expect(count, String(selector)).toBeGreaterThan(0);
    expect(result.error).toBe('Not like that');
    expect(result.link).toBe('https://example.com');
    expect(result.values).toEqual({
      text: 'hi',
      long: 'Two\nlines',
      select: 's2',
      multi: ['m2'],
      radio: 'r2',
      boxes: ['c1'],
      date: '2026-03-05',
      time: '09:30',
      when: 1772722800,
    });
    expect(result.actions).toEqual([
      { type: 'button', actionId: 'go', blockId: 'acts', value: 'g' },
      { type: 'button', actionId: 'acc', value: 'v1' },
      { type: 'option', actionId: 'pick', blockId: 'acts', option: 'b' },
      { type: 'option', actionId: 'more', blockId: 'acts', option: 'x' },
    ]);
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('shows what Slack would refuse, in the sidebar and as it happens', async () => {
    // The app's own client, as a listener would use it: Slack refuses a header with mrkdwn text.
    const refused = await sandbox.rebound.app.client.chat
      .postMessage({
        channel: sandbox.user.id,
        text: 'Bad header',
        blocks: [{ type: 'header', text: { type: 'mrkdwn', text: '*no*' } }] as never,
      })
      .catch((error: { data?: { error?: string } }) => error.data?.error);
    expect(refused).toBe('invalid_blocks');
    await page.getByText('1 thing Slack would refuse or show as an error:').waitFor();
    await page
      .locator('#problems')
      .getByText(/must be plain_text/)
      .waitFor();
    await page
      .locator('.toast.error')
      .getByText(/Slack would not accept this/)
      .waitFor();
  }, 30_000);
});
