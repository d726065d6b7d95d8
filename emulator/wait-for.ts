// Waiting for the app's asynchronous effects (a modal opened after the ack, a DM posted later).

import type { Workspace } from './workspace.js';

/** Polls as a fallback for changes that happen through time alone (scheduled messages becoming due). */
const POLL_MS = 25;

/**
 * Resolves with the first non-undefined value of `probe`, re-checked on every workspace change.
 * Rejects after `timeoutMs` with `explain()` so a failing test says what was there instead.
 */
export function waitFor<T>(
  workspace: Workspace,
  probe: () => T | undefined,
  timeoutMs: number,
  explain: () => string,
): Promise<T> {
  const first = probe();
  if (first !== undefined) return Promise.resolve(first);
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const poll = setInterval(check, POLL_MS);
    const timer = setTimeout(() => {
      cleanup();
      const problems = workspace.problems.length > 0 ? `; problems: ${workspace.problems.join(' | ')}` : '';
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${explain()}${problems}`));
    }, timeoutMs);
    const unsubscribe = workspace.onChange(check);
    function cleanup() {
      clearInterval(poll);
      clearTimeout(timer);
      unsubscribe();
    }
  });
}
