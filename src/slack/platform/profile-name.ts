// The person's name as their Slack profile shows it, to sign their notes with. Only users.info
// tells it, and the timezone refresh asks users.info too (time-zones.ts): a name it brought in
// the last half hour is used instead of asking again, so a routine costs one users.info, not
// two. Names are kept in this instance's memory only, never in the store or a log. When Slack
// can't say, the note signs off without a name.

import type { Logger, webApi } from '@slack/bolt';
import { type UserScope, userKey } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';

const NAME_MAX = 100;
/** A name users.info gave this long ago is still used to sign a note. */
export const NAME_FRESH_MS = 30 * 60_000;
/** At most this many names are remembered; the longest unused goes first. */
export const NAMES_KEPT = 10_000;

type SlackUser = webApi.UsersInfoResponse['user'];

export interface ProfileNames {
  /** Keeps the name in what users.info just answered (none is a name too: the note goes unsigned). */
  remember(scope: UserScope, user: SlackUser, now: Date): void;
  /** The name to sign with: one users.info gave in the last half hour, else asked now. */
  signature(client: webApi.WebClient, scope: UserScope, now: Date): Promise<string | null>;
}

export function createProfileNames(logger: Logger): ProfileNames {
  const known = new Map<string, { name: string | null; at: number }>();

  const names: ProfileNames = {
    remember(scope, user, now) {
      const key = userKey(scope);
      known.delete(key);
      known.set(key, { name: nameOf(user), at: now.getTime() });
      if (known.size > NAMES_KEPT) known.delete(known.keys().next().value as string);
    },
    async signature(client, scope, now) {
      const kept = known.get(userKey(scope));
      if (kept && now.getTime() - kept.at < NAME_FRESH_MS) return kept.name;
      try {
        const result = await client.users.info({ user: scope.userId });
        names.remember(scope, result.user, now);
        return nameOf(result.user);
      } catch (error) {
        logger.warn('users.info for the signature failed:', errorCode(error));
        return null;
      }
    },
  };
  return names;
}

function nameOf(user: SlackUser): string | null {
  const profile = user?.profile;
  const candidates = [profile?.real_name, user?.real_name, profile?.display_name];
  const found = candidates.find((candidate) => typeof candidate === 'string' && candidate.trim() !== '');
  return found === undefined
    ? null
    : Array.from(found.replace(/\s+/g, ' ').trim()).slice(0, NAME_MAX).join('');
}
