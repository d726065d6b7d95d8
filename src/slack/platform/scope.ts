// Turns Bolt's context into the (team, enterprise, user) scope every store call needs.
// Bolt fills these ids from each payload kind the same way, so listeners need no per-kind code.

import type { Context } from '@slack/bolt';
import type { TeamScope, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';

export function scopeFromContext(context: Context): UserScope {
  const { teamId, enterpriseId, userId } = context;
  // Org-wide installs on Enterprise Grid may lack a team id; the enterprise id then scopes alone.
  const team = teamId ?? enterpriseId;
  if (!team || !userId) {
    throw new ReboundError(ErrorCode.InvalidPayload, 'Payload has no team or user id');
  }
  return { teamId: team, enterpriseId: enterpriseId ?? null, userId };
}

/**
 * The workspace a request or event is about; a whole Grid org for an org-wide install.
 * Throws `invalid_payload` when it names neither.
 */
export function teamScopeFromContext(
  context: Pick<Context, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>,
): TeamScope {
  const enterpriseId = context.enterpriseId ?? null;
  if (context.isEnterpriseInstall && enterpriseId) return { teamId: null, enterpriseId };
  if (context.teamId) return { teamId: context.teamId, enterpriseId };
  if (enterpriseId) return { teamId: null, enterpriseId };
  throw new ReboundError(ErrorCode.InvalidPayload, 'Payload has no team id');
}
