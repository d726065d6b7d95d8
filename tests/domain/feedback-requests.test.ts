import { describe, expect, it } from 'vitest';
import { draftFeedbackRequests } from '../../src/domain/feedback-requests.js';
import type { RoutineAnswers } from '../../src/domain/types.js';

const base: RoutineAnswers = {
  company: 'Acme',
  role: 'Product designer',
  stage: 'final_round',
  intermediary: 'none',
};

describe('draftFeedbackRequests', () => {
  it('drafts one note for the hiring team when no one else was involved', () => {
    const requests = draftFeedbackRequests(base);
    expect(requests).toHaveLength(1);
    const [employer] = requests;
    expect(employer?.audience).toBe('employer');
    expect(employer?.recipient).toBe('the hiring team');
    expect(employer?.text).toMatch(/^Hello,\n/);
    expect(employer?.text).toContain('the Product designer role at Acme');
    expect(employer?.text).toContain('feedback on my final interviews');
  });

  it('greets the employer contact by name', () => {
    const [employer] = draftFeedbackRequests({ ...base, employerContact: ' Sam Lee ' });
    expect(employer?.recipient).toBe('Sam Lee');
    expect(employer?.text).toMatch(/^Hi Sam Lee,\n/);
  });

  it('adds a note to the recruiter, by name when given', () => {
    const requests = draftFeedbackRequests({
      ...base,
      intermediary: 'recruiter',
      intermediaryName: 'Alex Kim',
    });
    expect(requests.map((request) => request.audience)).toEqual(['employer', 'recruiter']);
    const recruiter = requests[1];
    expect(recruiter?.recipient).toBe('Alex Kim');
    expect(recruiter?.text).toMatch(/^Hi Alex Kim,\n/);
    expect(recruiter?.text).toContain('the Product designer role at Acme');
    expect(recruiter?.text).toContain('feedback');
  });

  it('writes to a headhunter as the one who reached out, with a generic greeting when unnamed', () => {
    const [, headhunter] = draftFeedbackRequests({
      ...base,
      intermediary: 'headhunter',
      intermediaryName: '  ',
    });
    expect(headhunter?.audience).toBe('headhunter');
    expect(headhunter?.recipient).toBe('your headhunter');
    expect(headhunter?.text).toMatch(/^Hello,\n/);
    expect(headhunter?.text).toContain('approaching me about');
  });

  it('ignores an intermediary name when no one was involved', () => {
    expect(draftFeedbackRequests({ ...base, intermediaryName: 'Alex' })).toHaveLength(1);
    expect(draftFeedbackRequests({ company: 'Acme' })).toHaveLength(1);
  });

  it('copes with missing company and role', () => {
    const [employer] = draftFeedbackRequests({});
    expect(employer?.text).toContain('considering me for the role.');
    expect(employer?.text).not.toContain(' at ');
    expect(draftFeedbackRequests({ role: 'Analyst' })[0]?.text).toContain('for the Analyst role.');
  });

  it('thanks someone turned down on paper only for considering them', () => {
    const [employer] = draftFeedbackRequests({ ...base, stage: 'application' });
    expect(employer?.text).not.toContain('time you and the team');
    expect(employer?.text).toContain('feedback on my application');
  });

  it('keeps pasted names on one line and writes plain text, not mrkdwn', () => {
    const requests = draftFeedbackRequests({
      ...base,
      company: 'Acme\n  Corp',
      employerContact: 'Sam\nLee',
      intermediary: 'recruiter',
    });
    expect(requests[0]?.text).toMatch(/^Hi Sam Lee,\n/);
    expect(requests[0]?.text).toContain('at Acme Corp.');
    for (const request of requests) {
      expect(request.text).not.toMatch(/[*_~`]|&amp;|<|>/);
      expect(request.text.length).toBeLessThan(800);
    }
  });
});
