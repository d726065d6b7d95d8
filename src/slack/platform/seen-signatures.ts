// Signatures of requests already accepted, so a captured request cannot be sent again while
// its timestamp is still inside Slack's five-minute window. Slack re-signs its own retries
// (new timestamp, new signature), so they are never mistaken for a replay.
//
// Only verified signatures go in, and the set is capped: its memory stays bounded even
// under a flood of genuine traffic. Past the cap the oldest entry makes room (an old entry
// is the one closest to leaving the window anyway).
//
// Kept compact: each key is remembered as a 16-byte digest in a ring of typed arrays with
// an open-addressing index, about 32 bytes an entry, where a Map of the key strings held
// about 200 (a ~70-character string, its parts, a boxed expiry and the Map's own slot) —
// 9 MB at the cap, all of it old-generation objects every full GC had to mark.

import { createHash } from 'node:crypto';

export interface SeenSignatures {
  /** True the first time a signature is offered while it could still be accepted; false after. */
  firstSighting(signature: string, timestampSeconds: number, nowMs: number): boolean;
  readonly size: number;
}

const DIGEST_BYTES = 16;
const EMPTY = -1;

export function createSeenSignatures(options: { windowMs: number; capacity: number }): SeenSignatures {
  const capacity = Math.max(1, Math.floor(options.capacity));
  // The ring, oldest first from `head`: insertion order is roughly timestamp order, so
  // expired entries gather at the front.
  const digests = Buffer.alloc(capacity * DIGEST_BYTES);
  const expiries = new Float64Array(capacity);
  let head = 0;
  let count = 0;
  // Index: ring slot per cell, EMPTY for none; at most half full, so probes stay short.
  let cells = 2;
  while (cells < capacity * 2) cells *= 2;
  const index = new Int32Array(cells).fill(EMPTY);
  const mask = cells - 1;

  /** The digest's first four bytes: already uniformly spread, as a hash's are. */
  const homeOf = (slot: number) => digests.readUInt32LE(slot * DIGEST_BYTES) & mask;
  const expiryOf = (slot: number) => expiries[slot] ?? 0;
  const sameDigest = (slot: number, digest: Buffer) => {
    const at = slot * DIGEST_BYTES;
    for (let i = 0; i < DIGEST_BYTES; i += 1) if (digests[at + i] !== digest[i]) return false;
    return true;
  };
  /** The cell holding `digest`, or the empty cell where it would go (as ~cell). */
  const find = (digest: Buffer) => {
    let cell = digest.readUInt32LE(0) & mask;
    for (;;) {
      const slot = index[cell] ?? EMPTY;
      if (slot === EMPTY) return ~cell;
      if (sameDigest(slot, digest)) return cell;
      cell = (cell + 1) & mask;
    }
  };
  /** Empties `cell`, moving back the entries after it that probed past it (linear probing). */
  const clearCell = (start: number) => {
    let hole = start;
    let cell = start;
    for (;;) {
      cell = (cell + 1) & mask;
      const slot = index[cell] ?? EMPTY;
      if (slot === EMPTY) break;
      const home = homeOf(slot);
      // Moves into the hole unless its home lies cyclically in (hole, cell].
      const stays = hole <= cell ? home > hole && home <= cell : home > hole || home <= cell;
      if (!stays) {
        index[hole] = slot;
        hole = cell;
      }
    }
    index[hole] = EMPTY;
  };
  const dropOldest = () => {
    const cell = find(digests.subarray(head * DIGEST_BYTES, (head + 1) * DIGEST_BYTES));
    if (cell >= 0) clearCell(cell);
    head = (head + 1) % capacity;
    count -= 1;
  };
  const prune = (nowMs: number) => {
    while (count > 0 && expiryOf(head) <= nowMs) dropOldest();
  };

  return {
    firstSighting(signature, timestampSeconds, nowMs) {
      prune(nowMs);
      const digest = createHash('sha256').update(signature).digest().subarray(0, DIGEST_BYTES);
      // Accepted until its timestamp leaves the window, however early it arrived.
      const expiresAt = Math.max(timestampSeconds * 1000, nowMs) + options.windowMs;
      let cell = find(digest);
      if (cell >= 0) {
        const slot = index[cell] ?? EMPTY;
        if (expiryOf(slot) > nowMs) return false;
        expiries[slot] = expiresAt;
        return true;
      }
      if (count === capacity) {
        dropOldest();
        cell = find(digest);
      }
      const slot = (head + count) % capacity;
      digests.set(digest, slot * DIGEST_BYTES);
      expiries[slot] = expiresAt;
      index[~cell] = slot;
      count += 1;
      return true;
    },
    get size() {
      return count;
    },
  };
}
