// Distributed mode: every request is authorized with its workspace's installation, read from
// the database. If the database fails right then, Bolt answers a form submission with an
// empty ack, which closes the modal and loses what was typed. Instead the form stays open
// with a note on it, as when a listener's own save fails.

import type { AnyMiddlewareArgs, Authorize, Middleware, SlackViewAction } from '@slack/bolt';
import { errorCode, reboundErrorIn } from '../../error-code.js';
import { ErrorCode } from '../../errors.js';
import { storeDownText } from '../platform/errors-message.js';
import { installationSource } from '../platform/scope.js';

/** Set on the context of a form submission whose installation could not be read. */
const AUTHORIZE_FAILED = 'reboundAuthorizeFailed';

interface Installer {
  authorize: Authorize<boolean>;
}

/**
 * Wraps the OAuth installer's authorize so a store failure on a view_submission reaches our
 * middleware, and a click in a view is authorized with the installation whose view it is.
 */
export function guardAuthorize(installer: Installer): void {
  const authorize = installer.authorize.bind(installer);
  installer.authorize = async (boltSource, body) => {
    const source = installationSource(boltSource, body);
    try {
      return await authorize(source, body);
    } catch (error) {
      const ours = reboundErrorIn(error);
      const isForm = (body as { type?: unknown } | undefined)?.type === 'view_submission';
      // Not installed, or not a form: Bolt's own handling (logged, empty ack) is right.
      if (!ours || ours.code === ErrorCode.NotInstalled || !isForm) throw error;
      return {
        ...(source.teamId ? { teamId: source.teamId } : {}),
        ...(source.enterpriseId ? { enterpriseId: source.enterpriseId } : {}),
        [AUTHORIZE_FAILED]: ours.code,
      };
    }
  };
}

/** Answers a form whose installation could not be read: it stays open with a note on it. */
export function answerUnauthorizedForms(logger: {
  error(...message: unknown[]): void;
}): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const failed = (args.context as Record<string, unknown>)[AUTHORIZE_FAILED];
    if (failed === undefined) return args.next();
    logger.error('A form could not be authorized:', errorCode({ code: failed }));
    const { ack, body } = args as unknown as {
      ack: (reply?: unknown) => Promise<void>;
      body: SlackViewAction;
    };
    const input = body.view.blocks.find(
      (block) => block.type === 'input' && typeof block.block_id === 'string',
    );
    await ack(
      input?.block_id
        ? { response_action: 'errors', errors: { [input.block_id]: storeDownText() } }
        : undefined,
    );
  };
}
