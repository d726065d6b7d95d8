// failNext: faults injected into the next N calls of a Web API method, applied before normal handling.

import type { Fault } from './types.js';

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
