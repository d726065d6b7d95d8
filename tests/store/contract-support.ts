// What the parts of the store contract (contract.ts and the contract-*.ts it runs) share:
// one clock, the person whose data they write, the scopes that must never see it, and how a
// refused call is checked.

import { expect } from 'vitest';
import type { UserScope } from '../../src/domain/types.js';
import { type ErrorCode, ReboundError } from '../../src/errors.js';

export const T0 = new Date('2030-03-01T12:00:00.000Z');
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
export const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

export const alice: UserScope = { teamId: 'T_ACME', enterpriseId: null, userId: 'U_ALICE' };
export const aliceInGrid: UserScope = { ...alice, enterpriseId: 'E_GRID' };
export const aliceInOtherTeam: UserScope = { ...alice, teamId: 'T_OTHER' };
export const bob: UserScope = { ...alice, userId: 'U_BOB' };
/** Same user ID (or same team) as `alice`, but a different scope: must see nothing of hers. */
export const strangers: [string, UserScope][] = [
  ['same user in another team', aliceInOtherTeam],
  ['same user in an enterprise', aliceInGrid],
  ['another user in the same team', bob],
];

/** Fails unless `promise` rejects with a ReboundError of this code. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ReboundError);
  expect((error as ReboundError).code).toBe(code);
}
