// Putting what a person typed into Slack mrkdwn safely. Slack's rule: escape only `&`,
// `<` and `>`; that alone turns `<!channel>` or `<@U123>` into inert text.
// Lengths are UTF-16 code units, as JavaScript and Slack's limits count them.

export const ELLIPSIS = '…';

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The first `length` code units of `text`, one shorter if that would split a surrogate pair. */
function safeSlice(text: string, length: number): string {
  if (length <= 0) return '';
  if (length >= text.length) return text;
  return isHighSurrogate(text.charCodeAt(length - 1)) ? text.slice(0, length - 1) : text.slice(0, length);
}

/**
 * `text` cut to at most `max` code units, ending in `ellipsis` when it was cut. Never
 * splits an emoji or other astral character in half.
 */
export function truncate(text: string, max: number, ellipsis: string = ELLIPSIS): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return safeSlice(ellipsis, Math.max(max, 0));
  return `${safeSlice(text, max - ellipsis.length).trimEnd()}${ellipsis}`;
}

/**
 * The longest `render(prefix of text)` that fits in `max` code units. For rendering that
 * grows the text (escaping, quoting): cutting the raw text first never leaves half an
 * `&amp;` behind. `render` must grow with its input, as escaping and quoting do.
 */
export function fitRendered(text: string, max: number, render: (text: string) => string): string {
  const whole = render(text);
  if (whole.length <= max) return whole;
  const codePoints = Array.from(text);
  const attempt = (count: number): string =>
    render(`${codePoints.slice(0, count).join('').trimEnd()}${ELLIPSIS}`);
  let low = 0;
  let high = codePoints.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (attempt(middle).length <= max) low = middle;
    else high = middle - 1;
  }
  const best = attempt(low);
  return best.length <= max ? best : truncate(render(''), max);
}

/** How much of a name someone typed (company, role, recipient) a line shows. */
export const NAME_MAX = 100;

/**
 * A name someone typed, for one line of mrkdwn: runs of whitespace made one space, cut to
 * `max`, escaped. `fallback` (already mrkdwn) stands in when there is no name.
 */
export function escapeName(
  text: string | undefined,
  options: { max?: number; fallback?: string } = {},
): string {
  const tidy = text?.replace(/\s+/g, ' ').trim();
  if (!tidy) return options.fallback ?? '';
  return escapeMrkdwn(truncate(tidy, options.max ?? NAME_MAX));
}

/**
 * Multi-line user text as a mrkdwn blockquote. Escaping first means a `>` the person typed
 * can't start a quote of its own, and mentions stay inert.
 */
export function quote(text: string): string {
  return escapeMrkdwn(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

/**
 * `<!date^…>`: Slack shows the date in the reader's own timezone. `format` uses Slack's
 * tokens, e.g. `{date_short_pretty} at {time}`; `fallback` shows on clients that can't.
 */
export function slackDate(date: Date, format: string, fallback: string): string {
  const unixSeconds = Math.floor(date.getTime() / 1000);
  return `<!date^${unixSeconds}^${format}|${escapeMrkdwn(fallback)}>`;
}

/** Plain fallback for slackDate: a fixed UTC reading, the same for everyone. */
export function utcFallback(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
