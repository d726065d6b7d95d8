// What a person typed after `/rejected`. Known words are subcommands; anything else is a
// company name to start with — except a near-miss of a subcommand ("lsit", "exprot"),
// which gets help with a suggestion rather than a routine for a company called "lsit".
// `/rejected start <company>` always starts, for a company whose name looks like a command.

export const MAX_COMPANY_LENGTH = 100;

export const SUBCOMMANDS = ['help', 'list', 'export', 'delete', 'prep'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export type RejectedCommand =
  | { kind: Subcommand }
  | { kind: 'start'; company?: string }
  | { kind: 'unknown'; word: string; suggestion: Subcommand | null };

export function parseRejectedCommand(text: string | undefined): RejectedCommand {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return { kind: 'start' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (word === '?' || word === '--help') return { kind: 'help' };
  const subcommand = SUBCOMMANDS.find((name) => name === word);
  if (subcommand && rest.length === 0) return { kind: subcommand };
  if (word === 'start') return start(trimmed.slice(first.length).trim());
  if (rest.length === 0) {
    if (/^[-/]/.test(word)) return { kind: 'unknown', word: first, suggestion: null };
    const suggestion = SUBCOMMANDS.find((name) => word.length >= 3 && editDistance(word, name) === 1) ?? null;
    if (suggestion) return { kind: 'unknown', word: first, suggestion };
  }
  return start(trimmed);
}

function start(company: string): RejectedCommand {
  if (!company) return { kind: 'start' };
  return { kind: 'start', company: Array.from(company).slice(0, MAX_COMPANY_LENGTH).join('') };
}

/** Optimal string alignment distance: one edit = insert, delete, substitute or swap neighbours. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}
