// Home's "Open" on a rejection: its own view, as a modal, so Home itself stays short. The
// button's value is a rejection id and nothing else; one of another person (or one deleted
// meanwhile) reads as missing and just refreshes Home.

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { withShareEntryInView } from '../sharing/share-entry.js';
import { loadFeedbackNotes } from './feedback-notes.js';
import { publishHome } from './publish-home.js';
import { buildRejectionView } from './rejection-view.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function homeOpenRejectionCallback(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: Args): Promise<void> => {
    await ack();
    const scope = scopeFromContext(context);
    try {
      const rejection = action.value ? await deps.store.getRejection(scope, action.value) : null;
      if (rejection?.status !== 'complete') {
        await publishHome(client, deps, scope);
        return;
      }
      const [entries, followUps, notes] = await Promise.all([
        deps.store.listEntries(scope, rejection.id),
        deps.store.listFollowUps(scope, { rejectionId: rejection.id }),
        loadFeedbackNotes(deps.store, scope, [rejection]),
      ]);
      const view = buildRejectionView({
        rejection,
        entries,
        followUps,
        notes: notes.get(rejection.id) ?? [],
      });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: withShareEntryInView(view, rejection.id),
      });
    } catch (error) {
      deps.logger.warn('A rejection could not be opened from Home:', errorCode(error));
    }
  };
}
