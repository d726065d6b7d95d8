// The parts of an app manifest Rebound uses, with the limits Slack documents for them
// (api.slack.com's manifest reference; the same limits stand in Slack's published manifest
// schema). Written as a small JSON Schema so one checker (devkit/json-schema.ts)
// serves both these rules and, via scripts/check-manifest.ts, Slack's own schema file.

const text = (minLength: number, maxLength: number) => ({ type: 'string', minLength, maxLength });
const https = { type: 'string', pattern: '^https?:\\/\\/', maxLength: 3500 };
const strict = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

export const MANIFEST_RULES = strict(
  {
    _metadata: { type: 'object' },
    display_information: strict(
      {
        name: text(1, 35),
        description: text(1, 140),
        long_description: text(175, 4000),
        background_color: { type: 'string', pattern: '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' },
      },
      ['name'],
    ),
    features: strict({
      app_home: strict({
        home_tab_enabled: { type: 'boolean' },
        messages_tab_enabled: { type: 'boolean' },
        messages_tab_read_only_enabled: { type: 'boolean' },
      }),
      bot_user: strict({ display_name: text(1, 80), always_online: { type: 'boolean' } }, ['display_name']),
      slash_commands: {
        type: 'array',
        maxItems: 50,
        items: strict(
          {
            command: { type: 'string', minLength: 2, maxLength: 32, pattern: '^\\/' },
            url: https,
            description: text(1, 2000),
            usage_hint: text(1, 1000),
            should_escape: { type: 'boolean' },
          },
          ['command', 'description'],
        ),
      },
      shortcuts: {
        type: 'array',
        maxItems: 10,
        items: strict(
          {
            name: text(1, 24),
            type: { type: 'string', enum: ['message', 'global'] },
            callback_id: text(1, 255),
            description: text(1, 150),
          },
          ['name', 'type', 'callback_id', 'description'],
        ),
      },
    }),
    oauth_config: strict({
      redirect_urls: { type: 'array', items: { type: 'string', maxLength: 2500 } },
      scopes: strict({ bot: { type: 'array', maxItems: 255, items: text(1, 50) } }),
    }),
    settings: strict({
      event_subscriptions: strict({
        request_url: https,
        bot_events: { type: 'array', maxItems: 100, items: text(1, 50) },
      }),
      interactivity: strict({ is_enabled: { type: 'boolean' }, request_url: https }, ['is_enabled']),
      org_deploy_enabled: { type: 'boolean' },
      socket_mode_enabled: { type: 'boolean' },
      token_rotation_enabled: { type: 'boolean' },
    }),
  },
  ['display_information'],
);
