import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
const key = randomBytes(32);
const oldKey = randomBytes(32);
const distributed = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'client-secret-value',
  SLACK_STATE_SECRET: 'state-secret-value-at-least-32-characters',
  TOKEN_ENCRYPTION_KEY: key.toString('hex'),
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs in HTTP mode on port 3000 with SQLite by default', () => {
    expect(loadConfig(http)).toEqual({
      slack: { botToken: 'xoxb-1', signingSecret: 'secret', appToken: null, apiUrl: null },
      mode: 'http',
      port: 3000,
      databaseUrl: null,
      followUpCron: '* * * * *',
      followUpLeaseSeconds: 300,
      followUpGiveUpHours: 24,
      dataRetentionDays: 30,
      draftExpiryDays: 30,
      logLevel: 'info',
    });
  });

  it('reads how long failing follow-ups are retried, and refuses a value that is not a positive number', () => {
    expect(loadConfig({ ...http, FOLLOW_UP_GIVE_UP_HOURS: '48' }).followUpGiveUpHours).toBe(48);
    expect(loadConfig({ ...http, FOLLOW_UP_GIVE_UP_HOURS: '0.5' }).followUpGiveUpHours).toBe(0.5);
    for (const bad of ['0', '-1', 'a day'])
      expect(problemsOf({ ...http, FOLLOW_UP_GIVE_UP_HOURS: bad })).toEqual([
        expect.stringMatching(/^FOLLOW_UP_GIVE_UP_HOURS must be a number of hours above 0/),
      ]);
  });

  it('sends tokens over plain http only to an emulator on this machine', () => {
    const apiUrl = (url: string) => loadConfig({ ...http, SLACK_API_URL: url }).slack.apiUrl;
    expect(apiUrl('https://slack.example.com/api')).toBe('https://slack.example.com/api/');
    for (const local of [
      'http://127.0.0.1:4000/api/',
      'http://localhost:4000/api/',
      'http://[::1]:4000/api/',
    ])
      expect(apiUrl(local)).toBe(local);
    for (const remote of [
      'http://slack.example.com/api/',
      'http://10.0.0.5:4000/api/',
      'http://127.0.0.1.example.com/',
    ])
      expect(problemsOf({ ...http, SLACK_API_URL: remote })).toEqual([
        expect.stringMatching(/^SLACK_API_URL must be an https URL/),
      ]);
  });

  it('serves health checks in Socket Mode only when PORT is set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).not.toHaveProperty(
      'healthPort',
    );
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: '8080' }).healthPort,
    ).toBe(8080);
    expect(loadConfig({ ...http, PORT: '8080' })).not.toHaveProperty('healthPort');
  });

  it('switches to Socket Mode when an app token is set, without needing a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.mode).toBe('socket');
    expect(config.slack.signingSecret).toBeNull();
  });

  it('names every missing variable at once and where to find it', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/SLACK_BOT_TOKEN is missing.*OAuth & Permissions/);
    expect(problems[1]).toMatch(/SLACK_SIGNING_SECRET is missing.*Basic Information/);
  });

  it('treats blank values as missing', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: '   ', SLACK_SIGNING_SECRET: '' })).toHaveLength(2);
  });

  it('reads TOKEN_ENCRYPTION_KEY for a single workspace too (optional there), and checks it', () => {
    const key = 'ab'.repeat(32);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      TOKEN_ENCRYPTION_KEY: key,
    });
    expect(config.encryptionKeys?.current).toEqual(Buffer.from(key, 'hex'));
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).encryptionKeys,
    ).toBeUndefined();
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      TOKEN_ENCRYPTION_KEY: 'short-secret',
    });
    expect(problems.join('\n')).toMatch(/TOKEN_ENCRYPTION_KEY must be 64 hex characters/);
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(
      problemsOf({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        TOKEN_ENCRYPTION_OLD_KEYS: key,
      }).join('\n'),
    ).toMatch(/TOKEN_ENCRYPTION_OLD_KEYS is set without TOKEN_ENCRYPTION_KEY/);
  });

  it('rejects malformed values with the reason, without echoing tokens', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_APP_TOKEN: 'not-an-app-token',
      PORT: 'eighty',
      SLACK_API_URL: 'ftp://example',
      FOLLOW_UP_CRON: 'every minute',
      LOG_LEVEL: 'loud',
      FOLLOW_UP_LEASE_SECONDS: '0',
      DATA_RETENTION_DAYS: 'a month',
      DRAFT_EXPIRY_DAYS: '1',
    });
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN should start with xoxb-/);
    expect(problems.join('\n')).toMatch(/SLACK_APP_TOKEN should start with xapp-/);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/SLACK_API_URL must be an https URL, or http on this machine/);
    expect(problems.join('\n')).toMatch(/FOLLOW_UP_CRON is not a valid cron expression/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of debug, info, warn, error/);
    expect(problems.join('\n')).toMatch(/FOLLOW_UP_LEASE_SECONDS must be a whole number/);
    expect(problems.join('\n')).toMatch(/DATA_RETENTION_DAYS must be a whole number of days/);
    expect(problems.join('\n')).toMatch(/DRAFT_EXPIRY_DAYS must be a whole number of days, 2 or more/);
    expect(problems.join('\n')).not.toContain('xoxp-user-token-secret');
    expect(problems.join('\n')).not.toContain('not-an-app-token');
  });

  it('reads the optional settings', () => {
    const config = loadConfig({
      ...http,
      PORT: '0',
      DATABASE_URL: 'file:/tmp/r.sqlite',
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
      FOLLOW_UP_CRON: '*/5 * * * *',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({
      port: 0,
      databaseUrl: 'file:/tmp/r.sqlite',
      slack: { apiUrl: 'http://127.0.0.1:4000/api/' },
      followUpCron: '*/5 * * * *',
      logLevel: 'debug',
    });
  });

  describe('distributed mode', () => {
    it('turns on with the three OAuth settings and a key; the bot token becomes optional', () => {
      const config = loadConfig({
        ...distributed,
        TOKEN_ENCRYPTION_OLD_KEYS: ` ${oldKey.toString('base64')} ,`,
      });
      expect(config.mode).toBe('http');
      expect(config.slack.botToken).toBeNull();
      expect(config.distribution).toMatchObject({
        clientId: '123.456',
        clientSecret: 'client-secret-value',
        stateSecret: distributed.SLACK_STATE_SECRET,
      });
      expect(config.distribution?.tokenKeys.current.equals(key)).toBe(true);
      expect(config.distribution?.tokenKeys.retired.map((k) => k.toString('hex'))).toEqual([
        oldKey.toString('hex'),
      ]);
    });

    it('is off in single-workspace mode, whatever else is set', () => {
      const single = loadConfig({ ...http, TOKEN_ENCRYPTION_KEY: 'cd'.repeat(32) });
      expect(single).not.toHaveProperty('distribution');
      // The key still seals what people type.
      expect(single.encryptionKeys?.current).toHaveLength(32);
    });

    it('lists every problem at once, without echoing a secret', () => {
      const secrets = ['client-secret-value', 'short-state', 'not-a-key-at-all', 'bad-old-key'];
      const problems = problemsOf({
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_CLIENT_SECRET: secrets[0] as string,
        SLACK_STATE_SECRET: secrets[1] as string,
        TOKEN_ENCRYPTION_KEY: secrets[2] as string,
        TOKEN_ENCRYPTION_OLD_KEYS: `${oldKey.toString('hex')},${secrets[3]}`,
      });
      const text = problems.join('\n');
      expect(text).toMatch(
        /SLACK_CLIENT_ID, .* turn on distributed mode together, but SLACK_CLIENT_ID is missing/,
      );
      expect(text).toMatch(/Distributed mode .* needs HTTP mode/);
      expect(text).toMatch(/SLACK_STATE_SECRET must be at least 32 characters/);
      expect(text).toMatch(/TOKEN_ENCRYPTION_KEY must be 64 hex characters or the base64 of 32 bytes/);
      expect(text).toMatch(/TOKEN_ENCRYPTION_OLD_KEYS entry 2 of 2 must be/);
      expect(text).toContain("randomBytes(32).toString('hex')");
      expect(text).not.toMatch(/SLACK_BOT_TOKEN/);
      expect(problems).toHaveLength(5);
      for (const secret of secrets) expect(text).not.toContain(secret);
    });

    it('refuses a token key that is the state secret, in any spelling', () => {
      const stateKey = randomBytes(32);
      const state = { ...distributed, SLACK_STATE_SECRET: stateKey.toString('hex') };
      expect(problemsOf({ ...state, TOKEN_ENCRYPTION_KEY: stateKey.toString('hex') })).toEqual([
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEY must not be the same as SLACK_STATE_SECRET/),
      ]);
      expect(problemsOf({ ...state, TOKEN_ENCRYPTION_KEY: stateKey.toString('base64') })).toHaveLength(1);
      expect(
        problemsOf({ ...state, TOKEN_ENCRYPTION_NEXT_KEY: stateKey.toString('hex') }).join('\n'),
      ).toMatch(/TOKEN_ENCRYPTION_NEXT_KEY must not be the same as SLACK_STATE_SECRET/);
      expect(
        problemsOf({ ...state, TOKEN_ENCRYPTION_KEY: stateKey.toString('hex') }).join('\n'),
      ).not.toContain(stateKey.toString('hex'));
    });

    it('reads the next key of a rolling rotation, strictly', () => {
      const next = randomBytes(32);
      const config = loadConfig({ ...distributed, TOKEN_ENCRYPTION_NEXT_KEY: next.toString('base64') });
      expect(config.distribution?.tokenKeys.next?.equals(next)).toBe(true);
      expect(loadConfig(distributed).distribution?.tokenKeys.next).toBeNull();
      expect(
        problemsOf({ ...distributed, TOKEN_ENCRYPTION_NEXT_KEY: next.toString('base64').replace(/=$/, '') }),
      ).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_NEXT_KEY must be 64 hex characters/)]);
    });

    it('requires a token encryption key', () => {
      const { TOKEN_ENCRYPTION_KEY: _unset, ...withoutKey } = distributed;
      expect(problemsOf(withoutKey)).toEqual([expect.stringMatching(/TOKEN_ENCRYPTION_KEY is missing/)]);
    });

    it('points a single-workspace set-up without a bot token at both options', () => {
      expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toEqual([
        expect.stringMatching(/SLACK_BOT_TOKEN is missing.*Distributed \(OAuth\)/),
      ]);
    });
  });

  it('explains how to fix it in the message', () => {
    expect(() => loadConfig({})).toThrow(/Copy \.env\.example to \.env/);
  });
});
