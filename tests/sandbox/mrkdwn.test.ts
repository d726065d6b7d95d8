// The sandbox page's mrkdwn parser and date formatter (a plain browser module, pure, run here in Node).

import { describe, expect, it } from 'vitest';
import { formatSlackDate, parseMrkdwn } from '../../sandbox/public/mrkdwn.js';
import { escapeMrkdwn, quote, slackDate } from '../../src/slack/platform/mrkdwn.js';

const text = (value: string) => ({ type: 'text', text: value });

describe('parseMrkdwn', () => {
  it('parses bold, italic, strike and code, nested, at word boundaries only', () => {
    expect(parseMrkdwn('*Acme* · _soon_ ~old~ `code`')).toEqual([
      { type: 'bold', children: [text('Acme')] },
      text(' · '),
      { type: 'italic', children: [text('soon')] },
      text(' '),
      { type: 'strike', children: [text('old')] },
      text(' '),
      { type: 'code', text: 'code' },
    ]);
    expect(parseMrkdwn('*_both_*')).toEqual([
      { type: 'bold', children: [{ type: 'italic', children: [text('both')] }] },
    ]);
    expect(parseMrkdwn('2*3*4 and snake_case_name and * not bold *')).toEqual([
      text('2*3*4 and snake_case_name and * not bold *'),
    ]);
  });

  it('keeps formatting to one line', () => {
    expect(parseMrkdwn('*open\nclosed*')).toEqual([text('*open\nclosed*')]);
  });

  it('decodes the three entities and never treats escaped text as markup', () => {
    const typed = '<!channel> & <b>hi</b> > not a quote';
    expect(parseMrkdwn(escapeMrkdwn(typed))).toEqual([text(typed)]);
  });

  it("turns a raw > line into a quote, as the app's quote() writes it", () => {
    expect(parseMrkdwn(`*What you took from it*\n${quote('Ask early.\n\n> not nested')}\nAfter`)).toEqual([
      { type: 'bold', children: [text('What you took from it')] },
      { type: 'quote', children: [text('Ask early.\n\n> not nested')] },
      text('After'),
    ]);
    expect(parseMrkdwn('>>> all\nof this')).toEqual([{ type: 'quote', children: [text('all\nof this')] }]);
  });

  it('parses links, mentions and code blocks; only http(s) and mailto links are live', () => {
    expect(parseMrkdwn('<https://example.com/a?b=1&amp;c=2|the docs> <javascript:alert(1)|x>')).toEqual([
      { type: 'link', url: 'https://example.com/a?b=1&c=2', text: 'the docs' },
      text(' '),
      { type: 'link', url: null, text: 'x' },
    ]);
    expect(parseMrkdwn('<@U1> <@U2|sam> <#C1|general> <!here>', { userNames: { U1: 'you' } })).toEqual([
      { type: 'mention', text: '@you' },
      text(' '),
      { type: 'mention', text: '@sam' },
      text(' '),
      { type: 'mention', text: '#general' },
      text(' '),
      { type: 'mention', text: '@here' },
    ]);
    expect(parseMrkdwn('```\nconst a = *b*;```')).toEqual([{ type: 'pre', text: 'const a = *b*;' }]);
  });

  it('shows known emoji shortcodes and leaves others as typed', () => {
    expect(parseMrkdwn(':alarm_clock: ok :not_an_emoji:')).toEqual([
      { type: 'emoji', name: 'alarm_clock', text: '⏰' },
      text(' ok :not_an_emoji:'),
    ]);
  });

  it("renders the app's <!date^…> in the reader's timezone, relative to the reader's now", () => {
    const dm = new Date('2026-03-05T15:00:00Z');
    const when = slackDate(dm, '{date_short_pretty} at {time}', 'fallback');
    const context = { now: Date.parse('2026-03-02T15:00:00Z'), timeZone: 'America/New_York' };
    expect(parseMrkdwn(`We'll check in ${when}.`, context)).toEqual([
      text("We'll check in "),
      { type: 'date', text: 'Mar 5, 2026 at 10:00 AM', url: null },
      text('.'),
    ]);
    const dayBefore = { ...context, now: Date.parse('2026-03-04T20:00:00Z') };
    expect(parseMrkdwn(when, dayBefore)).toEqual([{ type: 'date', text: 'Tomorrow at 10:00 AM', url: null }]);
    expect(parseMrkdwn('<!date^oops^{date}|March 5>')).toEqual([
      { type: 'date', text: 'March 5', url: null },
    ]);
  });
});

describe('formatSlackDate', () => {
  const at = Date.parse('2026-03-05T15:04:05Z') / 1000;
  const context = { now: Date.parse('2026-03-02T12:00:00Z'), timeZone: 'Europe/Berlin' };

  it("formats every one of Slack's tokens", () => {
    const format = (tokens: string) => formatSlackDate(at, tokens, context);
    expect(format('{date_num}|{date_slash}')).toBe('2026-03-05|05/03/2026');
    expect(format('{date}|{date_short}|{date_long_full}')).toBe('March 5th, 2026|Mar 5, 2026|March 5, 2026');
    expect(format('{date_long}')).toBe('Thursday, March 5th, 2026');
    expect(format('x {date_pretty} {date_short_pretty} {date_long_pretty}')).toBe(
      'x March 5th, 2026 Mar 5, 2026 Thursday, March 5th, 2026',
    );
    expect(format('{day_divider_pretty}')).toBe('Thursday, March 5th');
    expect(format('{time} {time_secs}')).toBe('4:04 PM 4:04:05 PM');
    expect(format('{ago}')).toBe('In 3 days');
    expect(format('{unknown}')).toBe('{unknown}');
  });

  it('says today, yesterday and tomorrow around midnight in the reader’s zone', () => {
    const late = Date.parse('2026-03-05T22:30:00Z') / 1000; // 23:30 in Berlin
    const now = { timeZone: 'Europe/Berlin', now: Date.parse('2026-03-05T08:00:00Z') };
    expect(formatSlackDate(late, 'due {date_pretty}', now)).toBe('due today');
    expect(formatSlackDate(late, 'due {date_pretty}', { ...now, timeZone: 'Asia/Tokyo' })).toBe(
      'due tomorrow',
    );
    expect(formatSlackDate(at - 4 * 86_400, '{date_long_pretty}', context)).toBe('Yesterday');
    expect(formatSlackDate(at - 600, '{ago}', { now: at * 1000 })).toBe('10 minutes ago');
  });
});
