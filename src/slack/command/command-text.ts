// What a person typed after `/rejected`. Known words are subcommands; anything else is a
// company name to start with — except a near-miss of a subcommand ("lsit", "exprot"),
// which gets help with a suggestion rather than a routine for a company called "lsit".
// `/rejected start <company>` always starts, for a company whose name looks like a command.
// The company may come with the role: `Acme - Product designer`, `Acme, Product designer` or
// `Product designer at Acme`. Anything that reads more than one way fills the company only.

export const MAX_COMPANY_LENGTH = 100;

export const SUBCOMMANDS = ['help', 'list', 'export', 'delete', 'prep'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export type RejectedCommand =
  | { kind: Subcommand }
  | { kind: 'start'; company?: string; role?: string }
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

function start(text: string): RejectedCommand {
  if (!text) return { kind: 'start' };
  const both = companyAndRole(text);
  if (both === null) return { kind: 'start', company: capped(text) };
  return { kind: 'start', company: capped(both.company), role: capped(both.role) };
}

function capped(text: string): string {
  return Array.from(text).slice(0, MAX_COMPANY_LENGTH).join('');
}

/** Words after a comma that belong to the company's name ("Acme, Inc."), not a role. */
const COMPANY_SUFFIX = /^(inc|llc|ltd|limited|gmbh|co|corp|corporation|plc|sa|ag|bv|nv|pty|srl|oy|ab)\.?$/i;

/**
 * The company and the role when exactly one way of writing both fits: a spaced dash, one
 * comma, or one " at ". Null when none fits, or more than one does (ambiguous).
 */
function companyAndRole(text: string): { company: string; role: string } | null {
  const readings: { company: string; role: string }[] = [];
  const dash = text.split(/\s+[-–—]\s+/);
  if (dash.length === 2) readings.push({ company: dash[0] ?? '', role: dash[1] ?? '' });
  const comma = text.split(',');
  if (comma.length === 2 && !COMPANY_SUFFIX.test((comma[1] ?? '').trim()))
    readings.push({ company: comma[0] ?? '', role: comma[1] ?? '' });
  const at = text.split(/\s+at\s+/i);
  if (at.length === 2) readings.push({ company: at[1] ?? '', role: at[0] ?? '' });
  const [only] = readings;
  if (only === undefined || readings.length > 1) return null;
  const company = only.company.trim();
  const role = only.role.trim();
  return company && role ? { company, role } : null;
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
