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

  it('read a check-in time saved under its old name, so drafts from before the rename keep it', () => {
    const stored = '{"company":"Acme","nudgeAt":{"$date":"2026-03-05T15:00:00.000Z"}}';
    expect(parseAnswers(stored)).toEqual({ company: 'Acme', followUpAt: new Date('2026-03-05T15:00:00Z') });
  });
});
