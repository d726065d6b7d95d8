// Turns Bolt's context into the (team, enterprise, user) scope every store call needs.
// Bolt fills these ids from each payload kind the same way, so listeners need no per-kind code.

import type { Context } from '@slack/bolt';
import type { UserScope } from '../domain/types.js';
import { ErrorCode, ReboundError } from '../errors.js';

export function scopeFromContext(context: Context): UserScope {
  const { teamId, enterpriseId, userId } = context;
  // Org-wide installs on Enterprise Grid may lack a team id; the enterprise id then scopes alone.
  const team = teamId ?? enterpriseId;
  if (!team || !userId) {
    throw new ReboundError(ErrorCode.InvalidPayload, 'Payload has no team or user id');
  }
  return { teamId: team, enterpriseId: enterpriseId ?? null, userId };
}
