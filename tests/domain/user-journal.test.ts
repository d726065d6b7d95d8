import { describe, expect, it } from 'vitest';
import type { Rejection, UserData } from '../../src/domain/types.js';
import { buildUserJournal, journalFilename } from '../../src/domain/user-journal.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const scope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };

function rejection(
  id: string,
  answers: Rejection['answers'],
  status: Rejection['status'] = 'complete',
): Rejection {
  return { id, scope, status, step: 4, answers, createdAt: NOW, updatedAt: NOW, completedAt: NOW };
}

const data = (rejections: Rejection[], entries: UserData['entries'] = []): UserData => ({
  rejections,
  entries,
  followUps: [],
  profile: null,
});

describe('the Markdown journal', () => {
  it('has one section per rejection, in their words, with choices spelled out', () => {
    const text = buildUserJournal(
      data(
        [
          rejection('r1', {
            company: 'Acme Corp',
            role: 'Designer',
            stage: 'final_round',
            interview: 'Slow down.\nBreathe.',
            tweaks: ['referrals'],
          }),
        ],
        [
          {
            id: 'e1',
            rejectionId: 'r1',
            scope,
            createdAt: NOW,
            data: { kind: 'feedback', received: true, text: 'More research.' },
          },
        ],
      ),
      NOW,
    );
    expect(text).toContain('## Acme Corp · Designer\n');
    expect(text).toContain('**Got as far as:** Final round');
    expect(text).toContain('> Slow down.\n> Breathe.');
    expect(text).toContain('- Ask my network for referrals');
    expect(text).toContain('**2026-03-02, what they told you:**\n> More research.');
    expect(journalFilename(NOW)).toBe('rebound-journal-2026-03-02.md');
  });

  it('keeps what they typed from turning into headings of its own', () => {
    const text = buildUserJournal(
      data([rejection('r1', { company: '# Evil\n## Corp', lesson: '# not a heading' }, 'draft')]),
      NOW,
    );
    expect(text.match(/^#+ .*/gm)).toEqual(['# Your Rebound journal', '## Evil ## Corp (unfinished)']);
    expect(text).toContain('> # not a heading');
  });
});
