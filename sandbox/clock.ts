// The sandbox's time: the app's clock, which "+1 day" and "+1 week" move forward.
//
// Only Rebound's domain clock moves. The emulator keeps real time on purpose: Bolt checks each
// request's signature timestamp against the real clock (more than 5 minutes off and it refuses the
// request), and trigger_ids must expire 3 real seconds after a click, as in Slack. So Slack-side
// timestamps (message `ts`, `action_ts`) stay real, and this clock remembers every jump so the page
// can show when, in the app's time, a message arrived. Rebound only compares its clock with a Slack
// timestamp when it recovers a follow-up after a crash (conversations.history `oldest`), which never
// happens here.

export class SandboxClock {
  /** Offsets in force from a real time on, oldest first. */
  private readonly history: { sinceRealMs: number; offsetMs: number }[];

  constructor(
    startAt?: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    this.history = [{ sinceRealMs: -Infinity, offsetMs: startAt ? startAt.getTime() - realNow() : 0 }];
  }

  /** How far the app's clock is ahead of real time (negative when started in the past). */
  get offsetMs(): number {
    return this.history.at(-1)?.offsetMs ?? 0;
  }

  /** The app's clock: pass as startRebound's `clock`. */
  readonly now = (): Date => new Date(this.realNow() + this.offsetMs);

  /** Moves the app's clock forward and returns the new time. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms <= 0) throw new RangeError('the clock only moves forward');
    this.history.push({ sinceRealMs: this.realNow(), offsetMs: this.offsetMs + ms });
    return this.now();
  }

  /** The app's time at the moment real time was `realMs` (e.g. a message's ts × 1000). */
  appTimeAt(realMs: number): number {
    let offset = 0;
    for (const entry of this.history) {
      if (entry.sinceRealMs > realMs) break;
      offset = entry.offsetMs;
    }
    return realMs + offset;
  }
}
