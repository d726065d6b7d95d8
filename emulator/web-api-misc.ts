// auth.test, apps.connections.open, users.info and the conversations.* methods a DM-based app needs.

import { isTruthyParam, stringParam } from './http-body.js';
import { dmChannelFor } from './ids.js';
import { timezoneFields } from './timezones.js';
import { fail, type MethodSpec, ok } from './web-api-result.js';
import { BOT_ID, BOT_USER_ID, TEAM_DOMAIN } from './workspace.js';

/** Answers for the token's own workspace. */
const authTest: MethodSpec = {
  token: 'bot',
  handle: (workspace, _params, team) =>
    ok({
      url: `https://${TEAM_DOMAIN}.slack.com/`,
      team: team?.name ?? 'Emulated Workspace',
      user: 'rebound',
      team_id: team?.id ?? workspace.options.teamId,
      user_id: BOT_USER_ID,
      bot_id: BOT_ID,
      ...(team?.enterpriseId ? { enterprise_id: team.enterpriseId } : {}),
      is_enterprise_install: team?.orgWide === true,
    }),
};

const connectionsOpen: MethodSpec = {
  token: 'app',
  handle: (workspace) => ok({ url: `${workspace.baseUrl.replace(/^http/, 'ws')}socket-mode/link` }),
};

const usersInfo: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const user = workspace.users.get(stringParam(params, 'user') ?? '');
    if (user === undefined) return fail('user_not_found');
    const { id, teamId, enterpriseId, name, tz, isBot, deleted, realName } = user.spec;
    return ok({
      user: {
        id,
        team_id: teamId,
        name,
        real_name: realName,
        deleted,
        is_bot: isBot,
        is_app_user: false,
        ...timezoneFields(tz, new Date()),
        profile: { real_name: realName, display_name: name, team: teamId },
        ...(enterpriseId ? { enterprise_user: { enterprise_id: enterpriseId, id, teams: [teamId] } } : {}),
      },
    });
  },
};

const conversationsOpen: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const users = (stringParam(params, 'users') ?? '').split(',').filter(Boolean);
    if (users.length === 0)
      return fail(params.channel === undefined ? 'users_list_not_supplied' : 'not_supported');
    if (users.length > 1) return fail('not_supported'); // group DMs are out of the emulator's scope
    const [userId = ''] = users;
    if (!workspace.users.has(userId)) return fail('user_not_found');
    const id = dmChannelFor(userId);
    return ok({ channel: isTruthyParam(params.return_im) ? { id, is_im: true, user: userId } : { id } });
  },
};

const conversationsHistory: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const channel = workspace.resolveChannel(params.channel, false);
    if (channel === undefined) return fail('channel_not_found');
    const withMetadata = isTruthyParam(params.include_all_metadata);
    const latest = params.latest === undefined ? Number.POSITIVE_INFINITY : Number(params.latest);
    const oldest = params.oldest === undefined ? 0 : Number(params.oldest);
    const inclusive = isTruthyParam(params.inclusive);
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 999);
    const offset = Number(stringParam(params, 'cursor') ?? 0) || 0;
    const newestFirst = workspace
      .messagesIn(channel)
      .filter((message) => {
        const ts = Number(message.ts);
        return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
      })
      .reverse();
    const page = newestFirst.slice(offset, offset + limit);
    const hasMore = offset + limit < newestFirst.length;
    return ok({
      messages: page.map((message) => ({
        ...workspace.botMessage(message),
        ...(withMetadata && message.metadata !== undefined ? { metadata: message.metadata } : {}),
        ...(message.updatedCount > 0 ? { edited: { user: BOT_USER_ID, ts: message.ts } } : {}),
      })),
      has_more: hasMore,
      response_metadata: { next_cursor: hasMore ? String(offset + limit) : '' },
    });
  },
};

export const MISC_METHODS: Record<string, MethodSpec> = {
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
  'users.info': usersInfo,
  'conversations.open': conversationsOpen,
  'conversations.history': conversationsHistory,
};
