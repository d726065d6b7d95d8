// views.open / views.push / views.update / views.publish, with Slack's trigger, stack and hash rules.

import { validateView } from './block-kit-rules.js';
import { stringParam } from './http-body.js';
import { isObject } from './json.js';
import type { JsonObject } from './types.js';
import { holdView, MAX_MODAL_STACK, replaceView } from './view-stack.js';
import { fail, invalidArguments, type MethodSpec, ok } from './web-api-result.js';
import type { Workspace } from './workspace.js';

type ViewCheck = { ok: true; view: JsonObject } | { ok: false; problems: string[] };

function checkView(method: string, workspace: Workspace, raw: unknown, type: 'modal' | 'home'): ViewCheck {
  if (!isObject(raw)) return { ok: false, problems: ['view: must be a JSON object'] };
  const problems = validateView(raw);
  if (problems.length === 0 && raw.type !== type) problems.push(`type: ${method} needs a ${type} view`);
  if (problems.length > 0) {
    workspace.problem(`${method}: invalid view (${describe(raw)}): ${problems.join('; ')}`);
    return { ok: false, problems };
  }
  return { ok: true, view: raw };
}

function describe(view: JsonObject): string {
  return typeof view.callback_id === 'string' && view.callback_id
    ? `callback_id ${view.callback_id}`
    : 'no callback_id';
}

/** Exchanges a trigger_id, recording Slack's refusal as a problem. */
function exchangeTrigger(method: string, workspace: Workspace, params: JsonObject) {
  const id = stringParam(params, 'trigger_id');
  const outcome = workspace.triggers.exchange(id);
  if (!outcome.ok) workspace.problem(`${method}: ${outcome.error} (trigger_id ${id ?? 'missing'})`);
  return outcome;
}

const viewsOpen: MethodSpec = {
  token: 'bot',
  handle(workspace, params, team) {
    if (params.trigger_id === undefined)
      return fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
    const checked = checkView('views.open', workspace, params.view, 'modal');
    if (!checked.ok) return invalidArguments(checked.problems);
    const outcome = exchangeTrigger('views.open', workspace, params);
    if (!outcome.ok) return fail(outcome.error);
    const user = workspace.users.get(outcome.trigger.userId);
    if (user === undefined) return fail('user_not_found');
    const view = holdView(checked.view, workspace.holderFor(user, team?.id));
    user.modals.open(view);
    user.modalErrors = undefined;
    workspace.changed();
    return ok({ view });
  },
};

const viewsPush: MethodSpec = {
  token: 'bot',
  handle(workspace, params, team) {
    if (params.trigger_id === undefined)
      return fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
    const checked = checkView('views.push', workspace, params.view, 'modal');
    if (!checked.ok) return invalidArguments(checked.problems);
    const outcome = exchangeTrigger('views.push', workspace, params);
    if (!outcome.ok) return fail(outcome.error);
    const user = workspace.users.get(outcome.trigger.userId);
    if (user === undefined) return fail('user_not_found');
    const top = user.modals.top;
    if (top === undefined) workspace.problem('views.push: no modal is open for this user; use views.open');
    if (top && workspace.pendingSubmissions.has(top.id)) {
      workspace.problem('views.push during a view_submission; reply with response_action "push" instead');
    }
    if (user.modals.all.length >= MAX_MODAL_STACK) {
      workspace.problem(`views.push: push_limit_reached (already ${MAX_MODAL_STACK} views)`);
      return fail('push_limit_reached');
    }
    const view = holdView(checked.view, workspace.holderFor(user, team?.id), {
      previous: top,
      root: user.modals.root,
    });
    user.modals.push(view);
    workspace.changed();
    return ok({ view });
  },
};

const viewsUpdate: MethodSpec = {
  token: 'bot',
  handle(workspace, params, team) {
    const viewId = stringParam(params, 'view_id');
    const externalId = stringParam(params, 'external_id');
    if (!viewId && !externalId)
      return fail('invalid_arguments', ['[ERROR] view_id or external_id is required']);
    const found = workspace.findView(viewId, externalId);
    if (found === undefined) return fail('not_found');
    const hash = stringParam(params, 'hash');
    if (hash !== undefined && hash !== found.view.hash) {
      workspace.problem(
        `views.update: hash_conflict on ${found.view.id} (sent ${hash}, current ${found.view.hash})`,
      );
      return fail('hash_conflict');
    }
    const checked = checkView('views.update', workspace, params.view, found.surface);
    if (!checked.ok) return invalidArguments(checked.problems);
    if (workspace.pendingSubmissions.has(found.view.id)) {
      workspace.problem('views.update during a view_submission; reply with response_action "update" instead');
    }
    const view = replaceView(found.view, checked.view, workspace.holderFor(found.user, team?.id));
    if (found.surface === 'home') found.user.home = view;
    else found.user.modals.replace(view);
    workspace.changed();
    return ok({ view });
  },
};

const viewsPublish: MethodSpec = {
  token: 'bot',
  handle(workspace, params, team) {
    const userId = stringParam(params, 'user_id');
    if (userId === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: user_id']);
    const user = workspace.users.get(userId);
    if (user === undefined) return fail('user_not_found');
    const hash = stringParam(params, 'hash');
    if (hash !== undefined && user.home !== undefined && hash !== user.home.hash) {
      workspace.problem(`views.publish: hash_conflict on the Home tab of ${userId}`);
      return fail('hash_conflict');
    }
    const checked = checkView('views.publish', workspace, params.view, 'home');
    if (!checked.ok) return invalidArguments(checked.problems);
    const view = user.home
      ? replaceView(user.home, checked.view, workspace.holderFor(user, team?.id))
      : holdView(checked.view, workspace.holderFor(user, team?.id));
    user.home = view;
    workspace.changed();
    return ok({ view });
  },
};

export const VIEW_METHODS: Record<string, MethodSpec> = {
  'views.open': viewsOpen,
  'views.push': viewsPush,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
};
