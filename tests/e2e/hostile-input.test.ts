// Requests Slack would never send, and text people might: the app refuses the first without
// touching the Web API, survives the malformed, and escapes the rest.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../../emulator/index.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const commandBody = new URLSearchParams({
  command: '/rejected',
  text: 'Acme',
  team_id: 'T1',
  user_id: 'U1',
  user_name: 'alice',
  channel_id: 'C1',
  trigger_id: 'forged.trigger',
  response_url: 'http://127.0.0.1:9/never',
  api_app_id: 'A1',
}).toString();

describe('hostile and malformed requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: NOW });
    h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const apiCallsAfter = async (send: () => Promise<{ status: number }>) => {
    const before = h.emu.calls.length;
    const response = await send();
    await h.idle();
    return { status: response.status, calls: h.emu.calls.slice(before) };
  };

  it('rejects a forged signature with 401 and calls nothing', async () => {
    const headers = { ...h.emu.sign(commandBody), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    const { status, calls } = await apiCallsAfter(() => h.emu.deliverRaw({ body: commandBody, headers }));
    expect(status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('rejects a correctly signed but stale request with 401 and calls nothing', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const headers = h.emu.sign(commandBody, sixMinutesAgo);
    const { status, calls } = await apiCallsAfter(() => h.emu.deliverRaw({ body: commandBody, headers }));
    expect(status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('rejects a request signed for a different body', async () => {
    const headers = h.emu.sign(commandBody);
    const tampered = commandBody.replace('Acme', 'Evil');
    const { status, calls } = await apiCallsAfter(() => h.emu.deliverRaw({ body: tampered, headers }));
    expect(status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('survives malformed bodies and unknown ids, and keeps serving', async () => {
    const send = (body: string, contentType = 'application/x-www-form-urlencoded') =>
      h.emu.deliverRaw({ body, headers: { ...h.emu.sign(body), 'content-type': contentType } });
    const malformed = [
      await send('payload=%7Bnot-json'),
      await send('{"type":"event_callback",', 'application/json'),
      await send(`payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: 'nope' }))}`),
      await send(
        `payload=${encodeURIComponent(
          JSON.stringify({
            type: 'view_submission',
            team: { id: 'T1' },
            user: { id: 'U1', team_id: 'T1' },
            view: {
              id: 'V1',
              callback_id: 'routine_step_2',
              private_metadata: '{"draftId":"nope"}',
              state: { values: {} },
            },
          }),
        )}`,
      ),
      await send(
        `payload=${encodeURIComponent(
          JSON.stringify({
            type: 'view_submission',
            team: { id: 'T1' },
            user: { id: 'U1', team_id: 'T1' },
            view: { id: 'V1', callback_id: 'no_such_callback', private_metadata: '', state: { values: {} } },
          }),
        )}`,
      ),
    ];
    for (const response of malformed) expect(response.status).toBeLessThan(500);

    // Still healthy, and a real user still gets a modal.
    const health = await fetch(`http://127.0.0.1:${h.rebound.port}/healthz`);
    expect(health.status).toBe(200);
    const alice = h.emu.addUser({ id: 'U2', name: 'bob', tz: null });
    await alice.command('/rejected', '');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await alice.closeModal();
  });
});

describe('hostile text in answers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: NOW, logLevel: 'debug' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('accepts 3,000-character answers with emoji, RTL and mrkdwn specials, escapes them, and never logs them', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Jerusalem' });
    const marker = 'PRIVATE-MARKER';
    const hostile = `${marker} <!channel> <@U999> & <https://evil.example|click> 🙂 שלום עולם `;
    const long = hostile.repeat(60).slice(0, 3000);
    const company = '<!here> & Co';

    await alice.command('/rejected', company);
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await alice.submit({ role: `${marker} <b>`, stage: 'other', intermediary: 'none' });
    await alice.submit({ interview: long, preparation: long, rapport: long, strengths: long });
    await alice.submit({
      dailyFit: 'yes',
      excited: 'very',
      skillsElsewhere: 'no',
      fitNotes: long,
      tweakOther: 'a <!everyone> b',
    });
    const last = await alice.submit({ lesson: long });
    expect(last.errors).toBeUndefined();

    await expect.poll(() => alice.dm.length).toBe(1);
    const sent = JSON.stringify(alice.dm[0]);
    for (const live of ['<!channel>', '<!here>', '<!everyone>', '<@U999>', '<https://evil.example|click>']) {
      expect(sent).not.toContain(live);
    }
    expect(sent).toContain('&lt;!channel&gt;');
    expect(sent).toContain('&lt;!here&gt; &amp; Co');
    expect(sent).toContain('🙂');
    expect(sent).toContain('שלום עולם');
    // …and the person reads exactly what they typed, mentions and all, as plain text.
    const shown = visibleText(alice.dm[0]);
    expect(shown).toContain('<!channel>');
    expect(shown).toContain('<!here> & Co');
    expect(h.emu.problems).toEqual([]);

    // Nothing the user typed reaches the logs, even at debug level.
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(marker);
  });
});
