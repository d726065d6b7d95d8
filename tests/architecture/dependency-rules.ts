// The directions the code's imports may take (docs/ARCHITECTURE.md), as data and one pure
// check over a map of file → source, so a test can prove that a bad import fails.

import path from 'node:path';

export interface Rule {
  /** Files this rule applies to (repo-relative, forward slashes). */
  from: RegExp;
  /** What those files may not import: a repo-relative path, or a package name. */
  forbidden: RegExp;
  why: string;
}

export const RULES: Rule[] = [
  {
    from: /^src\/domain\//,
    forbidden: /^(?!src\/domain\/)/,
    why: 'the domain is pure: it imports nothing outside src/domain/ (no Slack, no SQL, no Node)',
  },
  {
    from: /^src\/(store|jobs)\//,
    forbidden: /^(src\/slack\/|@slack\/)/,
    why: 'the store and the jobs know no Slack: the job talks to Slack through its sender port',
  },
  {
    from: /^(src|emulator|devkit|bench|sandbox)\//,
    forbidden: /^tests\//,
    why: 'nothing imports the tests',
  },
  {
    from: /^src\//,
    forbidden: /^(emulator|devkit|bench|sandbox)\//,
    why: 'the app does not depend on its test and demo tools',
  },
  {
    from: /^emulator\//,
    forbidden: /^src\//,
    why: "the emulator is Slack's side: it knows Slack's rules, not Rebound's code",
  },
];

export interface Violation {
  file: string;
  imports: string;
  why: string;
}

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Repo-relative targets (or package names) of one file's imports. */
export function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2];
    if (!specifier) continue;
    found.push(
      specifier.startsWith('.')
        ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
        : specifier,
    );
  }
  return found;
}

export function checkDependencies(files: Map<string, string>, rules: Rule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const [file, source] of files) {
    for (const target of importsOf(file, source)) {
      for (const rule of rules) {
        if (rule.from.test(file) && rule.forbidden.test(target))
          violations.push({ file, imports: target, why: rule.why });
      }
    }
  }
  return violations;
}
