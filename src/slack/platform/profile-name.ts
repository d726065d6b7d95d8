// The person's name as their Slack profile shows it, to sign their notes with. Asked when a
// note is drafted (users.info); when Slack can't say, the note signs off without a name.

import type { Logger, webApi } from '@slack/bolt';
import { errorCode } from '../../error-code.js';

const NAME_MAX = 100;

export async function profileName(
  client: webApi.WebClient,
  userId: string,
  logger: Logger,
): Promise<string | null> {
  try {
    const result = await client.users.info({ user: userId });
    const profile = result.user?.profile;
    const candidates = [profile?.real_name, result.user?.real_name, profile?.display_name];
    const found = candidates.find((candidate) => typeof candidate === 'string' && candidate.trim() !== '');
    return found === undefined
      ? null
      : Array.from(found.replace(/\s+/g, ' ').trim()).slice(0, NAME_MAX).join('');
  } catch (error) {
    logger.warn('users.info for the signature failed:', errorCode(error));
    return null;
  }
}
