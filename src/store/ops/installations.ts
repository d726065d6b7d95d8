// Slack installations (one per workspace, or per org for an org-wide install) and the OAuth
// state values already redeemed. The store only keeps what the app sealed: it never sees a
// token in the clear.

import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation, Row } from '../driver.js';
import { toMillis } from '../rows.js';
import type { InstallationKey, SealedInstallation } from '../store.js';
import { onlyRow } from './shared.js';

const KEY_MATCH = 'enterprise_id = ? AND team_id = ?';
const MAX_PAGE = 500;

/** Outside Enterprise Grid the enterprise column holds ''; an org-wide install has team ''. */
function keyParams(key: InstallationKey): [string, string] {
  if (!key.enterpriseId && !key.teamId)
    throw new ReboundError(ErrorCode.InvalidPayload, 'an installation needs a team or an enterprise id');
  return [key.enterpriseId ?? '', key.teamId ?? ''];
}

function rowToInstallation(row: Row): SealedInstallation {
  const enterpriseId = String(row.enterprise_id);
  const teamId = String(row.team_id);
  return {
    key: { enterpriseId: enterpriseId === '' ? null : enterpriseId, teamId: teamId === '' ? null : teamId },
    sealed: String(row.sealed),
    installedAt: new Date(Number(row.installed_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** Inserts or replaces (a reinstall); the first install time is kept. */
export function* saveInstallation(
  key: InstallationKey,
  sealed: string,
  now: Date,
): Operation<SealedInstallation> {
  const at = toMillis(now);
  const rows = yield {
    sql: `INSERT INTO installations (enterprise_id, team_id, sealed, installed_at, updated_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (enterprise_id, team_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at
          RETURNING *`,
    params: [...keyParams(key), sealed, at, at],
  };
  return rowToInstallation(onlyRow(rows, 'installation'));
}

export function* findInstallation(key: InstallationKey): Operation<SealedInstallation | null> {
  const rows = yield { sql: `SELECT * FROM installations WHERE ${KEY_MATCH}`, params: keyParams(key) };
  return rows[0] ? rowToInstallation(rows[0]) : null;
}

/** True when there was one to delete. */
export function* deleteInstallation(key: InstallationKey): Operation<boolean> {
  const rows = yield {
    sql: `DELETE FROM installations WHERE ${KEY_MATCH} RETURNING team_id`,
    params: keyParams(key),
  };
  return rows.length > 0;
}

/** A page of installations in key order, after `after` (keyset paging: stable while rows change). */
export function* listInstallations(options: {
  after?: InstallationKey;
  limit: number;
}): Operation<SealedInstallation[]> {
  const limit = Math.min(Math.max(0, Math.floor(options.limit)), MAX_PAGE);
  if (limit === 0) return [];
  const rows = options.after
    ? yield {
        sql: `SELECT * FROM installations WHERE (enterprise_id, team_id) > (?, ?)
              ORDER BY enterprise_id, team_id LIMIT ?`,
        params: [...keyParams(options.after), limit],
      }
    : yield { sql: 'SELECT * FROM installations ORDER BY enterprise_id, team_id LIMIT ?', params: [limit] };
  return rows.map(rowToInstallation);
}

/**
 * Replaces the sealed installation only if it still is `from` (re-encryption under a new
 * key): a reinstall or delete that happened meanwhile wins. True when it was replaced.
 */
export function* resealInstallation(
  key: InstallationKey,
  from: string,
  to: string,
  now: Date,
): Operation<boolean> {
  const rows = yield {
    sql: `UPDATE installations SET sealed = ?, updated_at = ? WHERE ${KEY_MATCH} AND sealed = ? RETURNING team_id`,
    params: [to, toMillis(now), ...keyParams(key), from],
  };
  return rows.length > 0;
}

/**
 * Redeems an OAuth state value once: true the first time, false for a replay. Redeemed
 * values are kept until `expiresAt` (after that the state is refused as expired anyway).
 */
export function* redeemOAuthState(stateId: string, expiresAt: Date, now: Date): Operation<boolean> {
  yield { sql: 'DELETE FROM oauth_states_used WHERE expires_at <= ?', params: [toMillis(now)] };
  const rows = yield {
    sql: `INSERT INTO oauth_states_used (state_id, expires_at) VALUES (?, ?)
          ON CONFLICT (state_id) DO NOTHING RETURNING state_id`,
    params: [stateId, toMillis(expiresAt)],
  };
  return rows.length > 0;
}

/**
 * Sealed text starts `v1.<key id>.`: counts the rows whose key id is one of `keyIds` (hex
 * fingerprints, so nothing in them is a LIKE wildcard).
 */
export function* countInstallationsSealedWith(keyIds: readonly string[]): Operation<number> {
  const ids = keyIds.filter((id) => /^[0-9a-f]+$/.test(id));
  if (ids.length === 0) return 0;
  const rows = yield {
    sql: `SELECT COUNT(*) AS n FROM installations WHERE ${ids.map(() => 'sealed LIKE ?').join(' OR ')}`,
    params: ids.map((id) => `v1.${id}.%`),
  };
  return Number(onlyRow(rows, 'count').n);
}
