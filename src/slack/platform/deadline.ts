// A Slack call made before an ack must not eat the 3 seconds Slack waits for it: past the
// deadline the listener goes on with `late` (the call itself is left to finish or fail alone).

export async function withinMs<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
