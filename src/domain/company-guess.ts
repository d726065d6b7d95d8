// A guess at the company a rejection message is from ("…your application to Acme…", "the
// Acme team"), offered in step 1 for the person to confirm or change. Only ever a guess: it
// is shown, never stored, until the person submits the form.

import { NAME_MAX } from './steps.js';

/** Capitalised words that start sentences or sign-offs, not company names. */
const NOT_A_NAME = new Set(
  [
    'a',
    'an',
    'the',
    'this',
    'that',
    'these',
    'our',
    'your',
    'my',
    'we',
    'you',
    'i',
    'us',
    'it',
    'unfortunately',
    'thank',
    'thanks',
    'hi',
    'hello',
    'dear',
    'best',
    'regards',
    'kind',
    'sorry',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'today',
    'this',
    'linkedin',
    'slack',
    'email',
    'time',
    'least',
    'all',
    'once',
    'first',
    'length',
  ].map((word) => word.toLowerCase()),
);

const WORD = String.raw`[A-Z0-9][\p{L}\p{N}&'’.-]*`;
const NAME = String.raw`(${WORD}(?:\s+(?:${WORD}|&|of|de|and))*)`;

/** In order of how much each phrasing says about the company. */
const PATTERNS: RegExp[] = [
  new RegExp(
    String.raw`\b(?:interest in|application (?:to|with|at|for a role at)|applying (?:to|at)|position at|role at|opportunity at|career(?:s)? at|join(?:ing)?|interview(?:ing|s)? (?:at|with)|team at|here at|everyone at|all of us at)\s+${NAME}`,
    'u',
  ),
  new RegExp(
    String.raw`\b(?:the\s+)?${NAME}\s+(?:team|recruiting team|talent team|hiring team|talent acquisition)\b`,
    'u',
  ),
  new RegExp(String.raw`\b(?:at|from|with)\s+${NAME}`, 'u'),
];

/** Slack's markup: <@U…>, <#C…|name>, <https://…|label> and entities, reduced to plain words. */
function plainWords(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<([^>|]+)\|([^>]+)>/g, ' $2 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;|&gt;/g, ' ')
    .replace(/[*_~`]/g, '');
}

function cleaned(candidate: string): string | null {
  const words: string[] = [];
  // A sentence ends the name: "Acme Corp. Unfortunately…" is Acme Corp.
  for (const word of candidate.split(/\s+/)) {
    words.push(word);
    if (/[.!?,;:]$/.test(word)) break;
  }
  while (words.length > 0 && /^(?:&|of|de|and)$/.test(words[words.length - 1] ?? '')) words.pop();
  while (words.length > 0 && NOT_A_NAME.has((words[0] ?? '').toLowerCase().replace(/[.'’]/g, '')))
    words.shift();
  const name = words
    .slice(0, 4)
    .join(' ')
    .replace(/[.'’,-]+$/, '');
  if (name.length < 2 || name.length > NAME_MAX) return null;
  return NOT_A_NAME.has(name.toLowerCase()) ? null : name;
}

/** The company the message most likely names, or null when it names none clearly. */
export function guessCompany(messageText: string): string | null {
  const text = plainWords(messageText).slice(0, 4000);
  for (const pattern of PATTERNS) {
    const global = new RegExp(pattern.source, 'gu');
    for (const match of text.matchAll(global)) {
      const name = match[1] === undefined ? null : cleaned(match[1]);
      if (name !== null) return name;
    }
  }
  return null;
}
