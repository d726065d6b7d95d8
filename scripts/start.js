// `npm start`: runs the tsc build (dist/main.js) in this process. It builds first only when
// there is no build yet or a source file is newer than it (a fresh clone, a pull, an edit), so
// a restart — a deploy, a crash — starts in well under a second instead of compiling first.
// Plain JavaScript: it must run before anything is compiled.

import { execFileSync } from 'node:child_process';
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
  statSync(join(root, 'tsconfig.build.json')).mtimeMs,
);
if (builtAt() < sources) {
  process.stderr.write('Building Rebound (tsc -p tsconfig.build.json)…\n');
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
await import(pathToFileURL(entry).href);
