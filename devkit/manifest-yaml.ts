// Reads manifest.yml into plain data: the YAML that file uses (nested maps, lists of scalars
// and of maps, quoted and plain scalars, `>-` folded text, comments). Anything else throws, so
// a manifest the reader misunderstands fails the test instead of passing it.

interface Line {
  indent: number;
  text: string;
}

function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function scalar(raw: string): unknown {
  const text = raw.trim();
  if (/^".*"$/.test(text)) return JSON.parse(text);
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^[[{&*!|>]/.test(text)) throw new Error(`unsupported YAML value: ${text}`);
  return text;
}

export function parseManifestYaml(source: string): unknown {
  const raw = source.split('\n');
  const lines: (Line & { raw: string })[] = [];
  for (const line of raw) {
    const text = stripComment(line);
    if (text.trim() === '') {
      lines.push({ indent: -1, text: '', raw: line });
      continue;
    }
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), raw: line });
  }
  let index = 0;
  const skipBlank = () => {
    while (index < lines.length && lines[index]?.indent === -1) index += 1;
  };
  const folded = (parentIndent: number): string => {
    const words: string[] = [];
    while (index < lines.length) {
      const line = lines[index] as Line & { raw: string };
      const rawIndent = line.raw.length - line.raw.trimStart().length;
      if (line.raw.trim() !== '' && rawIndent <= parentIndent) break;
      if (line.raw.trim() !== '') words.push(line.raw.trim());
      index += 1;
    }
    return words.join(' ');
  };
  const value = (indent: number): unknown => {
    skipBlank();
    const first = lines[index];
    if (first === undefined || first.indent < indent) return null;
    return first.text.startsWith('- ') || first.text === '-' ? list(first.indent) : map(first.indent);
  };
  const entry = (text: string, indent: number, into: Record<string, unknown>) => {
    const match = /^([A-Za-z0-9_$-]+):(?:\s+(.*))?$/.exec(text);
    if (!match) throw new Error(`unsupported YAML line: ${text}`);
    const [, key = '', rest] = match;
    index += 1;
    if (rest === undefined || rest === '') into[key] = value(indent + 1);
    else if (rest === '>-' || rest === '>') into[key] = folded(indent);
    else into[key] = scalar(rest);
  };
  const map = (indent: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (skipBlank(); index < lines.length; skipBlank()) {
      const line = lines[index] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new Error(`unexpected indent: ${line.text}`);
      entry(line.text, indent, out);
    }
    return out;
  };
  const list = (indent: number): unknown[] => {
    const out: unknown[] = [];
    for (skipBlank(); index < lines.length; skipBlank()) {
      const line = lines[index] as Line;
      if (line.indent !== indent || !line.text.startsWith('-')) break;
      const rest = line.text.slice(1).trim();
      if (/^[A-Za-z0-9_$-]+:(\s|$)/.test(rest)) {
        // A map item: its first key sits on the dash line, the others align with it.
        const itemIndent = indent + (line.text.length - rest.length);
        const item: Record<string, unknown> = {};
        entry(rest, itemIndent, item);
        Object.assign(item, map(itemIndent));
        out.push(item);
      } else {
        out.push(scalar(rest));
        index += 1;
      }
    }
    return out;
  };
  return value(0);
}
