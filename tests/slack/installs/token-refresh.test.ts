// The job's token refresh (token rotation): refreshes only near expiry, stores the new pair
// by compare-and-set, and an instance that lost the refresh (single-use refresh token) or
// the store race uses the winner's pair instead of losing the workspace.

import { randomBytes } from 'node:crypto';
import type { Installation, Logger } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../../src/crypto/token-cipher.js';
import { ErrorCode } from '../../../src/errors.js';
import { bindingFor } from '../../../src/slack/installs/installation-store.js';
import {
  createTokenRefresher,
  needsRefresh,
  type RefreshedPair,
} from '../../../src/slack/installs/token-refresh.js';
import type { InstallationKey, Store } from '../../../src/store/store.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const SEC = Math.floor(NOW.getTime() / 1000);
const KEY: InstallationKey = { enterpriseId: null, teamId: 'TA' };
const cipher = createTokenCipher(randomBytes(32));
const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

const installation = (token: string, refreshToken: string, expiresAt: number): Installation =>
  ({
    team: { id: 'TA' },
    enterprise: undefined,
    isEnterpriseInstall: false,
    authVersion: 'v2',
    bot: { token, refreshToken, expiresAt, scopes: [], id: 'B1', userId: 'UBOT' },
  }) as unknown as Installation;

/** One sealed row, and a hook to change it between the read and the write. */
function fakeStore(first: Installation) {
  let sealed: string | null = cipher.encrypt(JSON.stringify(first), bindingFor(KEY));
  const store = {
    async findInstallation() {
      return sealed === null ? null : { sealed };
    },
    async resealInstallation(_key: InstallationKey, from: string, to: string) {
      if (sealed !== from) return false;
      sealed = to;
      return true;
    },
  } as unknown as Store;
  return {
    store,
    put: (next: Installation | null) => {
      sealed = next === null ? null : cipher.encrypt(JSON.stringify(next), bindingFor(KEY));
    },
    stored: () =>
      sealed === null ? null : (JSON.parse(cipher.decrypt(sealed, bindingFor(KEY))) as Installation),
  };
}

function refresher(store: Store, refreshGrant: (refreshToken: string) => Promise<RefreshedPair>) {
  const forgotten: InstallationKey[] = [];
  const r = createTokenRefresher({
    store,
    cipher,
    clock: () => NOW,
    logger: silent,
    refreshGrant,
    forget: (key) => forgotten.push(key),
  });
  return { r, forgotten };
}

const refused = () =>
  Promise.reject(Object.assign(new Error('x'), { data: { error: 'invalid_refresh_token' } }));

describe('token refresh for the job', () => {
  it('refreshes within 2 hours of expiry only, and never a token without a refresh token', () => {
    expect(needsRefresh(installation('t', 'r', SEC + 3 * 3600), NOW)).toBe(false);
    expect(needsRefresh(installation('t', 'r', SEC + 3600), NOW)).toBe(true);
    expect(needsRefresh(installation('t', 'r', SEC - 1), NOW)).toBe(true);
    expect(needsRefresh({ team: { id: 'TA' }, bot: { token: 't' } } as unknown as Installation, NOW)).toBe(
      false,
    );
  });

  it('stores the new pair and drops cached copies', async () => {
    const old = installation('t1', 'r1', SEC + 60);
    const db = fakeStore(old);
    const { r, forgotten } = refresher(db.store, async (rt) => {
      expect(rt).toBe('r1');
      return { access_token: 't2', refresh_token: 'r2', expires_in: 43_200 };
    });
    const fresh = await r.fresh(old);
    expect(fresh.bot).toMatchObject({ token: 't2', refreshToken: 'r2', expiresAt: SEC + 43_200 });
    expect(db.stored()?.bot).toMatchObject({ token: 't2', refreshToken: 'r2' });
    expect(forgotten).toEqual([KEY]);
  });

  it("refused at Slack after another instance refreshed: uses the winner's stored pair", async () => {
    const old = installation('t1', 'r1', SEC - 60);
    const db = fakeStore(old);
    const { r } = refresher(db.store, () => {
      db.put(installation('t2', 'r2', SEC + 43_200)); // the winner stored meanwhile
      return refused();
    });
    expect((await r.fresh(old)).bot?.token).toBe('t2');
    expect(db.stored()?.bot?.refreshToken).toBe('r2');
  });

  it('refused with nothing newer stored: the old token while it lasts, else a retryable error', async () => {
    const lasting = installation('t1', 'r1', SEC + 60);
    expect((await refresher(fakeStore(lasting).store, refused).r.fresh(lasting)).bot?.token).toBe('t1');
    const expired = installation('t1', 'r1', SEC - 60);
    const db = fakeStore(expired);
    await expect(refresher(db.store, refused).r.fresh(expired)).rejects.toMatchObject({
      code: ErrorCode.TokenRefreshFailed,
    });
    expect(db.stored()?.bot?.refreshToken).toBe('r1'); // nothing overwritten, the workspace kept
  });

  it('a row changed between read and write is not overwritten', async () => {
    const old = installation('t1', 'r1', SEC - 60);
    const db = fakeStore(old);
    const { r } = refresher(db.store, async () => {
      db.put(installation('t9', 'r9', SEC + 43_200)); // a reinstall meanwhile
      return { access_token: 't2', refresh_token: 'r2', expires_in: 43_200 };
    });
    expect((await r.fresh(old)).bot?.token).toBe('t9');
    expect(db.stored()?.bot?.token).toBe('t9');
  });

  it('an installation gone meanwhile is not_installed', async () => {
    const old = installation('t1', 'r1', SEC - 60);
    const db = fakeStore(old);
    db.put(null);
    await expect(refresher(db.store, refused).r.fresh(old)).rejects.toMatchObject({
      code: ErrorCode.NotInstalled,
    });
  });
});
