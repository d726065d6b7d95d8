// Reading App Home in end-to-end tests: what Rebound last published for a user, and
// waiting for the publish a click or a visit causes.

import { expect } from 'vitest';
import { type EmulatedUser, type SlackView, visibleText } from '../../emulator/index.js';
import type { Harness } from './rebound-harness.js';

/** What `user` reads on Home, for `toContain`; throws when nothing was published. */
export function homeText(user: EmulatedUser): string {
  return visibleText(user.home);
}

/** Home's blocks as JSON, for what is structure rather than words (date tokens, ids). */
export function homeJson(user: EmulatedUser): string {
  if (user.home === undefined) throw new Error(`${user.id} has no Home published`);
  return JSON.stringify(user.home.blocks);
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
