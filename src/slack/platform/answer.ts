// Answering a view submission. In HTTP mode Bolt answers by itself after about 3 s, and an
// ack() after that throws; what the listener does after its answer (the DM, Home) must still
// run, so a late answer is logged by code and the work goes on.

import type { Logger } from '@slack/bolt';
import { errorCode } from '../../error-code.js';

export async function answerSubmission<Reply>(
  ack: (reply?: Reply) => Promise<void>,
  reply: Reply | undefined,
  logger: Logger,
  what: string,
): Promise<void> {
  try {
    await ack(reply);
  } catch (error) {
    logger.warn(`${what} could not be answered in time:`, errorCode(error));
  }
}
