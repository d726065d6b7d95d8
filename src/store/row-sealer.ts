// Sealed at rest: everything a person typed (company, role, names, reflections, notes, the
// feedback they heard back) is stored encrypted with AES-256-GCM, bound to their team,
// enterprise and user, so a row copied onto someone else's scope does not open. Enumerated
// choices (stage, fit answers, tweaks, the check-in time, an entry's kind) stay plain JSON
// beside the ciphertext, so patterns can still be read in SQL:
//
//   {"stage":"final_round","tweaks":["referrals"],"$sealed":"v1.<key>.<iv>.<tag>.<body>"}
//
// Without a key, rows are plain JSON as before. A row without "$sealed" (written before a
// key was set) still reads; `resealAnswers` seals it once a key is set, and re-seals rows an
// old key made after a rotation.

import { getStep } from '../domain/routine.js';
import type { EntryData, RoutineAnswers, StepNumber, UserScope } from '../domain/types.js';
import { ErrorCode, ReboundError } from '../errors.js';
import { parseAnswers, serializeAnswers } from './answers-json.js';

/** The cipher the store needs: the app passes crypto/token-cipher's (same keys, same rotation). */
export interface TextCipher {
  encrypt(plaintext: string, boundTo: string): string;
  decrypt(ciphertext: string, boundTo: string): string;
}

export const SEALED_KEY = '$sealed';

/** Answers a person types in free text; every other answer is one of Rebound's own choices. */
const TYPED_FIELDS: ReadonlySet<string> = new Set(
  ([1, 2, 3, 4] as StepNumber[]).flatMap((step) =>
    getStep(step)
      .fields.filter((field) => field.kind === 'text' || field.kind === 'multiline')
      .map((field) => field.id),
  ),
);
/** An entry's fields that stay plain: what kind it is, and whether feedback came. */
const PLAIN_ENTRY_FIELDS: ReadonlySet<string> = new Set(['kind', 'received']);

export interface RowSealer {
  readonly sealing: boolean;
  answersToText(answers: RoutineAnswers, scope: UserScope): string;
  answersFromText(text: string, scope: UserScope): RoutineAnswers;
  entryToText(data: EntryData, scope: UserScope): string;
  entryFromText(text: string, scope: UserScope): EntryData;
  /** A LIKE pattern that rows sealed with the current key match; null without a key. */
  readonly currentPattern: string | null;
}

function boundTo(scope: UserScope, what: string): string {
  return `${what}:${scope.teamId}:${scope.enterpriseId ?? ''}:${scope.userId}`;
}

function split(object: Record<string, unknown>, sealed: (key: string) => boolean) {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) (sealed(key) ? secret : plain)[key] = value;
  return { plain, secret };
}

export function createRowSealer(cipher: TextCipher | null): RowSealer {
  const open = (object: Record<string, unknown>, scope: UserScope, what: string) => {
    const sealed = object[SEALED_KEY];
    if (sealed === undefined) return object;
    if (typeof sealed !== 'string' || cipher === null) {
      throw new ReboundError(
        ErrorCode.TokenDecryptFailed,
        'Stored answers are encrypted but no TOKEN_ENCRYPTION_KEY opens them',
      );
    }
    const { [SEALED_KEY]: _sealed, ...plain } = object;
    return { ...plain, ...(JSON.parse(cipher.decrypt(sealed, boundTo(scope, what))) as object) };
  };

  const probe = cipher?.encrypt('', 'probe').split('.');
  return {
    sealing: cipher !== null,
    currentPattern: probe ? `%"${SEALED_KEY}":"${probe[0]}.${probe[1]}.%` : null,

    answersToText(answers, scope) {
      if (!cipher) return serializeAnswers(answers);
      const { plain, secret } = split(answers as Record<string, unknown>, (key) => TYPED_FIELDS.has(key));
      const sealed = cipher.encrypt(JSON.stringify(secret), boundTo(scope, 'answers'));
      return serializeAnswers({ ...plain, [SEALED_KEY]: sealed } as RoutineAnswers);
    },

    answersFromText(text, scope) {
      const parsed = parseAnswers(text) as Record<string, unknown>;
      return open(parsed, scope, 'answers') as RoutineAnswers;
    },

    entryToText(data, scope) {
      if (!cipher) return JSON.stringify(data);
      const { plain, secret } = split(
        data as unknown as Record<string, unknown>,
        (key) => !PLAIN_ENTRY_FIELDS.has(key),
      );
      return JSON.stringify({
        ...plain,
        [SEALED_KEY]: cipher.encrypt(JSON.stringify(secret), boundTo(scope, 'entry')),
      });
    },

    entryFromText(text, scope) {
      return open(JSON.parse(text) as Record<string, unknown>, scope, 'entry') as unknown as EntryData;
    },
  };
}

/** No key: plain JSON, as Rebound always stored it. */
export const PLAIN_ROWS: RowSealer = createRowSealer(null);
