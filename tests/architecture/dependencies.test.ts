import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDependencies, importsOf } from './dependency-rules.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function trackedSources(): Map<string, string> {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const files = new Map<string, string>();
  for (const file of listed.split('\n')) {
    if (/^(src|emulator|devkit|bench|sandbox)\/.*\.(ts|js)$/.test(file)) {
      try {
        files.set(file, readFileSync(`${ROOT}${file}`, 'utf8'));
      } catch {
        // Deleted in the working tree but not yet in the index.
      }
    }
  }
  return files;
}

describe('the direction of imports', () => {
  it('holds across the code: domain pure, store and jobs without Slack, nothing importing the tests', () => {
    const files = trackedSources();
    expect(files.size).toBeGreaterThan(100);
    expect(checkDependencies(files)).toEqual([]);
  });

  it('fails on a deliberate bad import, naming the file, the import and the rule', () => {
    const files = new Map([
      [
        'src/jobs/follow-up-job.ts',
        "import { buildFollowUpMessage } from '../slack/follow-ups/message.js';\n",
      ],
      ['src/domain/steps.ts', "import type { Store } from '../store/store.js';\n"],
      ['src/store/sql-store.ts', "import type { Logger } from '@slack/bolt';\n"],
      ['bench/run.ts', "const { emulator } = await import('../tests/support/seed.js');\n"],
      ['src/slack/routine/back.ts', "import { ActionId } from '../platform/ids.js';\n"],
    ]);
    expect(checkDependencies(files)).toEqual([
      expect.objectContaining({
        file: 'src/jobs/follow-up-job.ts',
        imports: 'src/slack/follow-ups/message.js',
      }),
      expect.objectContaining({ file: 'src/domain/steps.ts', imports: 'src/store/store.js' }),
      expect.objectContaining({ file: 'src/store/sql-store.ts', imports: '@slack/bolt' }),
      expect.objectContaining({ file: 'bench/run.ts', imports: 'tests/support/seed.js' }),
    ]);
  });

  it('reads type-only, re-exported and dynamic imports', () => {
    expect(
      importsOf(
        'src/a/b.ts',
        "import type { X } from './x.js';\nexport { y } from '../y.js';\nconst z = await import('../../z.js');\n",
      ),
    ).toEqual(['src/a/x.js', 'src/y.js', 'z.js']);
  });
});
