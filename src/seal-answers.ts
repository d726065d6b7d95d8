// At start: say plainly whether what people type is stored encrypted, and (once the app
// listens, app.ts) seal what is not yet sealed with the current key (rows from before a key
// was set, or from an old key).

import type { Logger } from '@slack/bolt';
import type { Store } from './store/store.js';

/**
 * One pass over the answers, run once the app listens (and in the hourly re-encryption tick in distributed mode):
 * a rolling deploy's old instances keep sealing with the old key until they stop.
 */
export async function resealAnswersPass(store: Store, logger: Logger): Promise<number> {
  if (!store.answersSealed) return 0;
  const { resealed, unreadable } = await store.resealAnswers();
  if (resealed > 0) logger.info(`Sealed ${resealed} stored answer(s) with the current TOKEN_ENCRYPTION_KEY.`);
  if (unreadable > 0)
    logger.warn(
      `${unreadable} stored answer(s) open with none of the configured keys: put the old key back in TOKEN_ENCRYPTION_OLD_KEYS.`,
    );
  return resealed;
}

/** Said before the app listens: whether what people type is stored encrypted. */
export function sayHowAnswersAreStored(store: Store, logger: Logger): void {
  if (store.answersSealed) logger.info('Answers are stored encrypted (AES-256-GCM).');
  else
    logger.warn(
      'Answers are stored unencrypted: set TOKEN_ENCRYPTION_KEY to encrypt what people type (README, "Privacy").',
    );
}
