// What the HTTP receiver answers when Bolt itself cannot process a request (after the
// signature check passed). Bolt's default answers 500 for everything, which makes Slack
// retry a payload that will fail the same way each time; a malformed payload is a 400.

import { AuthorizationError, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';

export async function processEventErrorHandler(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const { error, logger, response } = args;
  if (response.headersSent) {
    logger.error('A listener failed after acknowledging:', errorCode(error));
    return false;
  }
  if (error instanceof AuthorizationError) {
    response.writeHead(401);
    response.end();
    return true;
  }
  const malformed = error instanceof TypeError || errorCode(error) === 'slack_bolt_unknown_error';
  logger.error(
    `A Slack request could not be processed (${malformed ? 'malformed payload' : 'error'}):`,
    errorCode(error),
    String((error as Error).message),
  );
  response.writeHead(malformed ? 400 : 500);
  response.end();
  return true;
}
