// The contract for Slack installations and redeemed OAuth states. Part of runStoreContract,
// so SQLite and PostgreSQL are held to it alike. The store sees sealed text only; what it is
// sealed with is the app's business (tests/slack/installation-store.test.ts).

import { describe, expect, it } from 'vitest';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import type { InstallationKey, Store } from '../../src/store/store.js';
import { at, MINUTE, T0 } from './contract-support.js';

const acme: InstallationKey = { enterpriseId: null, teamId: 'T_ACME' };
const acmeInGrid: InstallationKey = { enterpriseId: 'E_GRID', teamId: 'T_ACME' };
const gridOrgWide: InstallationKey = { enterpriseId: 'E_GRID', teamId: null };
const globex: InstallationKey = { enterpriseId: null, teamId: 'T_GLOBEX' };

export function describeInstallations(current: () => Store): void {
  describe('installations', () => {
    it('saves, finds and replaces one installation per key, keeping the first install time', async () => {
      const store = current();
      expect(await store.findInstallation(acme)).toBeNull();
      const first = await store.saveInstallation(acme, 'sealed-1', T0);
      expect(first).toEqual({ key: acme, sealed: 'sealed-1', installedAt: T0, updatedAt: T0 });
      expect(await store.findInstallation(acme)).toEqual(first);

      const again = await store.saveInstallation(acme, 'sealed-2', at(MINUTE));
      expect(again).toEqual({ key: acme, sealed: 'sealed-2', installedAt: T0, updatedAt: at(MINUTE) });
      expect(await store.listInstallations({ limit: 10 })).toEqual([again]);
    });

    it('tells a workspace, the same workspace on Grid, and an org-wide install apart', async () => {
      const store = current();
      await store.saveInstallation(acme, 'plain', T0);
      await store.saveInstallation(acmeInGrid, 'grid-team', T0);
      await store.saveInstallation(gridOrgWide, 'org-wide', T0);
      expect((await store.findInstallation(acme))?.sealed).toBe('plain');
      expect((await store.findInstallation(acmeInGrid))?.sealed).toBe('grid-team');
      expect(await store.findInstallation(gridOrgWide)).toMatchObject({
        key: gridOrgWide,
        sealed: 'org-wide',
      });
      expect(await store.findInstallation({ enterpriseId: 'E_OTHER', teamId: null })).toBeNull();
    });

    it('refuses a key with neither a team nor an enterprise', async () => {
      const error = await current()
        .saveInstallation({ enterpriseId: null, teamId: null }, 'x', T0)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ReboundError);
      expect((error as ReboundError).code).toBe(ErrorCode.InvalidPayload);
    });

    it('deletes one installation and leaves the others', async () => {
      const store = current();
      await store.saveInstallation(acme, 'a', T0);
      await store.saveInstallation(globex, 'g', T0);
      expect(await store.deleteInstallation(acme)).toBe(true);
      expect(await store.deleteInstallation(acme)).toBe(false);
      expect(await store.findInstallation(acme)).toBeNull();
      expect((await store.findInstallation(globex))?.sealed).toBe('g');
    });

    it('lists every installation once, a page at a time, in key order', async () => {
      const store = current();
      const keys: InstallationKey[] = [
        globex,
        gridOrgWide,
        acme,
        acmeInGrid,
        ...Array.from({ length: 5 }, (_, i) => ({ enterpriseId: null, teamId: `T_${i}` })),
      ];
      for (const key of keys) await store.saveInstallation(key, `sealed-${key.teamId}`, T0);

      const seen: InstallationKey[] = [];
      let after: InstallationKey | undefined;
      for (;;) {
        const page = await store.listInstallations({ limit: 2, ...(after ? { after } : {}) });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page.map((installation) => installation.key));
        after = page.at(-1)?.key;
      }
      expect(seen).toHaveLength(keys.length);
      expect(new Set(seen.map((key) => `${key.enterpriseId}/${key.teamId}`)).size).toBe(keys.length);
      expect(await store.listInstallations({ limit: 0 })).toEqual([]);
    });

    it('reseals only while the installation is unchanged', async () => {
      const store = current();
      await store.saveInstallation(acme, 'old-key', T0);
      expect(await store.resealInstallation(acme, 'old-key', 'new-key', at(MINUTE))).toBe(true);
      expect(await store.findInstallation(acme)).toMatchObject({ sealed: 'new-key', updatedAt: at(MINUTE) });
      // A reinstall (or a second instance's reseal) got there first: leave it.
      expect(await store.resealInstallation(acme, 'old-key', 'other', at(2 * MINUTE))).toBe(false);
      expect((await store.findInstallation(acme))?.sealed).toBe('new-key');
      expect(await store.resealInstallation(globex, 'x', 'y', T0)).toBe(false);
      expect(await store.findInstallation(globex)).toBeNull();
    });

    it('counts the installations sealed with given keys, across every workspace and org', async () => {
      const store = current();
      await store.saveInstallation(acme, 'v1.aaaa11.iv.tag.body', T0);
      await store.saveInstallation(acmeInGrid, 'v1.aaaa11.iv.tag.body', T0);
      await store.saveInstallation(gridOrgWide, 'v1.bbbb22.iv.tag.body', T0);
      await store.saveInstallation(globex, 'v1.cccc33.iv.tag.body', T0);
      expect(await store.countInstallationsSealedWith(['aaaa11'])).toBe(2);
      expect(await store.countInstallationsSealedWith(['aaaa11', 'bbbb22'])).toBe(3);
      // A fingerprint that is a prefix of another is not it.
      expect(await store.countInstallationsSealedWith(['aaaa'])).toBe(0);
      expect(await store.countInstallationsSealedWith([])).toBe(0);
      expect(await store.countInstallationsSealedWith(['%'])).toBe(0);
    });
  });

  describe('OAuth states', () => {
    it('redeems a state once; a replay is refused until long after it expired', async () => {
      const store = current();
      expect(await store.redeemOAuthState('s1', at(10 * MINUTE), T0)).toBe(true);
      expect(await store.redeemOAuthState('s1', at(10 * MINUTE), at(MINUTE))).toBe(false);
      expect(await store.redeemOAuthState('s2', at(10 * MINUTE), at(MINUTE))).toBe(true);
      // Once expired the record may go (the state is refused as expired by then anyway).
      expect(await store.redeemOAuthState('s1', at(30 * MINUTE), at(11 * MINUTE))).toBe(true);
    });

    it('lets exactly one of two racing redemptions win', async () => {
      const store = current();
      const outcomes = await Promise.all([
        store.redeemOAuthState('race', at(MINUTE), T0),
        store.redeemOAuthState('race', at(MINUTE), T0),
      ]);
      expect(outcomes.sort()).toEqual([false, true]);
    });
  });
}
