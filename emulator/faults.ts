// Faults the emulator injects: failNext (the next N calls of a method), a lasting per-method
// latency, and an outage window (every call to some or all methods fails until it ends).

import type { Fault, OutageFault } from './types.js';

export class FaultQueue {
  private readonly pending = new Map<string, Array<{ fault: Fault; remaining: number }>>();

  add(method: string, fault: Fault, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext(${method}): times must be ≥ 1`);
    const queue = this.pending.get(method) ?? [];
    queue.push({ fault, remaining: times });
    this.pending.set(method, queue);
  }

  /** The fault for this call, if one is queued; faults run in the order they were added. */
  take(method: string): Fault | undefined {
    const queue = this.pending.get(method);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head.fault;
  }
}

/** Conditions that last until a test changes them: a slow method, Slack down. */
export class LastingFaults {
  private readonly latency = new Map<string, number>();
  private outage: { fault: OutageFault; methods: ReadonlySet<string> | null } | null = null;

  setLatency(method: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`setLatency(${method}): ms must be ≥ 0`);
    if (ms === 0) this.latency.delete(method);
    else this.latency.set(method, ms);
  }

  latencyOf(method: string): number {
    return this.latency.get(method) ?? 0;
  }

  /** `methods` omitted: every method is down. */
  startOutage(fault: OutageFault, methods?: readonly string[]): void {
    this.outage = { fault, methods: methods ? new Set(methods) : null };
  }

  endOutage(): void {
    this.outage = null;
  }

  outageFor(method: string): OutageFault | undefined {
    if (this.outage === null) return undefined;
    return this.outage.methods === null || this.outage.methods.has(method) ? this.outage.fault : undefined;
  }
}
