// The bot scopes Rebound asks for when a workspace installs it through OAuth. They must
// match manifest.yml's oauth_config.scopes.bot (tests/slack/bot-scopes.test.ts checks).

export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'im:write',
  'users:read',
  'im:history',
  'files:write',
];
