import type { Logger } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { ReboundError } from '../../../src/errors.js';
import type { ListenerDeps } from '../../../src/slack/platform/deps.js';
import { dedupeEvents } from '../../../src/slack/platform/event-dedupe.js';
import type { Store } from '../../../src/store/store.js';

function setup(
  recordEventOnce: Store['recordEventOnce'],
  forgetEvent: Store['forgetEvent'] = async () => true,
) {
  const lines: string[] = [];
  const logger = {
    info: (...parts: unknown[]) => lines.push(parts.join(' ')),
    warn: (...parts: unknown[]) => lines.push(parts.join(' ')),
  } as unknown as Logger;
  const deps = {
    store: { recordEventOnce, forgetEvent } as unknown as Store,
    clock: () => new Date(0),
    logger,
  } as ListenerDeps;
  const middleware = dedupeEvents(deps);
  const run = async (body: unknown, retryNum?: number, listener: () => Promise<void> = async () => {}) => {
    const next = vi.fn(listener);
    await middleware({ body, context: { retryNum }, next } as never);
    return next.mock.calls.length;
  };
  return { run, lines };
}

const event = (id: string) => ({ type: 'event_callback', event_id: id, event: { type: 'app_home_opened' } });

describe('dedupeEvents', () => {
  it('lets the first delivery of an event id through and drops repeats', async () => {
    const seen = new Set<string>();
    const { run, lines } = setup(async (id) => !seen.has(id) && Boolean(seen.add(id)));
    expect(await run(event('Ev1'))).toBe(1);
    expect(await run(event('Ev1'), 1)).toBe(0);
    expect(await run(event('Ev2'))).toBe(1);
    expect(lines).toEqual(['Event Ev1 was already handled; ignored its retry 1.']);
  });

  it('passes commands and interactions straight through, without the store', async () => {
    const record = vi.fn(async () => true);
    const { run } = setup(record);
    expect(await run({ command: '/rejected', text: '' })).toBe(1);
    expect(await run({ type: 'block_actions' })).toBe(1);
    expect(record).not.toHaveBeenCalled();
  });

  it('handles the event anyway when the store cannot say, logging only the code', async () => {
    const { run, lines } = setup(async () => {
      throw new ReboundError('store_unavailable', 'down');
    });
    expect(await run(event('Ev1'))).toBe(1);
    expect(lines).toEqual(['Event Ev1 could not be recorded; handling it anyway: store_unavailable']);
  });

  it("forgets a failed listener's event, so Slack's retry of it is handled", async () => {
    const seen = new Set<string>();
    const { run, lines } = setup(
      async (id) => !seen.has(id) && Boolean(seen.add(id)),
      async (id) => seen.delete(id),
    );
    const failing = async () => {
      throw new ReboundError('store_unavailable', 'down');
    };
    await expect(run(event('Ev1'), undefined, failing)).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(await run(event('Ev1'), 1)).toBe(1);
    expect(await run(event('Ev1'), 2)).toBe(0);
    expect(lines).toEqual([
      'Event Ev1 failed (store_unavailable); a retry of it will be handled.',
      'Event Ev1 was already handled; ignored its retry 2.',
    ]);
  });
});
