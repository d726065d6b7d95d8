// What Slack does with a view_submission ack: update, push, errors, clear, or (empty) close the view.

import { validateView } from './block-kit-rules.js';
import { isObject } from './json.js';
import { holdView, MAX_MODAL_STACK, replaceView, type SlackView } from './view-stack.js';
import type { UserRecord, Workspace } from './workspace.js';

function checkedView(workspace: Workspace, label: string, view: unknown) {
  if (!isObject(view)) {
    workspace.problem(`${label}: response_action needs a view object`);
    return undefined;
  }
  const problems = validateView(view);
  if (view.type !== 'modal') problems.push('type: a response_action view must be a modal');
  if (problems.length > 0) {
    workspace.problem(`${label}: invalid view in the ack: ${problems.join('; ')}`);
    return undefined;
  }
  return view;
}

function inputBlockIds(view: SlackView): Set<string> {
  return new Set(
    view.blocks.filter((block) => block.type === 'input').map((block) => String(block.block_id)),
  );
}

/**
 * Applies the ack body to the user's modal stack. Returns the errors shown on the view, if any. When the ack
 * breaks a rule Slack shows an error and leaves the modal as it was; the emulator records a problem instead.
 */
export function applySubmissionAck(
  workspace: Workspace,
  user: UserRecord,
  submitted: SlackView,
  body: unknown,
): Record<string, string> | undefined {
  const label = `view_submission ${submitted.callback_id || submitted.id}`;
  user.modalErrors = undefined;
  if (body === undefined) {
    closeSubmitted(user, submitted);
    return undefined;
  }
  if (!isObject(body) || typeof body.response_action !== 'string') {
    workspace.problem(`${label}: ack body is neither empty nor a response_action: ${JSON.stringify(body)}`);
    return undefined;
  }
  switch (body.response_action) {
    case 'update': {
      const view = checkedView(workspace, label, body.view);
      if (view)
        user.modals.replace(
          replaceView(submitted, view, workspace.holderFor(user, submitted.app_installed_team_id)),
        );
      return undefined;
    }
    case 'push': {
      const view = checkedView(workspace, label, body.view);
      if (view === undefined) return undefined;
      if (user.modals.all.length >= MAX_MODAL_STACK) {
        workspace.problem(
          `${label}: response_action push beyond ${MAX_MODAL_STACK} views (push_limit_reached)`,
        );
        return undefined;
      }
      user.modals.push(
        holdView(view, workspace.holderFor(user, submitted.app_installed_team_id), {
          previous: submitted,
          root: user.modals.root,
        }),
      );
      return undefined;
    }
    case 'errors':
      return recordErrors(workspace, user, submitted, body.errors, label);
    case 'clear':
      user.modals.clear();
      return undefined;
    default:
      workspace.problem(`${label}: unknown response_action ${JSON.stringify(body.response_action)}`);
      return undefined;
  }
}

function closeSubmitted(user: UserRecord, submitted: SlackView): void {
  if (user.modals.top?.id === submitted.id) user.modals.pop();
}

function recordErrors(
  workspace: Workspace,
  user: UserRecord,
  view: SlackView,
  errors: unknown,
  label: string,
): Record<string, string> | undefined {
  if (!isObject(errors) || Object.keys(errors).length === 0) {
    workspace.problem(`${label}: response_action errors needs a non-empty errors object`);
    return undefined;
  }
  const inputs = inputBlockIds(view);
  const shown: Record<string, string> = {};
  for (const [blockId, message] of Object.entries(errors)) {
    if (!inputs.has(blockId))
      workspace.problem(`${label}: errors names ${JSON.stringify(blockId)}, not an input block`);
    if (typeof message !== 'string' || message === '') {
      workspace.problem(`${label}: error for ${JSON.stringify(blockId)} must be a non-empty string`);
      continue;
    }
    shown[blockId] = message;
  }
  user.modalErrors = shown;
  return shown;
}
