// Things to undo if the bench is cut short (its time limit, or Ctrl-C): an embedded
// PostgreSQL would otherwise outlive it. Apps stop by themselves when the bench's IPC
// channel closes.

const hooks = new Set<() => Promise<unknown>>();

/** Registers `undo` until the returned function is called. */
export function onAbort(undo: () => Promise<unknown>): () => void {
  hooks.add(undo);
  return () => hooks.delete(undo);
}

export async function abortAll(timeoutMs: number): Promise<void> {
  const all = Promise.allSettled([...hooks].map((undo) => undo()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}
