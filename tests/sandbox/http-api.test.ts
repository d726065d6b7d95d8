// The sandbox server without a browser: its JSON API over the emulator, what it shows when a command
// is unknown or a modal is stale, its loopback-only guard, and the clock that moves the app's time.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxClock } from '../../sandbox/clock.js';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.js';

const START = new Date('2026-03-02T15:00:00Z');
const DAY_MS = 86_400_000;

let sandbox: RunningSandbox;
const sandboxErrors: unknown[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    startAt: START,
    tz: 'Europe/Berlin',
    logLevel: 'error',
    logSink: { write: () => {} },
    followUpCron: '0 0 1 1 *',
    onError: (error) => sandboxErrors.push(error),
  });
});

afterAll(async () => {
  await sandbox?.stop();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(new URL(path, sandbox.url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Ephemeral {
  from: string;
  text: string;
  channel: string;
}

async function ephemerals(): Promise<Ephemeral[]> {
  return (await call('/api/state')).body.ephemerals as Ephemeral[];
}

describe('the sandbox API', () => {
  it('starts on the app clock it was given, for the emulated person in their timezone', async () => {
    const { body } = await call('/api/state');
    expect(Math.abs(Number(body.now) - START.getTime())).toBeLessThan(60_000);
    expect(body).toMatchObject({
      appName: 'Rebound',
      commands: ['/rejected'],
      user: { id: 'U0SANDBOX', tz: 'Europe/Berlin' },
      modal: null,
      home: null,
      problems: [],
    });
  });

  it('answers text that is not a known slash command as Slack does, without bothering the app', async () => {
    await call('/api/command', { channel: 'C0GENERAL', text: 'hello there' });
    await call('/api/command', { channel: 'C0GENERAL', text: '/nope please' });
    expect(await ephemerals()).toEqual([
      expect.objectContaining({
        from: 'slackbot',
        channel: 'C0GENERAL',
        text: expect.stringContaining('/rejected'),
      }),
      expect.objectContaining({
        from: 'slackbot',
        text: expect.stringContaining('`/nope` is not a valid command'),
      }),
    ]);
    expect(sandbox.emu.calls).toHaveLength(sandbox.emu.callsTo('auth.test').length);
  });

  it('opens the modal the app sent, refuses a stale one, and checks what the page sends', async () => {
    const opened = await call('/api/command', { channel: 'DU0SANDBOX', text: '/rejected Initech' });
    expect(opened).toMatchObject({ status: 200, body: { ok: true, status: 200 } });
    await sandbox.user.waitForModal();
    const { body } = await call('/api/state');
    const modal = body.modal as { view: { id: string; title: { text: string } }; state: object };
    expect(modal.view.title.text).toMatch(/Step 1 of 4/);
    expect(modal.state).toMatchObject({ company: { value: { type: 'plain_text_input', value: 'Initech' } } });

    expect(await call('/api/modal/submit', { viewId: 'V0STALE', values: {} })).toMatchObject({
      status: 409,
      body: { ok: false, error: 'That modal is no longer open.' },
    });
    expect(
      (await call('/api/modal/enter', { viewId: modal.view.id, values: { role: { x: 1 } } })).status,
    ).toBe(400);
    const raced = await call('/api/modal/enter', {
      viewId: modal.view.id,
      hash: 'old',
      values: { role: 'x' },
    });
    expect(raced.status).toBe(409);
    const badOption = await call('/api/modal/enter', { viewId: modal.view.id, values: { stage: 'moon' } });
    expect(badOption).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('not one of the options') },
    });
    // A value no person could pick means the page is wrong: the terminal hears about it too.
    expect(sandboxErrors.splice(0)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('moon') }),
    ]);

    // Slack's own client-side check: required fields left empty never reach the app.
    const submitted = await call('/api/modal/submit', { viewId: modal.view.id, values: { company: null } });
    expect(submitted.body).toMatchObject({ ok: true, status: 0, errors: { company: expect.any(String) } });
    expect(((await call('/api/state')).body.modal as { errors: object }).errors).toHaveProperty('company');

    await call('/api/modal/close', { viewId: modal.view.id, values: {} });
    expect((await call('/api/state')).body.modal).toBeNull();
    expect(sandbox.emu.problems).toEqual([]);
  });

  it('moves only the app clock forward, and only forward', async () => {
    const before = Number((await call('/api/state')).body.now);
    const moved = await call('/api/clock/advance', { ms: DAY_MS });
    expect(moved.body).toMatchObject({ ok: true, sent: 0 });
    expect(Number(moved.body.now) - before).toBeGreaterThanOrEqual(DAY_MS);
    expect((await call('/api/clock/advance', { ms: -1 })).status).toBe(400);
    expect((await call('/api/clock/advance', { ms: 'soon' })).status).toBe(400);
  });

  it('serves its page files and nothing else, on localhost names only', async () => {
    const page = await fetch(sandbox.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('Nothing here talks to the real Slack');
    expect((await fetch(new URL('/app.js', sandbox.url))).headers.get('content-type')).toContain(
      'javascript',
    );
    for (const path of ['/package.json', '/..%2Fserver.ts', '/public/app.js']) {
      expect((await fetch(new URL(path, sandbox.url))).status, path).toBe(404);
    }
    expect((await call('/api/nope', {})).status).toBe(404);

    const foreign = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: sandbox.port, path: '/api/state', headers: { host: 'attacker.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(foreign).toBe(421);
    expect(sandboxErrors).toEqual([]);
  });

  it('refuses its API to pages on other sites, however they ask', async () => {
    const { now: _before, ...before } = (await call('/api/state')).body;
    const post = (headers: Record<string, string>, body = '{"channel":"general","text":"/rejected Evil"}') =>
      fetch(new URL('/api/command', sandbox.url), { method: 'POST', headers, body });
    // A fetch from another page: the browser names its origin.
    expect(
      (await post({ 'content-type': 'application/json', origin: 'https://attacker.example' })).status,
    ).toBe(403);
    // A form or a "simple" fetch from elsewhere: plain text, and the browser says cross-site.
    expect((await post({ 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect(
      (await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'channel=general')).status,
    ).toBe(415);
    expect(
      (
        await fetch(new URL('/api/state', sandbox.url), {
          headers: { origin: 'http://localhost.attacker.example' },
        })
      ).status,
    ).toBe(403);
    // Nothing happened; the sandbox's own page still gets through.
    const { now: _after, ...after } = (await call('/api/state')).body;
    expect(after).toEqual(before);
    const own = await post({
      'content-type': 'application/json',
      origin: sandbox.url.replace(/\/$/, ''),
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
  });
});

describe('SandboxClock', () => {
  it('maps a real moment to the app time in force then, across jumps', () => {
    let real = 1_000_000;
    const clock = new SandboxClock(new Date(5_000_000), () => real);
    expect(clock.now().getTime()).toBe(5_000_000);
    real += 10;
    clock.advance(DAY_MS);
    real += 10;
    expect(clock.now().getTime()).toBe(5_000_020 + DAY_MS);
    expect(clock.appTimeAt(1_000_005)).toBe(5_000_005);
    expect(clock.appTimeAt(1_000_015)).toBe(5_000_015 + DAY_MS);
    expect(() => clock.advance(0)).toThrow(RangeError);
  });
});
