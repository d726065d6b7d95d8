// V8 lets the old generation grow to up to four times what survived the last full collection
// before it collects again. What Rebound keeps between requests is small (about 22 MB under
// the bench's load) and the rest is garbage, so 2.3 times is plenty: peak RSS under that load
// is about 180 MB instead of 230. The bound is a trade: at 2 times (100 %) RSS was 170 MB, but
// Rebound ran twice the floor's full collections, and each cost the next requests more than
// its pause (BENCHMARKS.md, "The heap bound, measured again").
//
// Set once Rebound serves, not as a node flag: any V8 flag on node's command line makes V8
// refuse node's code cache for its own modules, and compiling them again cost every start
// about 30 ms. The setting is read at each collection, so it applies from then on. (node:v8
// itself is loaded then too: nothing else Rebound loads at start needs it.)

export const HEAP_GROWTH_FLAG = '--heap-growing-percent=130';

export async function boundHeapGrowth(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString(HEAP_GROWTH_FLAG);
}
