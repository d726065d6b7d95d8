// Puts finished rejections straight into a store, for tests that start after the routine.

import type { FollowUp, NewFollowUp, Rejection, RoutineAnswers, UserScope } from '../src/domain/types.js';
import type { Store } from '../src/store/store.js';

export const ANSWERS: RoutineAnswers = {
  company: 'Acme Corp',
  role: 'Product Designer',
  stage: 'final_round',
  intermediary: 'recruiter',
  intermediaryName: 'Sam',
  interview: 'Slow down when walking through the portfolio.',
  strengths: 'Calm under pressure.',
  dailyFit: 'unsure',
  excited: 'somewhat',
  skillsElsewhere: 'maybe',
  tweaks: ['referrals', 'tailor_cv'],
  lesson: 'Ask about the team early on.',
};

export function scopeOf(userId: string, teamId = 'T1'): UserScope {
  return { teamId, enterpriseId: null, userId };
}

export async function seedRejection(
  store: Store,
  scope: UserScope,
  input: { answers?: RoutineAnswers; followUps: NewFollowUp[]; now: Date },
): Promise<{ rejection: Rejection; followUps: FollowUp[] }> {
  const answers = { ...ANSWERS, ...input.answers };
  const draft = await store.createDraft(scope, answers, input.now);
  return store.completeRejection(scope, draft.id, answers, input.followUps, input.now);
}
