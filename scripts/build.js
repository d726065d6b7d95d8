// `npm run build` (and `npm start` when the build is stale): src/main.ts bundled by esbuild
// into dist/main.js, packages left as imports. One file loads in a fraction of the time of the
// ~180 modules tsc emits (see BENCHMARKS.md, start-up). Modules loaded only on demand (the
// PostgreSQL driver, distributed mode) stay in chunks of their own, so they still load only
// when used. Types are checked by `npm run typecheck`, not here. Plain JavaScript: it must run
// before anything is compiled.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds into `outdir` (dist/ by default), replacing what was there. */
export async function buildRebound(outdir = join(root, 'dist')) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/main.ts'],
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildRebound(process.argv[2]);
