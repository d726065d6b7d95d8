// Signatures of requests already accepted, so a captured request cannot be sent again while
// its timestamp is still inside Slack's five-minute window. Slack re-signs its own retries
// (new timestamp, new signature), so they are never mistaken for a replay.
//
// Only verified signatures go in, and the set is capped: its memory stays bounded even
// under a flood of genuine traffic. Past the cap the oldest entry makes room (an old entry
// is the one closest to leaving the window anyway).

export interface SeenSignatures {
  /** True the first time a signature is offered while it could still be accepted; false after. */
  firstSighting(signature: string, timestampSeconds: number, nowMs: number): boolean;
  readonly size: number;
}

export function createSeenSignatures(options: { windowMs: number; capacity: number }): SeenSignatures {
  // Insertion order is roughly timestamp order, so expired entries gather at the front.
  const expiries = new Map<string, number>();
  const prune = (nowMs: number) => {
    for (const [signature, expiresAt] of expiries) {
      if (expiresAt > nowMs) break;
      expiries.delete(signature);
    }
  };
  return {
    firstSighting(signature, timestampSeconds, nowMs) {
      prune(nowMs);
      const known = expiries.get(signature);
      if (known !== undefined && known > nowMs) return false;
      if (expiries.size >= options.capacity) {
        const oldest = expiries.keys().next();
        if (!oldest.done) expiries.delete(oldest.value);
      }
      // Accepted until its timestamp leaves the window, however early it arrived.
      expiries.set(signature, Math.max(timestampSeconds * 1000, nowMs) + options.windowMs);
      return true;
    },
    get size() {
      return expiries.size;
    },
  };
}
