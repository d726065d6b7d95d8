// The fewest answers that take someone through the four /rejected modals, step by step (the
// company comes with the command). For tests about what happens around the routine; the
// routine's own fields are tested in tests/e2e/routine.test.ts.

export const step1 = { role: 'Product Designer', stage: 'final_round', intermediary: 'none' };
export const step2 = {
  interview: 'Slow down when walking through the portfolio.',
  strengths: 'Calm under pressure.',
};
export const step3 = {
  dailyFit: 'unsure',
  excited: 'somewhat',
  skillsElsewhere: 'maybe',
  tweaks: ['referrals'],
};
export const step4 = { lesson: 'Ask about the team early on.' };
