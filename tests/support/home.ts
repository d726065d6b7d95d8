// Reading App Home in end-to-end tests: what Rebound last published for a user, and
// waiting for the publish a click or a visit causes.

import { expect } from 'vitest';
import type { EmulatedUser, SlackView } from '../../emulator/index.js';
import type { Harness } from './rebound-harness.js';

/** Home's blocks as one string, for `toContain`. */
export function homeText(user: EmulatedUser): string {
  return JSON.stringify(user.home?.blocks ?? []);
}

/** Action ids of every button and menu on Home, in order. */
export function homeActions(view: SlackView | undefined): string[] {
  return (view?.blocks ?? []).flatMap((block) => {
    const elements = Array.isArray(block.elements) ? block.elements : [];
    const accessory = block.accessory ? [block.accessory] : [];
    return [...elements, ...accessory]
      .map((element) => (element as { action_id?: unknown }).action_id)
      .filter((id): id is string => typeof id === 'string');
  });
}

/** Runs `act` and waits until Rebound has published Home (successfully) once more for `user`. */
export async function published<T>(h: Harness, user: EmulatedUser, act: () => Promise<T>): Promise<T> {
  const count = () =>
    h.emu.callsTo('views.publish').filter((call) => call.ok && call.params.user_id === user.id).length;
  const before = count();
  const result = await act();
  await expect.poll(count).toBeGreaterThan(before);
  return result;
}
