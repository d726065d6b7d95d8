// Slack's mrkdwn, parsed into a small tree the page turns into DOM nodes (text nodes only, never HTML
// strings), and Slack's `<!date^…>` tokens formatted in the reader's timezone.
//
// What the app sends is already escaped the Slack way (`&amp;`, `&lt;`, `&gt;`), so a raw `<…>` is
// always the app's own link, mention or date, and a raw `>` at the start of a line always a quote.
// Pure functions, no DOM: the sandbox's unit tests run them under Node.

/** @typedef {{ type: 'text', text: string }
 *   | { type: 'bold' | 'italic' | 'strike', children: MrkdwnNode[] }
 *   | { type: 'code' | 'pre', text: string }
 *   | { type: 'quote', children: MrkdwnNode[] }
 *   | { type: 'link', url: string | null, text: string }
 *   | { type: 'mention', text: string }
 *   | { type: 'date', text: string, url: string | null }
 *   | { type: 'emoji', name: string, text: string }} MrkdwnNode */

/** Shortcodes Rebound and most apps use; any other `:name:` stays as typed. */
const EMOJI = {
  alarm_clock: '⏰',
  bell: '🔔',
  books: '📚',
  briefcase: '💼',
  bulb: '💡',
  calendar: '📅',
  clipboard: '📋',
  compass: '🧭',
  dart: '🎯',
  envelope: '✉️',
  eyes: '👀',
  heart: '❤️',
  hourglass: '⌛',
  information_source: 'ℹ️',
  lock: '🔒',
  mag: '🔍',
  memo: '📝',
  muscle: '💪',
  pencil: '📝',
  pencil2: '✏️',
  point_right: '👉',
  pushpin: '📌',
  raised_hands: '🙌',
  rocket: '🚀',
  seedling: '🌱',
  slightly_smiling_face: '🙂',
  smile: '😄',
  sparkles: '✨',
  speech_balloon: '💬',
  star: '⭐',
  tada: '🎉',
  thinking_face: '🤔',
  thumbsup: '👍',
  '+1': '👍',
  warning: '⚠️',
  wave: '👋',
  white_check_mark: '✅',
  x: '❌',
  zzz: '💤',
};

const MARKERS = { '*': 'bold', _: 'italic', '~': 'strike' };
/** A formatting marker opens after these (or at the start) and closes before these (or at the end). */
const BOUNDARY = /[\s.,;:!?()[\]{}"'“”‘’/\\<>*_~`-]/;

export function decodeEntities(text) {
  return text.replace(/&(amp|lt|gt);/g, (_, name) => ({ amp: '&', lt: '<', gt: '>' })[name]);
}

/**
 * @param {string} text mrkdwn as the app sent it
 * @param {{ now?: number, timeZone?: string, userNames?: Record<string, string> }} [context]
 * @returns {MrkdwnNode[]}
 */
export function parseMrkdwn(text, context = {}) {
  const nodes = [];
  const parts = String(text).split(/```([\s\S]*?)```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) nodes.push({ type: 'pre', text: decodeEntities(part.replace(/^\n/, '')) });
    else if (part !== '') nodes.push(...parseLines(part, context));
  });
  return nodes;
}

/** Groups lines into quotes (`>` or everything after `>>>`) and plain runs. */
function parseLines(text, context) {
  const nodes = [];
  const lines = text.split('\n');
  let plain = [];
  let quoted = [];
  const flushPlain = () => {
    if (plain.length > 0) nodes.push(...parseInline(plain.join('\n'), context));
    plain = [];
  };
  const flushQuote = () => {
    if (quoted.length > 0) nodes.push({ type: 'quote', children: parseInline(quoted.join('\n'), context) });
    quoted = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.startsWith('>>>')) {
      flushPlain();
      quoted.push(line.slice(3).replace(/^ /, ''), ...lines.slice(i + 1));
      break;
    }
    if (line.startsWith('>')) {
      flushPlain();
      quoted.push(line.slice(1).replace(/^ /, ''));
    } else {
      // The line break after a quote belongs to the quote, as in Slack.
      flushQuote();
      plain.push(line);
    }
  }
  flushQuote();
  flushPlain();
  return nodes;
}

function isBoundary(char) {
  return char === undefined || BOUNDARY.test(char);
}

/** Where the marker opened at `start` closes on the same line, or -1. */
function closingIndex(text, start, marker) {
  for (let j = start + 2; j < text.length; j += 1) {
    const char = text[j];
    if (char === '\n') return -1;
    if (char === '<') {
      const end = text.indexOf('>', j);
      if (end !== -1) j = end;
      continue;
    }
    if (char === marker && !/\s/.test(text[j - 1]) && isBoundary(text[j + 1])) return j;
  }
  return -1;
}

function parseInline(text, context) {
  const nodes = [];
  let buffer = '';
  const flush = () => {
    if (buffer !== '') nodes.push({ type: 'text', text: decodeEntities(buffer) });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '<') {
      const end = text.indexOf('>', i + 1);
      if (end !== -1) {
        flush();
        nodes.push(special(text.slice(i + 1, end), context));
        i = end + 1;
        continue;
      }
    }
    if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1 && !text.slice(i + 1, end).includes('\n')) {
        flush();
        nodes.push({ type: 'code', text: decodeEntities(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (char in MARKERS && isBoundary(text[i - 1]) && text[i + 1] !== undefined && !/\s/.test(text[i + 1])) {
      const end = closingIndex(text, i, char);
      if (end !== -1) {
        flush();
        nodes.push({ type: MARKERS[char], children: parseInline(text.slice(i + 1, end), context) });
        i = end + 1;
        continue;
      }
    }
    if (char === ':') {
      const match = /^:([a-z0-9_+-]+):/.exec(text.slice(i));
      if (match && Object.hasOwn(EMOJI, match[1])) {
        flush();
        nodes.push({ type: 'emoji', name: match[1], text: EMOJI[match[1]] });
        i += match[0].length;
        continue;
      }
    }
    buffer += char;
    i += 1;
  }
  flush();
  return nodes;
}

/** plain_text is never formatted: only its `:emoji:` shortcodes are shown as emoji. */
export function plainTextNodes(text) {
  const nodes = [];
  let last = 0;
  for (const match of String(text).matchAll(/:([a-z0-9_+-]+):/g)) {
    if (!Object.hasOwn(EMOJI, match[1])) continue;
    if (match.index > last) nodes.push({ type: 'text', text: text.slice(last, match.index) });
    nodes.push({ type: 'emoji', name: match[1], text: EMOJI[match[1]] });
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push({ type: 'text', text: text.slice(last) });
  return nodes;
}

function safeUrl(url) {
  return /^(https?:|mailto:)/i.test(url) ? url : null;
}

/** `<…>`: a link, a mention, a special mention or a date. */
function special(inner, context) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return { type: 'mention', text: `@${label ?? context.userNames?.[id] ?? id}` };
  }
  if (target.startsWith('#')) return { type: 'mention', text: `#${label ?? target.slice(1)}` };
  if (target.startsWith('!date^')) {
    const [, unix, format, url] = target.split('^');
    const seconds = Number(unix);
    const shown = Number.isFinite(seconds) && format ? formatSlackDate(seconds, format, context) : null;
    return { type: 'date', text: shown ?? label ?? '', url: url ? safeUrl(decodeEntities(url)) : null };
  }
  if (target.startsWith('!subteam^')) return { type: 'mention', text: label ?? '@group' };
  if (target.startsWith('!')) return { type: 'mention', text: `@${target.slice(1)}` };
  const url = decodeEntities(target);
  return { type: 'link', url: safeUrl(url), text: label ?? url };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Calendar parts of an instant in a timezone (the reader's own when `timeZone` is undefined). */
function partsOf(ms, timeZone) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const parts = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return { ...parts, weekday };
}

function dayNumber(parts) {
  return Date.UTC(parts.year, parts.month - 1, parts.day) / 86_400_000;
}

const pad = (n) => String(n).padStart(2, '0');

function clockTime(p, seconds) {
  const hour = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${hour}:${pad(p.minute)}${seconds ? `:${pad(p.second)}` : ''} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

function ago(ms, now) {
  const seconds = Math.round((ms - now) / 1000);
  const units = [
    ['year', 365 * 86_400],
    ['month', 30 * 86_400],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    const count = Math.trunc(Math.abs(seconds) / size);
    if (count >= 1) {
      const amount = `${count} ${unit}${count === 1 ? '' : 's'}`;
      return seconds < 0 ? `${amount} ago` : `in ${amount}`;
    }
  }
  return 'just now';
}

/**
 * Slack's date tokens, e.g. `{date_short_pretty} at {time}`, for `unixSeconds` in the reader's timezone.
 * `now` (ms) decides today / yesterday / tomorrow and `{ago}`; the sandbox passes the app's clock.
 * @param {number} unixSeconds
 * @param {string} format
 * @param {{ now?: number, timeZone?: string }} [context]
 */
export function formatSlackDate(unixSeconds, format, context = {}) {
  const ms = unixSeconds * 1000;
  const now = context.now ?? Date.now();
  const p = partsOf(ms, context.timeZone);
  const today = partsOf(now, context.timeZone);
  const month = MONTHS[p.month - 1];
  const date = `${month} ${ordinal(p.day)}, ${p.year}`;
  const dateShort = `${month.slice(0, 3)} ${p.day}, ${p.year}`;
  const dateLong = `${WEEKDAYS[p.weekday]}, ${date}`;
  const relative = { '-1': 'yesterday', 0: 'today', 1: 'tomorrow' }[dayNumber(p) - dayNumber(today)];
  const tokens = {
    date_num: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    date_slash: `${pad(p.day)}/${pad(p.month)}/${p.year}`,
    date,
    date_short: dateShort,
    date_long: dateLong,
    date_long_full: `${month} ${p.day}, ${p.year}`,
    date_pretty: relative ?? date,
    date_short_pretty: relative ?? dateShort,
    date_long_pretty: relative ?? dateLong,
    day_divider_pretty:
      relative ?? (p.year === today.year ? `${WEEKDAYS[p.weekday]}, ${month} ${ordinal(p.day)}` : dateLong),
    time: clockTime(p, false),
    time_secs: clockTime(p, true),
    ago: ago(ms, now),
  };
  return format.replace(/\{([a-z_]+)\}/g, (whole, name, offset) => {
    const value = tokens[name];
    if (value === undefined) return whole;
    return offset === 0 ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
}
