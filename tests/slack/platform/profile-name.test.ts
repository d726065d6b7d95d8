// The name notes are signed with: the one users.info gave in the last half hour (the timezone
// refresh asks it too), else asked once more; and no name when Slack can't say.

import type { webApi } from '@slack/bolt';
import { expect, it } from 'vitest';
import { createLoggers } from '../../../src/logger.js';
import { createProfileNames, NAME_FRESH_MS, NAMES_KEPT } from '../../../src/slack/platform/profile-name.js';

const scope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };
const at = new Date('2026-03-02T15:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);

function slack(answer: () => webApi.UsersInfoResponse) {
  const asked: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        asked.push(user);
        return answer();
      },
    },
  } as unknown as webApi.WebClient;
  return { client, asked };
}

const user = (realName: string) => ({ ok: true, user: { id: 'U1', profile: { real_name: realName } } });

it('signs with the name users.info just gave, without asking again for half an hour', async () => {
  const { app: logger } = createLoggers('error', { write: () => {} });
  const names = createProfileNames(logger);
  const { client, asked } = slack(() => user('Alice Moreau'));
  names.remember(scope, user('Alice   Moreau ').user, at);

  expect(await names.signature(client, scope, later(NAME_FRESH_MS - 1))).toBe('Alice Moreau');
  expect(asked).toEqual([]);
  // Half an hour on, they may have changed it: asked again.
  expect(await names.signature(client, scope, later(NAME_FRESH_MS))).toBe('Alice Moreau');
  expect(asked).toEqual(['U1']);
});

it('keeps "no name" too, and asks for a person it does not know', async () => {
  const { app: logger } = createLoggers('error', { write: () => {} });
  const names = createProfileNames(logger);
  const { client, asked } = slack(() => ({ ok: true, user: { id: 'U1', profile: { real_name: '  ' } } }));
  expect(await names.signature(client, scope, at)).toBeNull();
  expect(await names.signature(client, scope, later(1000))).toBeNull();
  expect(asked).toEqual(['U1']);
});

it('signs without a name when Slack fails, logging only the code', async () => {
  const lines: string[] = [];
  const { app: logger } = createLoggers('info', { write: (_level, line) => lines.push(line) });
  const names = createProfileNames(logger);
  const { client } = slack(() => {
    throw Object.assign(new Error('An API error occurred: user_not_found'), {
      data: { error: 'user_not_found' },
    });
  });
  expect(await names.signature(client, scope, at)).toBeNull();
  expect(lines.join('\n')).toContain('users.info for the signature failed');
});

it('forgets the longest-unused name once it holds as many as it may', async () => {
  const { app: logger } = createLoggers('error', { write: () => {} });
  const names = createProfileNames(logger);
  const { client, asked } = slack(() => user('Someone'));
  for (let n = 0; n <= NAMES_KEPT; n += 1)
    names.remember({ ...scope, userId: `U${n}` }, user(`Person ${n}`).user, at);
  expect(await names.signature(client, { ...scope, userId: `U${NAMES_KEPT}` }, at)).toBe(
    `Person ${NAMES_KEPT}`,
  );
  expect(asked).toEqual([]);
  expect(await names.signature(client, { ...scope, userId: 'U0' }, at)).toBe('Someone');
  expect(asked).toEqual(['U0']);
});
