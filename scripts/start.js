// `npm start`: runs the build (dist/main.js, scripts/build.js) in this process. It builds first
// only when there is no build yet or a source file is newer than it (a fresh clone, a pull, an
// edit), so a restart — a deploy, a crash — starts without building.
// Plain JavaScript: it must run before anything is compiled.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'main.js');

/** Newest modification time under `dir` (recursively), in ms; 0 when it does not exist. */
function newestIn(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const item of entries) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(entry).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(
  newestIn(join(root, 'src')),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
  statSync(join(root, 'scripts', 'build.js')).mtimeMs,
);
if (builtAt() < sources) {
  process.stderr.write('Building Rebound (scripts/build.js)…\n');
  const { buildRebound } = await import('./build.js');
  await buildRebound();
}
await import(pathToFileURL(entry).href);
