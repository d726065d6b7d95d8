import { describe, expect, it } from 'vitest';
import { parseAnswers, serializeAnswers } from '../../src/store/answers-json.js';

describe('stored answers', () => {
  it('round-trip their dates', () => {
    const at = new Date('2026-03-05T15:00:00Z');
    expect(parseAnswers(serializeAnswers({ company: 'Acme', followUpAt: at }))).toEqual({
      company: 'Acme',
      followUpAt: at,
    });
  });

  it('keep text that looks like a stored date as the text it is, with or without a real date beside it', () => {
    const lookalike = '{"$date":"2026-03-05T15:00:00.000Z"}';
    const at = new Date('2026-03-05T15:00:00Z');
    expect(parseAnswers(serializeAnswers({ company: lookalike, tweaks: ['referrals'] }))).toEqual({
      company: lookalike,
      tweaks: ['referrals'],
    });
    expect(parseAnswers(serializeAnswers({ lesson: lookalike, followUpAt: at }))).toEqual({
      lesson: lookalike,
      followUpAt: at,
    });
  });

  it('read a check-in time saved under its old name, so drafts from before the rename keep it', () => {
    const stored = '{"company":"Acme","nudgeAt":{"$date":"2026-03-05T15:00:00.000Z"}}';
    expect(parseAnswers(stored)).toEqual({ company: 'Acme', followUpAt: new Date('2026-03-05T15:00:00Z') });
  });
});
