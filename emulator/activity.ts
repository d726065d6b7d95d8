// What is under way between the emulator and the app: deliveries waiting for their ack and
// requests the app made (Web API, response_url, uploads) waiting for their answer. A test
// that checks "nothing happened" waits for quiet instead of sleeping a fixed time.

export interface IdleOptions {
  /** How long nothing may have been under way before it counts as quiet; 50 ms by default. */
  quietMs?: number;
  /** Gives up (and throws, naming what is still busy) after this long; 5 s by default. */
  timeoutMs?: number;
  /**
   * The app's own unfinished work, when the test can reach it (e.g. listeners still running
   * after their ack). Awaited once quiet; if anything started meanwhile, quiet is awaited again.
   */
  settle?: () => Promise<unknown>;
}

const POLL_MS = 5;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Activity {
  private readonly busy = new Map<string, number>();
  private started = 0;
  private lastAt = Date.now();

  /** Marks `what` as under way until the returned function is called (once). */
  begin(what: string): () => void {
    this.busy.set(what, (this.busy.get(what) ?? 0) + 1);
    this.started += 1;
    this.lastAt = Date.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.busy.get(what) ?? 1) - 1;
      if (left === 0) this.busy.delete(what);
      else this.busy.set(what, left);
      this.lastAt = Date.now();
    };
  }

  /** Runs `work` marked as `what`. */
  async track<T>(what: string, work: () => Promise<T>): Promise<T> {
    const end = this.begin(what);
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** Resolves once nothing has been under way for `quietMs` and `settle` found nothing new. */
  async idle(options: IdleOptions = {}): Promise<void> {
    const quietMs = options.quietMs ?? 50;
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      await this.quiet(quietMs, deadline);
      if (options.settle === undefined) return;
      const before = this.started;
      await options.settle();
      if (this.started === before && this.busy.size === 0) return;
    }
  }

  private async quiet(quietMs: number, deadline: number): Promise<void> {
    while (this.busy.size > 0 || Date.now() - this.lastAt < quietMs) {
      if (Date.now() > deadline) {
        const what = [...this.busy].map(([name, count]) => `${name} ×${count}`).join(', ');
        throw new Error(`emulator never went idle: still busy with ${what || 'recent requests'}`);
      }
      await pause(POLL_MS);
    }
  }
}
