import { randomUUID } from 'node:crypto';

/** Record ids are random UUIDs, made by the app so both engines store plain text ids. */
export function newId(): string {
  return randomUUID();
}
