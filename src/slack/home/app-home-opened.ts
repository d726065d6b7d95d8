// Slack sends app_home_opened on every visit to the Home tab (and to the Messages tab, which
// has nothing to publish): the newest page of Home, fresh each time. The first visit is
// remembered, so changes made elsewhere keep this Home up to date from then on (refreshHome).

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { publishHome } from './publish-home.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

export function appHomeOpenedCallback(deps: ListenerDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    const scope = scopeFromContext(context);
    await publishHome(client, deps, scope);
    try {
      if (!(await deps.store.getUserProfile(scope))?.homeOpenedAt)
        await deps.store.noteHomeOpened(scope, deps.clock());
    } catch (error) {
      // Only means their Home waits for their next visit to catch up on a change.
      deps.logger.warn('A first Home visit could not be remembered:', errorCode(error));
    }
    // Only a visit made now proves the app is installed; a late retry may predate an uninstall.
    if (context.retryNum === undefined) await deps.teamInstalls.note(context);
  };
}
