// Opening the routine, from `/rejected` or from Home's "Start the routine": the "pick up
// where you left off?" modal when a draft exists, else a new draft at step 1. Well inside
// the trigger's 3 s; the person's timezone (needed on step 4 only) is refreshed afterwards.

import type { webApi } from '@slack/bolt';
import type { Rejection, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ModalView } from '../platform/block-kit.js';
import type { ListenerDeps } from '../platform/deps.js';
import { buildResumeView } from './resume-draft-view.js';
import { stepViewForDraft } from './step-modal.js';

/**
 * `onFailure` runs when the modal could not be opened (store down, trigger expired), after
 * the failure is logged by code; the timezone fetch is waited for either way.
 */
export async function openRoutine(input: {
  deps: ListenerDeps;
  client: webApi.WebClient;
  scope: UserScope;
  triggerId: string;
  company?: string | undefined;
  role?: string | undefined;
  /** Step 1 of a new draft; the message shortcut adds what it offers. */
  firstStepView?: (draft: Rejection) => Promise<ModalView>;
  onFailure(): Promise<void>;
}): Promise<void> {
  const { deps, client, scope, triggerId, company, role } = input;
  const firstStepView = input.firstStepView ?? ((draft) => stepViewForDraft(deps, scope, draft, 1));
  const now = deps.clock();
  try {
    const draft = await deps.store.findOpenDraft(scope);
    const view = draft
      ? buildResumeView({ draft, prefillCompany: company, prefillRole: role })
      : await firstStepView(
          await deps.store.createDraft(
            scope,
            { ...(company ? { company } : {}), ...(role ? { role } : {}) },
            now,
          ),
        );
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    deps.logger.error('Could not open the routine:', errorCode(error));
    await input.onFailure();
  }
  // Only step 4 needs the timezone, so refresh it after the modal is open: the users.info
  // call and its write then never compete with opening the modal inside the 3-second trigger.
  await deps.timeZones.current(client, scope, now);
}
