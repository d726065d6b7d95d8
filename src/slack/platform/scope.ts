// Whose workspace is it: the one rule that turns a request into the workspace's scope (the
// installation serving it) and the person's scope (where their answers are stored and
// read), the same for every payload kind. docs/ARCHITECTURE.md, "Whose workspace is it",
// gives the payload fields and the sources.
//
// - The workspace is the installation whose surface it is: `view.app_installed_team_id` for
//   a payload with a view, else what Bolt authorized (`team.id`, `team_id`,
//   `authorizations[0]`); a whole Grid org for an org-wide install.
// - An installation serves only its own people. The person's own workspace is the one Slack
//   names as the actor's: `user.team_id` in interactions, `team_id` in slash commands
//   (commands and message shortcuts only come through the person's own installation),
//   `event.user_team` in an event that has one, else the event's workspace. It must be the
//   installation's workspace, or inside its org for an org-wide install. Anyone else (a
//   member of another workspace in a Slack Connect channel) is not served: nothing is read
//   or stored for them under a workspace that is not theirs.
// - A person served is scoped by that installation: its workspace, or the org's id for an
//   org-wide install (Grid user ids are org-wide, and Bolt names the org in view payloads).
//   So the command, a message shortcut in a shared channel, a DM button, Home and a modal
//   all read and write one scope, wherever Bolt's `context.teamId` points.

import type { Context } from '@slack/bolt';
import type { TeamScope, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';

export interface RequestScopes {
  /** The installation serving the request. */
  workspace: TeamScope;
  /** The person acting, in their own workspace; null for events with no person (uninstalls). */
  person: UserScope | null;
  /** False when the person belongs to a workspace this installation does not serve. */
  served: boolean;
  /**
   * Under an org-wide install, the scope older versions of Rebound used for this person on
   * some surfaces (their workspace instead of the org); null otherwise. A delete removes
   * what is left there too.
   */
  former: UserScope | null;
}

/** Where the middleware (scope-guard.ts) keeps a request's scopes on Bolt's context. */
const SCOPES = 'reboundScopes';

type ContextIds = Pick<Context, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall' | 'userId'>;

interface Payload {
  type?: unknown;
  team_id?: unknown;
  user?: unknown;
  view?: { app_installed_team_id?: unknown } | null;
  event?: { user_team?: unknown } | null;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The person's own workspace, as the payload names it (undefined when it names none). */
function personTeam(body: Payload): string | undefined {
  if (typeof body.user === 'object' && body.user !== null) {
    return text((body.user as { team_id?: unknown }).team_id);
  }
  if (body.type === 'event_callback') return text(body.event?.user_team);
  // A slash command: form fields, user_id and team_id side by side.
  return text(body.team_id);
}

/** The installation whose surface the request comes from. */
function workspaceOf(body: Payload | undefined, context: ContextIds): TeamScope {
  const enterpriseId = context.enterpriseId ?? null;
  if (context.isEnterpriseInstall && enterpriseId) return { teamId: null, enterpriseId };
  const viewOwner = text(body?.view?.app_installed_team_id);
  const teamId = viewOwner ?? context.teamId;
  if (teamId) return { teamId, enterpriseId };
  if (enterpriseId) return { teamId: null, enterpriseId };
  throw new ReboundError(ErrorCode.InvalidPayload, 'Payload has no team id');
}

/**
 * The installation to authorize a request with, by the same rule: Bolt takes `team.id` for
 * block_actions, which in a view opened by another workspace's copy (Slack Connect) names the
 * person's workspace, not the view's; the view's `app_installed_team_id` says whose it is.
 */
export function installationSource<S extends { teamId?: string | undefined; isEnterpriseInstall: boolean }>(
  source: S,
  body: unknown,
): S {
  if (source.isEnterpriseInstall || typeof body !== 'object' || body === null) return source;
  const owner = text((body as Payload).view?.app_installed_team_id);
  return owner && owner !== source.teamId ? { ...source, teamId: owner } : source;
}

/** Both scopes of a request, from its body and what Bolt put on the context. */
export function deriveScopes(body: unknown, context: ContextIds): RequestScopes {
  const payload = (typeof body === 'object' && body !== null ? body : {}) as Payload;
  const workspace = workspaceOf(payload, context);
  const userId = context.userId;
  if (!userId) return { workspace, person: null, served: true, former: null };
  const enterpriseId = context.enterpriseId ?? null;
  const own = personTeam(payload);
  const served =
    workspace.teamId === null
      ? workspace.enterpriseId === enterpriseId
      : own === undefined || own === workspace.teamId;
  // An org-wide install scopes its people by the org: the enterprise id stands for the team.
  const teamId = workspace.teamId ?? workspace.enterpriseId;
  if (!teamId) throw new ReboundError(ErrorCode.InvalidPayload, 'Payload has no team or user id');
  const former =
    served && workspace.teamId === null && own !== undefined && own !== teamId
      ? { teamId: own, enterpriseId, userId }
      : null;
  return { workspace, person: { teamId, enterpriseId, userId }, served, former };
}

/** Keeps the request's scopes on its context, for every listener after. */
export function keepScopes(context: Context, scopes: RequestScopes): void {
  (context as Record<string, unknown>)[SCOPES] = scopes;
}

function scopesOf(context: ContextIds): RequestScopes {
  const kept = (context as Record<string, unknown>)[SCOPES] as RequestScopes | undefined;
  // Without the middleware (a listener driven alone) the context's ids are all there is.
  return kept ?? deriveScopes(undefined, context);
}

/** The person acting, scoped by their own workspace. Throws `invalid_payload` when there is none. */
export function scopeFromContext(context: Context): UserScope {
  const { person } = scopesOf(context);
  if (!person) throw new ReboundError(ErrorCode.InvalidPayload, 'Payload has no team or user id');
  return person;
}

/** See RequestScopes.former: where an org-wide install's person may have older rows. */
export function formerScopeFromContext(context: ContextIds): UserScope | null {
  return scopesOf(context).former;
}

/**
 * The workspace a request or event is about (the installation serving it); a whole Grid org
 * for an org-wide install. Throws `invalid_payload` when it names neither.
 */
export function teamScopeFromContext(context: ContextIds): TeamScope {
  return scopesOf(context).workspace;
}
