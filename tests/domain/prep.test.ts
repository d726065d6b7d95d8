import { describe, expect, it } from 'vitest';
import { gatherPrep, lessonsOf } from '../../src/domain/prep.js';
import type { EntryData, RejectionEntry } from '../../src/domain/types.js';
import { createRejection, FULL_ANSWERS } from '../slack/fixtures.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12));

const older = createRejection({
  id: 'old',
  answers: { ...FULL_ANSWERS, company: 'Initech', lesson: 'Bring numbers.', strengths: 'Calm.' },
  completedAt: at(1),
});
const newer = createRejection({
  id: 'new',
  answers: { ...FULL_ANSWERS, company: 'Globex', lesson: '  ', strengths: 'Led the launch.' },
  completedAt: at(5),
});

function entry(id: string, rejectionId: string, day: number, data: EntryData): RejectionEntry {
  return { id, rejectionId, scope: older.scope, data, createdAt: at(day) };
}

describe('gatherPrep', () => {
  it('gathers lessons, strengths and feedback received across rejections, newest first', () => {
    const prep = gatherPrep(
      [newer, older],
      [
        entry('e1', 'old', 3, { kind: 'reflection', answers: { strengths: 'Clear stories.' } }),
        entry('e2', 'old', 2, { kind: 'feedback', received: true, text: 'Strong portfolio.' }),
        entry('e3', 'new', 6, { kind: 'feedback', received: false, text: null }),
        entry('e4', 'new', 7, { kind: 'feedback', received: true, text: 'We went internal.' }),
        entry('e5', 'gone', 8, { kind: 'feedback', received: true, text: 'Not listed.' }),
      ],
    );
    expect(prep.lessons.map((item) => [item.company, item.text])).toEqual([['Initech', 'Bring numbers.']]);
    expect(prep.strengths.map((item) => [item.company, item.text, item.at])).toEqual([
      ['Globex', 'Led the launch.', at(5)],
      ['Initech', 'Clear stories.', at(3)],
      ['Initech', 'Calm.', at(1)],
    ]);
    expect(prep.feedback.map((item) => item.text)).toEqual(['We went internal.', 'Strong portfolio.']);
  });

  it('lists each employer’s lesson with company, role and date', () => {
    expect(lessonsOf([older, newer])).toEqual([
      { rejectionId: 'old', company: 'Initech', role: 'Product designer', text: 'Bring numbers.', at: at(1) },
    ]);
  });
});
