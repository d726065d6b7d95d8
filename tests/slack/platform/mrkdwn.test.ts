import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  escapeName,
  fitRendered,
  quote,
  slackDate,
  truncate,
  utcFallback,
} from '../../../src/slack/platform/mrkdwn.js';

const hasLoneSurrogate = (text: string): boolean =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('escapeMrkdwn', () => {
  it('escapes only &, < and >, which defuses mentions', () => {
    expect(escapeMrkdwn('<!channel> <@U123> & co')).toBe('&lt;!channel&gt; &lt;@U123&gt; &amp; co');
    expect(escapeMrkdwn('*bold* _it_ "quoted" \'single\'')).toBe('*bold* _it_ "quoted" \'single\'');
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
});

describe('truncate', () => {
  it('leaves short text alone and marks cut text with an ellipsis', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('hello world', 5, '')).toBe('hello');
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(10); // 20 code units
    for (let max = 0; max <= 21; max += 1) {
      const cut = truncate(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(cut)).toBe(false);
      expect(hasLoneSurrogate(truncate(emoji, max, ''))).toBe(false);
    }
    expect(truncate(`a${emoji}`, 4, '')).toBe('a😀');
  });
});

describe('escapeName', () => {
  it('makes a typed name one escaped line, cut to its length, or the fallback when there is none', () => {
    expect(escapeName('  Acme \n\t &  <Co>  ')).toBe('Acme &amp; &lt;Co&gt;');
    expect(escapeName('x'.repeat(150))).toBe(`${'x'.repeat(99)}…`);
    expect(escapeName('Globex Corporation', { max: 8 })).toBe('Globex…');
    expect(escapeName(undefined, { fallback: 'this one' })).toBe('this one');
    expect(escapeName('   ', { fallback: 'Untitled' })).toBe('Untitled');
    expect(escapeName('')).toBe('');
  });
});

describe('fitRendered', () => {
  it('cuts the raw text, so an escaped entity is never left in halves', () => {
    const text = '&'.repeat(100);
    const fitted = fitRendered(text, 42, escapeMrkdwn);
    expect(fitted.length).toBeLessThanOrEqual(42);
    expect(fitted).toMatch(/^(&amp;)+…$/);
  });

  it('keeps as much as fits', () => {
    expect(fitRendered('abcdef', 6, escapeMrkdwn)).toBe('abcdef');
    expect(fitRendered('abcdefg', 6, escapeMrkdwn)).toBe('abcde…');
    expect(fitRendered('x'.repeat(50), 12, (text) => `*Label*\n${text}`)).toBe('*Label*\nxxx…');
  });

  it('stays within the limit for long mixed text', () => {
    const text = 'שלום <@U1> 😀 & '.repeat(400);
    const fitted = fitRendered(text, 3000, quote);
    expect(fitted.length).toBeLessThanOrEqual(3000);
    expect(fitted.length).toBeGreaterThan(2900);
    expect(hasLoneSurrogate(fitted)).toBe(false);
    expect(fitted).not.toMatch(/&[a-z]*…/);
  });
});

describe('quote', () => {
  it('quotes every line and keeps a typed > from opening a quote of its own', () => {
    expect(quote('one\r\n\n> two <!here>')).toBe('> one\n>\n> &gt; two &lt;!here&gt;');
  });
});

describe('slackDate', () => {
  it('renders in the reader’s timezone, with an escaped fallback', () => {
    const date = new Date('2025-03-10T14:00:00.900Z');
    expect(slackDate(date, '{date_short_pretty} at {time}', 'Mar 10 <soon>')).toBe(
      '<!date^1741615200^{date_short_pretty} at {time}|Mar 10 &lt;soon&gt;>',
    );
    expect(utcFallback(date)).toBe('2025-03-10 14:00 UTC');
  });
});
