// The "pick up where you left off?" modal: Resume shows the draft's current step; Start
// fresh sets the draft aside and begins again (with the company from `/rejected Acme`).

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Rejection, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { type DraftMetadata, decodeDraftMetadata } from '../platform/private-metadata.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { stepViewForDraft } from './step-modal.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** Picks the draft to show: returns null when the click is stale or foreign. */
type Choose = (deps: ListenerDeps, scope: UserScope, metadata: DraftMetadata) => Promise<Rejection | null>;

function resumeModalAction(choose: Choose, what: string) {
  return (deps: ListenerDeps) =>
    async ({ ack, body, client, context }: Args): Promise<void> => {
      await ack();
      const view = body.view;
      if (view?.type !== 'modal') return;
      const metadata = decodeDraftMetadata(view.private_metadata);
      if (!metadata) return;
      const scope = scopeFromContext(context);
      try {
        const draft = await choose(deps, scope, metadata);
        if (!draft) return;
        await client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: viewPayload(await stepViewForDraft(deps, scope, draft, draft.step)),
        });
      } catch (error) {
        deps.logger.warn(`${what} failed:`, errorCode(error));
      }
    };
}

export const resumeDraftCallback = resumeModalAction(async (deps, scope, { draftId }) => {
  const draft = await deps.store.getRejection(scope, draftId);
  return draft?.status === 'draft' ? draft : null;
}, 'Resuming a draft');

export const startFreshCallback = resumeModalAction(
  async (deps, scope, { draftId, prefillCompany, prefillRole }) => {
    const now = deps.clock();
    const old = await deps.store.getRejection(scope, draftId);
    // Start fresh means the old notes are gone, not kept aside.
    if (old?.status === 'draft') await deps.store.deleteDraft(scope, draftId);
    const answers = {
      ...(prefillCompany ? { company: prefillCompany } : {}),
      ...(prefillRole ? { role: prefillRole } : {}),
    };
    return deps.store.createDraft(scope, answers, now);
  },
  'Starting a fresh draft',
);
