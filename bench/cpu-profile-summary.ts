// Summarises a `node --cpu-prof` profile: where the process spent its CPU, by function
// (self time) and by package or source folder (self time, grouped). Used by the bench with
// BENCH_CPU_PROF=1; also runnable by hand: `npx tsx bench/cpu-profile-summary.ts FILE`.

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: ProfileLine[];
  byModule: ProfileLine[];
  /** Inclusive time of the app's own functions (src/): the time spent in them or below them. */
  inclusiveSrc: ProfileLine[];
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, ms] of self) {
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && /\/src\//.test(frame.url))
        names.add(`${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`);
    }
    for (const name of names) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  }
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    totalMs += ms;
    const where = shortUrl(frame.url);
    const name =
      `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const module = moduleOf(frame.url, frame.functionName);
    modules.set(module, (modules.get(module) ?? 0) + ms);
  }
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / totalMs) * 1000) / 10 }));
  return {
    totalMs: Math.round(totalMs),
    byFunction: lines(functions),
    byModule: lines(modules),
    inclusiveSrc: lines(inclusive),
  };
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const src = url.search(/\/(src|bench|tests)\//);
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

/** `@slack/web-api`, `src/store`, `node:internal` …; `(garbage collector)` and friends as they are. */
function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  const src = /\/((src|bench|tests)\/[^/]+)/.exec(url);
  if (src?.[1]) return src[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

if (process.argv[1]?.endsWith('cpu-profile-summary.ts') && process.argv[2]) {
  const summary = summariseProfile(process.argv[2], Number(process.argv[3] ?? 25));
  process.stdout.write(`total ${summary.totalMs} ms\n\nby module (self):\n`);
  for (const line of summary.byModule)
    process.stdout.write(
      `  ${String(line.ms).padStart(7)} ms ${String(line.share).padStart(5)}%  ${line.name}\n`,
    );
  process.stdout.write('\nsrc/ functions (inclusive):\n');
  for (const line of summary.inclusiveSrc)
    process.stdout.write(
      `  ${String(line.ms).padStart(7)} ms ${String(line.share).padStart(5)}%  ${line.name}\n`,
    );
  process.stdout.write('\nby function (self):\n');
  for (const line of summary.byFunction)
    process.stdout.write(
      `  ${String(line.ms).padStart(7)} ms ${String(line.share).padStart(5)}%  ${line.name}\n`,
    );
}
