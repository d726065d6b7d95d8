// Opening the routine, from `/rejected` or from Home's "Start the routine": the "pick up
// where you left off?" modal when a draft exists, else step 1 of a new draft. Only the
// draft lookup stands between the ack and views.open: the new draft gets its id here and is
// stored by its first save — step 1 answered or closed (step-submission.ts, step-closed.ts) —
// so a command writes nothing, and a modal opened and abandoned leaves no empty draft. (The
// message shortcut's step 1, whose buttons read the stored draft, stores it first.)
//
// The person's timezone is needed on step 4 only. A new draft leaves its refresh to the
// step-1 submission (step-submission.ts), so a command costs no users.info; a resumed one,
// which may go straight to step 4, refreshes it once the modal is open.

import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Rejection, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ModalView } from '../platform/block-kit.js';
import type { ListenerDeps } from '../platform/deps.js';
import { viewPayload } from '../platform/view-payload.js';
import { buildResumeView } from './resume-draft-view.js';
import { buildStepView } from './step-view.js';

/**
 * `onFailure` runs when the modal could not be opened (store down, trigger expired), after
 * the failure is logged by code. Resolves once a resumed draft's timezone refresh is done.
 */
export async function openRoutine(input: {
  deps: ListenerDeps;
  client: webApi.WebClient;
  scope: UserScope;
  triggerId: string;
  company?: string | undefined;
  role?: string | undefined;
  /** Step 1 of a new draft, stored first; the message shortcut adds what it offers. */
  firstStepView?: (draft: Rejection) => Promise<ModalView>;
  onFailure(): Promise<void>;
}): Promise<void> {
  const { deps, client, scope, triggerId, company, role } = input;
  const now = deps.clock();
  const answers = { ...(company ? { company } : {}), ...(role ? { role } : {}) };
  let resuming = false;
  try {
    // Step 1 asks once whether they search while employed here: read beside the draft lookup.
    const [draft, settings] = await Promise.all([
      deps.store.findOpenDraft(scope),
      deps.store.getPrivacySettings(scope),
    ]);
    resuming = draft !== null;
    const view = draft
      ? buildResumeView({ draft, prefillCompany: company, prefillRole: role })
      : input.firstStepView
        ? // The message shortcut's step 1 offers buttons that read the stored draft.
          await input.firstStepView(await deps.store.createDraft(scope, answers, now))
        : buildStepView({
            step: 1,
            // Record ids are random UUIDs made by the app (store/ids.ts), this one a little earlier.
            draftId: randomUUID(),
            unsaved: true,
            answers,
            tz: null,
            now,
            askEmployedHere: settings.employedHere === null,
          });
    await client.views.open({ trigger_id: triggerId, view: viewPayload(view) });
  } catch (error) {
    deps.logger.error('Could not open the routine:', errorCode(error));
    await input.onFailure();
  }
  // After the modal is open, so the users.info call and its write never compete with it.
  if (resuming) await deps.timeZones.current(client, scope, now);
}
