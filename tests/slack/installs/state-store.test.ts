import type { InstallURLOptions } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { createOAuthStateStore } from '../../../src/slack/installs/state-store.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/store.js';

const installOptions: InstallURLOptions = { scopes: ['commands'] };
const SECRET = 'state-secret-state-secret-state-secret';
let now = new Date('2030-01-01T00:00:00Z');
let store: Store;
const stateStore = (secret = SECRET) =>
  createOAuthStateStore({ secret, store, clock: () => now, installOptions });
const invalid = expect.objectContaining({ code: ErrorCode.OAuthStateInvalid });

beforeEach(async () => {
  now = new Date('2030-01-01T00:00:00Z');
  store = await createStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

describe('OAuth state store', () => {
  it('accepts its own fresh state once, and hands back the install options', async () => {
    const states = stateStore();
    const state = await states.generateStateParam(installOptions, new Date(0));
    expect(await stateStore().generateStateParam(installOptions, new Date(0))).not.toBe(state);
    expect(await states.verifyStateParam(new Date(0), state)).toEqual(installOptions);
    await expect(states.verifyStateParam(new Date(0), state)).rejects.toThrow(/already used/);
  });

  it('refuses states it did not sign, altered ones, and malformed ones', async () => {
    const state = await stateStore('another-secret-another-secret-another').generateStateParam(
      installOptions,
      now,
    );
    await expect(stateStore().verifyStateParam(now, state)).rejects.toEqual(invalid);
    const [id, issued, signature] = (await stateStore().generateStateParam(installOptions, now)).split('.');
    const altered = `${id}x.${issued}.${signature}`;
    for (const bad of [altered, '', 'a.b', 'a.b.c.d', `${id}.${issued}.`]) {
      await expect(stateStore().verifyStateParam(now, bad)).rejects.toEqual(invalid);
    }
  });

  it('refuses a state older than ten minutes by the app clock', async () => {
    const states = stateStore();
    const state = await states.generateStateParam(installOptions, now);
    now = new Date(now.getTime() + 10 * 60_000 + 1);
    await expect(states.verifyStateParam(new Date(0), state)).rejects.toThrow(/expired/);
  });
});
