import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

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
      logLevel: 'info',
    });
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

  it('rejects malformed values with the reason, without echoing tokens', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_APP_TOKEN: 'not-an-app-token',
      PORT: 'eighty',
      SLACK_API_URL: 'ftp://example',
      FOLLOW_UP_CRON: 'every minute',
      LOG_LEVEL: 'loud',
      FOLLOW_UP_LEASE_SECONDS: '0',
    });
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN should start with xoxb-/);
    expect(problems.join('\n')).toMatch(/SLACK_APP_TOKEN should start with xapp-/);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/SLACK_API_URL must be an http\(s\) URL/);
    expect(problems.join('\n')).toMatch(/FOLLOW_UP_CRON is not a valid cron expression/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of debug, info, warn, error/);
    expect(problems.join('\n')).toMatch(/FOLLOW_UP_LEASE_SECONDS must be a whole number/);
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

  it('explains how to fix it in the message', () => {
    expect(() => loadConfig({})).toThrow(/Copy \.env\.example to \.env/);
  });
});
