// Key rotation, run at start in distributed mode: every installation still sealed with a
// retired key (TOKEN_ENCRYPTION_OLD_KEYS) is re-encrypted with TOKEN_ENCRYPTION_KEY. Once a
// start has logged that nothing is left on the old key, the old key can be removed.
//
// Safe with several instances starting at once: each swap only lands if the row is still
// what was read (a reinstall or another instance's swap wins).

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
}

export async function resealInstallations(deps: {
  store: Store;
  cipher: TokenCipher;
  clock: () => Date;
  logger: Logger;
  /** How many keys TOKEN_ENCRYPTION_OLD_KEYS holds, to say when they may go. */
  retiredKeys: number;
}): Promise<ResealReport> {
  const { store, cipher, clock, logger } = deps;
  const report: ResealReport = { checked: 0, resealed: 0, unreadable: [] };
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
  else if (deps.retiredKeys > 0)
    logger.info(
      `All ${report.checked} installation(s) are sealed with the current TOKEN_ENCRYPTION_KEY: TOKEN_ENCRYPTION_OLD_KEYS can now be emptied.`,
    );
  return report;
}
