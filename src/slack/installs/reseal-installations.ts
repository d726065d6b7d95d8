// Key rotation, run at start and then hourly in distributed mode: every installation still
// sealed with a retired key (TOKEN_ENCRYPTION_OLD_KEYS) is re-encrypted with
// TOKEN_ENCRYPTION_KEY. Rows sealed with TOKEN_ENCRYPTION_NEXT_KEY are left alone (newer
// instances of a rolling deploy seal with it). Whether the old keys may go is decided from a
// count across the whole database, not from this pass: an instance not yet on the new key may
// have sealed a new install with the old one since.
//
// Safe with several instances at once: each swap only lands if the row is still what was
// read (a reinstall or another instance's swap wins).

import type { Logger } from '@slack/bolt';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import { errorCode } from '../../error-code.js';
import type { InstallationKey, Store } from '../../store/store.js';
import { bindingFor, describeKey } from './installation-store.js';

const PAGE_SIZE = 100;

export interface ResealReport {
  checked: number;
  resealed: number;
  /** Sealed with a key that is not configured (or altered): those workspaces must reinstall. */
  unreadable: InstallationKey[];
  /** Rows in the whole database still sealed with a retired key, counted after this pass. */
  onRetiredKeys: number;
  /** Nothing on a retired key, and nothing was re-encrypted: no instance sealed with one since the last pass. */
  retiredKeysRemovable: boolean;
}

/** Hourly, off the hour. */
export const RESEAL_CRON = '41 * * * *';

export async function resealInstallations(deps: {
  store: Store;
  cipher: TokenCipher;
  clock: () => Date;
  logger: Logger;
  /** The previous pass's `retiredKeysRemovable`: "can be emptied" is said once, not every hour. */
  previouslyRemovable?: boolean;
}): Promise<ResealReport> {
  const { store, cipher, clock, logger } = deps;
  const report: ResealReport = {
    checked: 0,
    resealed: 0,
    unreadable: [],
    onRetiredKeys: 0,
    retiredKeysRemovable: false,
  };
  let after: InstallationKey | undefined;
  for (;;) {
    const page = await store.listInstallations({ limit: PAGE_SIZE, ...(after ? { after } : {}) });
    for (const { key, sealed } of page) {
      report.checked += 1;
      if (!cipher.needsRewrap(sealed)) continue;
      let plaintext: string;
      try {
        plaintext = cipher.decrypt(sealed, bindingFor(key));
      } catch (error) {
        logger.debug(`Installation of ${describeKey(key)} cannot be opened: ${errorCode(error)}`);
        report.unreadable.push(key);
        continue;
      }
      if (await store.resealInstallation(key, sealed, cipher.encrypt(plaintext, bindingFor(key)), clock()))
        report.resealed += 1;
    }
    after = page.at(-1)?.key;
    if (page.length < PAGE_SIZE) break;
  }

  if (report.resealed > 0)
    logger.info(`Re-encrypted ${report.resealed} installation(s) with the current TOKEN_ENCRYPTION_KEY.`);
  if (report.unreadable.length > 0)
    logger.error(
      `${report.unreadable.length} installation(s) cannot be decrypted with the configured keys (${report.unreadable
        .slice(0, 10)
        .map(describeKey)
        .join(
          ', ',
        )}${report.unreadable.length > 10 ? ', …' : ''}). Put the key they were sealed with back in TOKEN_ENCRYPTION_OLD_KEYS and restart, or have those workspaces install Rebound again.`,
    );
  if (cipher.retiredKeyIds.length === 0) return report;
  report.onRetiredKeys = await store.countInstallationsSealedWith(cipher.retiredKeyIds);
  if (report.onRetiredKeys > 0)
    logger.warn(
      `${report.onRetiredKeys} installation(s) are still sealed with a key in TOKEN_ENCRYPTION_OLD_KEYS (sealed meanwhile by an instance on the old key, or not openable); keep those keys.`,
    );
  // Only a pass that found nothing to re-encrypt says the keys may go: since the previous
  // pass, no instance sealed anything with an old key.
  report.retiredKeysRemovable =
    report.onRetiredKeys === 0 && report.resealed === 0 && report.unreadable.length === 0;
  if (report.retiredKeysRemovable && !deps.previouslyRemovable)
    logger.info(
      'No installation in the database is sealed with a key in TOKEN_ENCRYPTION_OLD_KEYS, and none was since the last pass: once every instance runs with this TOKEN_ENCRYPTION_KEY, TOKEN_ENCRYPTION_OLD_KEYS can now be emptied.',
    );
  return report;
}
