// Slack sends app_home_opened on every visit to the Home tab (and to the Messages tab, which
// has nothing to publish): the newest page of Home, fresh each time. The visit is remembered
// (noteHomeVisit), so changes made elsewhere keep this Home up to date from then on.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { noteHomeVisit, publishHome } from './publish-home.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

export function appHomeOpenedCallback(deps: ListenerDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    const scope = scopeFromContext(context);
    await publishHome(client, deps, scope);
    await noteHomeVisit(deps, scope, { fromClick: false });
    // Only a visit made now proves the app is installed; a late retry may predate an uninstall.
    if (context.retryNum === undefined) await deps.teamInstalls.note(context);
  };
}
