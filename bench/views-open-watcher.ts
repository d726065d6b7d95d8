// Knows when the emulator has answered each views.open, by trigger_id: the "modal is on the
// user's screen" moment that command-to-views.open latency ends at.

import type { Workspace } from '../emulator/workspace.js';

export interface Opened {
  /** performance.now() when the emulator answered the views.open. */
  at: number;
  ok: boolean;
}

export class ViewsOpenWatcher {
  private cursor: number;
  private readonly seen = new Map<string, Opened>();
  private readonly waiting = new Map<string, (opened: Opened) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly workspace: Workspace) {
    this.cursor = workspace.calls.length;
    this.unsubscribe = workspace.onChange(() => this.scan());
  }

  /** Resolves when views.open with this trigger_id has been answered (or was already). */
  opened(triggerId: string, timeoutMs: number): Promise<Opened> {
    const known = this.seen.get(triggerId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(triggerId);
        resolve({ at: Number.NaN, ok: false });
      }, timeoutMs);
      this.waiting.set(triggerId, (opened) => {
        clearTimeout(timer);
        resolve(opened);
      });
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.seen.clear();
  }

  private scan(): void {
    const { calls } = this.workspace;
    while (this.cursor < calls.length) {
      const call = calls[this.cursor];
      if (call?.method === 'views.open') {
        // The emulator reports a change while handling the call, before it has answered.
        const answered = call.ok || call.error !== undefined || call.status !== 200;
        if (!answered) return;
        const triggerId = String(call.params.trigger_id);
        const opened = { at: performance.now(), ok: call.ok };
        const waiter = this.waiting.get(triggerId);
        if (waiter) {
          this.waiting.delete(triggerId);
          waiter(opened);
        } else {
          this.seen.set(triggerId, opened);
        }
      }
      this.cursor += 1;
    }
  }
}
