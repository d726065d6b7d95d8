// The emulator's Slack rules around modals, triggers, signatures, acks and the Web API, driven by a bare
// Bolt app over HTTP.

import type { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { demoStep } from '../../emulator/demo-routine-app.js';
import { createSlackEmulator, type SlackEmulator, type SlackEmulatorOptions } from '../../emulator/index.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errorCode(error: unknown): string {
  const data = typeof error === 'object' && error !== null && 'data' in error ? error.data : undefined;
  return typeof data === 'object' && data !== null && 'error' in data ? String(data.error) : String(error);
}

/** Runs `call` and returns 'ok' or Slack's error code. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return errorCode(error);
  }
}

let emu: SlackEmulator | undefined;
let bare: BareApp | undefined;

async function setup(register: (app: App) => void, options: Partial<SlackEmulatorOptions> = {}) {
  emu = await createSlackEmulator({ ...TEST_SECRETS, ...options });
  bare = await startHttpApp(emu, register);
  return { emu, alice: emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' }) };
}

afterEach(async () => {
  await bare?.stop();
  await emu?.close();
  bare = undefined;
  emu = undefined;
});

describe('trigger_id', () => {
  it('expires after triggerTtlMs', async () => {
    const results: string[] = [];
    const { emu, alice } = await setup(
      (app) => {
        app.command('/demo', async ({ ack, body, client }) => {
          await ack();
          await sleep(120);
          results.push(
            await outcome(() => client.views.open({ trigger_id: body.trigger_id, view: demoStep(1) })),
          );
        });
      },
      { triggerTtlMs: 50 },
    );
    await alice.command('/demo');
    await expect.poll(() => results).toEqual(['expired_trigger_id']);
    expect(alice.modal).toBeUndefined();
    expect(emu.problems).toEqual([expect.stringContaining('expired_trigger_id')]);
  });

  it('can be exchanged only once', async () => {
    const results: string[] = [];
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, body, client }) => {
        await ack();
        for (let i = 0; i < 2; i += 1) {
          results.push(
            await outcome(() => client.views.open({ trigger_id: body.trigger_id, view: demoStep(1) })),
          );
        }
      });
    });
    await alice.command('/demo');
    await expect.poll(() => results).toEqual(['ok', 'exchanged_trigger_id']);
    expect(emu.problems).toEqual([expect.stringContaining('exchanged_trigger_id')]);
  });

  it('is unknown when made up', async () => {
    const { emu } = await setup(() => {});
    const answer = await bare?.app.client.views
      .open({ trigger_id: '123.456.abc', view: demoStep(1) })
      .then(() => 'ok', errorCode);
    expect(answer).toBe('invalid_trigger_id');
    expect(emu.problems).toHaveLength(1);
  });
});

describe('view stack', () => {
  it('allows views.open plus two views.push, then push_limit_reached', async () => {
    const results: string[] = [];
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: pushable(1) });
      });
      app.action('more', async ({ ack, body, client }) => {
        await ack();
        if (body.type !== 'block_actions') return;
        const depth = alice.modalStack.length + 1;
        results.push(
          await outcome(() => client.views.push({ trigger_id: body.trigger_id, view: pushable(depth) })),
        );
      });
    });
    await alice.command('/demo');
    await alice.waitForModal();
    for (let i = 0; i < 3; i += 1) {
      await alice.clickButton('more');
      await expect.poll(() => results.length).toBe(i + 1);
    }
    expect(results).toEqual(['ok', 'ok', 'push_limit_reached']);
    expect(alice.modalStack.map((view) => view.callback_id)).toEqual(['layer_1', 'layer_2', 'layer_3']);
    expect(alice.modalStack[2]?.previous_view_id).toBe(alice.modalStack[1]?.id);
    expect(emu.problems).toEqual([expect.stringContaining('push_limit_reached')]);

    await alice.closeModal();
    expect(alice.modal?.callback_id).toBe('layer_2');
  });

  it('rejects an invalid view with invalid_arguments and records the problem', async () => {
    const results: string[] = [];
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, body, client }) => {
        await ack();
        const view = { ...demoStep(1), title: plain('A title that is far too long for Slack') };
        results.push(await outcome(() => client.views.open({ trigger_id: body.trigger_id, view })));
      });
    });
    await alice.command('/demo');
    await expect.poll(() => results).toEqual(['invalid_arguments']);
    expect(alice.modal).toBeUndefined();
    expect(emu.problems).toEqual([expect.stringContaining('title.text: 38 chars > 24')]);
    expect(emu.callsTo('views.open')[0]).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('records an invalid view in a response_action ack and keeps the modal as it was', async () => {
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: demoStep(1) });
      });
      app.view('demo_step_1', async ({ ack }) => {
        await ack({ response_action: 'update', view: { ...demoStep(2), submit: undefined } });
      });
    });
    await alice.command('/demo');
    await alice.waitForModal();
    await alice.submit({ answer_1: 'x' });
    expect(alice.modal?.callback_id).toBe('demo_step_1');
    expect(emu.problems).toEqual([
      expect.stringContaining('submit: is required when the modal has an input block'),
    ]);
  });

  it('keeps what the user typed across views.update when block_id and action_id stay the same', async () => {
    const withRefresh = (initial: string) => ({
      ...demoStep(1, initial),
      blocks: [...demoStep(1, initial).blocks, refreshButton()],
    });
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: withRefresh('initial') });
      });
      app.action('refresh', async ({ ack, body, client }) => {
        await ack();
        if (body.type !== 'block_actions' || !body.view) return;
        await client.views.update({ view_id: body.view.id, view: withRefresh('a new initial value') });
      });
    });
    await alice.command('/demo');
    const opened = await alice.waitForModal();
    await alice.clickButton('refresh', { values: { answer_1: 'typed by alice' } });
    await alice.waitForModal((view) => view.hash !== opened.hash);
    expect(alice.modalState?.answer_1).toEqual({
      value: { type: 'plain_text_input', value: 'typed by alice' },
    });
    expect(emu.problems).toEqual([]);
  });

  it('flags views.update on a view whose submission is still waiting for its ack', async () => {
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: demoStep(1) });
      });
      app.view('demo_step_1', async ({ ack, view, client }) => {
        await client.views.update({ view_id: view.id, view: demoStep(2) });
        await ack();
      });
    });
    await alice.command('/demo');
    await alice.waitForModal();
    await alice.submit({ answer_1: 'x' });
    expect(emu.problems).toEqual([expect.stringContaining('views.update during a view_submission')]);
  });
});

function pushable(depth: number) {
  return {
    type: 'modal' as const,
    callback_id: `layer_${depth}`,
    title: plain(`Layer ${depth}`),
    blocks: [
      {
        type: 'actions' as const,
        elements: [{ type: 'button' as const, action_id: 'more', text: plain('More') }],
      },
    ],
  };
}

function refreshButton() {
  return {
    type: 'actions' as const,
    block_id: 'tools',
    elements: [{ type: 'button' as const, action_id: 'refresh', text: plain('Refresh') }],
  };
}

describe('request signing', () => {
  const body = 'command=%2Fdemo&user_id=U1&team_id=T1&trigger_id=1.2.3&text=';

  it('gets 401 from Bolt for a forged signature or a stale timestamp, 200 when signed', async () => {
    let handled = 0;
    const { emu } = await setup((app) => {
      app.command('/demo', async ({ ack }) => {
        handled += 1;
        await ack();
      });
    });
    const forged = { ...emu.sign(body), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    expect((await emu.deliverRaw({ body, headers: forged })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await emu.deliverRaw({ body, headers: emu.sign(body, sixMinutesAgo) })).status).toBe(401);
    expect((await emu.deliverRaw({ body: `${body}x`, headers: emu.sign(body) })).status).toBe(401);
    expect(handled).toBe(0);
    expect((await emu.deliverRaw({ body, headers: emu.sign(body) })).status).toBe(200);
    expect(handled).toBe(1);
  });
});

describe('acknowledgement deadline', () => {
  it('records a problem and resolves with status 0 when the app acks too late', async () => {
    const { emu, alice } = await setup(
      (app) => {
        app.command('/demo', async ({ ack }) => {
          await sleep(400);
          await ack();
        });
      },
      { ackTimeoutMs: 150 },
    );
    const result = await alice.command('/demo');
    expect(result.status).toBe(0);
    expect(emu.problems).toEqual([expect.stringContaining('no ack within 150 ms')]);
  });

  it('records a command ack message as an ephemeral for the user', async () => {
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack }) => {
        await ack({ text: 'Only you can see this', blocks: [{ type: 'section', text: plain('Hi') }] });
      });
    });
    const result = await alice.command('/demo');
    expect(result.body).toMatchObject({ text: 'Only you can see this' });
    expect(alice.ephemerals).toEqual([
      expect.objectContaining({ text: 'Only you can see this', source: 'ack' }),
    ]);
    expect(emu.problems).toEqual([]);
  });
});

describe('events', () => {
  it('wraps events in event_callback with authorizations and adds retry headers', async () => {
    const seen: Array<{ eventId: unknown; retryNum: unknown; retryReason: unknown; tab: unknown }> = [];
    const { emu, alice } = await setup((app) => {
      app.event('app_home_opened', async ({ event, body, context, client }) => {
        seen.push({
          eventId: body.event_id,
          retryNum: context.retryNum,
          retryReason: context.retryReason,
          tab: event.tab,
        });
        await client.views.publish({
          user_id: event.user,
          view: { type: 'home', blocks: [{ type: 'section', text: plain(`Visits: ${seen.length}`) }] },
        });
      });
    });
    const first = await alice.openHome();
    expect(first.status).toBe(200);
    await expect.poll(() => alice.home?.blocks[0]).toMatchObject({ text: { text: 'Visits: 1' } });
    const firstHomeId = alice.home?.id;

    await emu.sendEvent(
      { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' },
      { eventId: 'Ev1', retryNum: 1, retryReason: 'http_timeout' },
    );
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]).toEqual({ eventId: 'Ev1', retryNum: 1, retryReason: 'http_timeout', tab: 'home' });
    await expect.poll(() => alice.home?.blocks[0]).toMatchObject({ text: { text: 'Visits: 2' } });
    expect(alice.home?.id).toBe(firstHomeId);
    expect(emu.problems).toEqual([]);
  });
});

describe('Web API', () => {
  it('answers auth.test for the bot and refuses bad tokens', async () => {
    const { emu } = await setup(() => {});
    const post = (method: string, headers: Record<string, string>) =>
      fetch(`${emu.apiUrl}${method}`, { method: 'POST', headers }).then((res) => res.json());
    expect(await post('auth.test', { authorization: 'Bearer xoxb-test' })).toMatchObject({
      ok: true,
      user_id: 'UBOT',
      team_id: 'T1',
    });
    expect(await post('auth.test', { authorization: 'Bearer xoxb-wrong' })).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await post('auth.test', {})).toEqual({ ok: false, error: 'not_authed' });
    expect(await post('auth.test', { authorization: 'Bearer xapp-test' })).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect(await post('apps.connections.open', { authorization: 'Bearer xapp-test' })).toMatchObject({
      ok: true,
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\//),
    });
    expect(await post('no.such.method', { authorization: 'Bearer xoxb-test' })).toEqual({
      ok: false,
      error: 'unknown_method',
    });
  });

  it('answers users.info with the IANA zone, its label and offset', async () => {
    const { emu } = await setup(() => {});
    emu.addUser({ id: 'U2', name: 'bob', tz: null });
    const client = bare?.app.client;
    const alice = await client?.users.info({ user: 'U1' });
    const expectedOffset = newYorkOffsetSeconds(new Date());
    expect(alice?.user).toMatchObject({
      id: 'U1',
      tz: 'America/New_York',
      tz_offset: expectedOffset,
      is_bot: false,
    });
    expect(alice?.user?.tz_label).toMatch(/Eastern (Standard|Daylight) Time/);
    expect((await client?.users.info({ user: 'U2' }))?.user?.tz).toBeNull();
    expect(await client?.users.info({ user: 'U404' }).then(() => 'ok', errorCode)).toBe('user_not_found');
  });
});

/** New York is UTC-5 in winter and UTC-4 in summer; tell them apart by the UTC hour of local midnight. */
function newYorkOffsetSeconds(at: Date): number {
  const local = new Date(at.toLocaleString('en-US', { timeZone: 'America/New_York' }));
  const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' }));
  return Math.round((local.getTime() - utc.getTime()) / 1000);
}
