import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import type { PrepItem } from '../../../src/domain/prep.js';
import { buildPrepView, PREP_EMPTY_TEXT, PREP_SHOWN } from '../../../src/slack/home/prep-view.js';
import { HOSTILE, longMixedText } from '../fixtures.js';

const item = (n: number, text: string): PrepItem => ({
  rejectionId: `r${n}`,
  company: `Firm ${n}`,
  role: 'Designer',
  text,
  at: new Date(Date.UTC(2026, 0, 30 - n)),
});
const text = (view: { blocks: unknown[] }) => visibleText(view);
/** The blocks' JSON, for date tokens and escaping. */
const json = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);

describe('buildPrepView', () => {
  it('shows lessons, strengths and feedback in the order given, with company, role and date', () => {
    const view = buildPrepView({
      lessons: [item(1, 'Bring numbers.'), item(2, 'Ask early.')],
      strengths: [item(1, 'Calm under pressure.')],
      feedback: [],
    });
    const all = text(view);
    expect(view.title.text).toBe('Before your interview');
    expect(all).toContain('Firm 1 · Designer · ');
    expect(json(view)).toContain('*Firm 1* · Designer · <!date^');
    expect(all.indexOf('Bring numbers.')).toBeLessThan(all.indexOf('Ask early.'));
    expect(all.indexOf('Ask early.')).toBeLessThan(all.indexOf('Calm under pressure.'));
    expect(all).toContain('No feedback received yet.');
    expect(validateView(view)).toEqual([]);
  });

  it('says what will gather here when there is nothing yet', () => {
    const view = buildPrepView({ lessons: [], strengths: [], feedback: [] });
    expect(text(view)).toContain(PREP_EMPTY_TEXT);
    expect(validateView(view)).toEqual([]);
  });

  it('escapes hostile text and stays within a modal’s limits for a long history', () => {
    const many = (label: string) =>
      Array.from({ length: 300 }, (_, n) => item(n, `${label} ${HOSTILE} ${longMixedText(2900)}`));
    const view = buildPrepView({ lessons: many('L'), strengths: many('S'), feedback: many('F') });
    const sent = json(view);
    expect(sent).not.toContain('<!channel>');
    expect(sent).toContain('&lt;!channel&gt;');
    expect(text(view)).toContain(`And ${300 - PREP_SHOWN} earlier ones`);
    expect(validateView(view)).toEqual([]);
  });
});
