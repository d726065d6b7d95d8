// Per-method rate limits: a token bucket per channel (Slack allows ~1 message/s per channel with short
// bursts) and a sliding one-minute window per method (the workspace-wide tier limit).

import type { RateLimit } from './types.js';

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export class RateLimiter {
  private readonly limits = new Map<string, RateLimit>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly minuteWindows = new Map<string, number[]>();

  set(method: string, limit: RateLimit): void {
    this.limits.set(method, limit);
  }

  /** Returns Retry-After seconds when the call is over a limit; otherwise counts the call and returns undefined. */
  check(method: string, channel: string | undefined, now = Date.now()): number | undefined {
    const limit = this.limits.get(method);
    if (limit === undefined) return undefined;
    const windowWait = this.minuteWait(method, limit, now);
    const bucketWait = this.bucketWait(method, channel, limit, now);
    const wait = Math.max(windowWait ?? 0, bucketWait ?? 0);
    if (windowWait !== undefined || bucketWait !== undefined) return Math.max(1, Math.ceil(wait / 1000));
    this.consume(method, channel, limit, now);
    return undefined;
  }

  private minuteWait(method: string, limit: RateLimit, now: number): number | undefined {
    if (limit.perMinute === undefined) return undefined;
    const recent = (this.minuteWindows.get(method) ?? []).filter((at) => now - at < 60_000);
    this.minuteWindows.set(method, recent);
    const oldest = recent[0];
    if (recent.length < limit.perMinute || oldest === undefined) return undefined;
    return oldest + 60_000 - now;
  }

  private bucketWait(
    method: string,
    channel: string | undefined,
    limit: RateLimit,
    now: number,
  ): number | undefined {
    const rate = limit.perChannelPerSecond;
    if (rate === undefined) return undefined;
    const bucket = this.refill(`${method}\u0000${channel ?? ''}`, rate, capacityOf(limit), now);
    if (bucket.tokens >= 1) return undefined;
    return ((1 - bucket.tokens) / rate) * 1000;
  }

  private consume(method: string, channel: string | undefined, limit: RateLimit, now: number): void {
    if (limit.perMinute !== undefined) this.minuteWindows.get(method)?.push(now);
    if (limit.perChannelPerSecond !== undefined) {
      const key = `${method}\u0000${channel ?? ''}`;
      const bucket = this.refill(key, limit.perChannelPerSecond, capacityOf(limit), now);
      bucket.tokens -= 1;
    }
  }

  private refill(key: string, rate: number, capacity: number, now: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: capacity, refilledAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.refilledAt) / 1000) * rate);
    bucket.refilledAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

function capacityOf(limit: RateLimit): number {
  return limit.burst ?? Math.max(1, Math.ceil(limit.perChannelPerSecond ?? 1));
}
