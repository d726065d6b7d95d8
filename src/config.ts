// Reads the environment once into a typed Config. Every problem is collected and reported
// together, each naming the variable and where its value comes from, so a newcomer can fix
// their .env in one pass instead of one crash at a time.

import { validate as isValidCron } from 'node-cron';
import { parseKey } from './crypto/token-cipher.js';
import { DEFAULT_DRAFT_EXPIRY_DAYS } from './domain/drafts.js';
import { ErrorCode, ReboundError } from './errors.js';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

/** Distributed mode: Rebound installs through Slack's OAuth flow, one installation per workspace. */
export interface DistributionConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` values (CSRF protection for /slack/oauth_redirect). */
  stateSecret: string;
  /**
   * Encrypts installations at rest: `current` seals; `next` (the key a coming deploy will
   * seal with) and `retired` keys only open. See the README, "Rotating the token key".
   */
  tokenKeys: { current: Buffer; retired: Buffer[]; next?: Buffer | null };
}

export interface Config {
  slack: {
    /** The one workspace's token in single-workspace mode; unused in distributed mode. */
    botToken: string | null;
    /** Required in HTTP mode; optional in Socket Mode (Slack signs nothing there). */
    signingSecret: string | null;
    /** Set → Socket Mode; unset → HTTP mode on `port`. */
    appToken: string | null;
    /** Base URL of the Web API (an emulator, for local testing); null → Slack itself. */
    apiUrl: string | null;
  };
  mode: 'socket' | 'http';
  /** Present → distributed mode (HTTP mode only); absent → the single workspace of botToken. */
  distribution?: DistributionConfig;
  /**
   * Seal what people type at rest (and, distributed, the installations): TOKEN_ENCRYPTION_KEY
   * and TOKEN_ENCRYPTION_OLD_KEYS. Required when distributed, optional for one workspace;
   * absent → answers are stored unencrypted (Rebound says so at start).
   */
  encryptionKeys?: { current: Buffer; retired: Buffer[]; next?: Buffer | null };
  /** HTTP mode: where Slack's requests and the health checks arrive. */
  port: number;
  /** Socket Mode: the port for health checks (PORT, when it is set); absent or null → none. */
  healthPort?: number | null;
  /** SQLite path, `file:` URL or `postgres://` URL; null → ./data/rebound.sqlite. */
  databaseUrl: string | null;
  followUpCron: string;
  /** How long a claimed follow-up is held before another instance may take it over. */
  followUpLeaseSeconds: number;
  /** How long a follow-up that keeps failing is retried before it is marked failed; absent → 24. */
  followUpGiveUpHours?: number;
  /** Days an uninstalled workspace's data is kept (in case it comes back) before it is deleted. */
  dataRetentionDays: number;
  /** Days an untouched draft is kept before it is deleted (Home warns the day before). */
  draftExpiryDays: number;
  logLevel: LogLevelName;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_FOLLOW_UP_CRON = '* * * * *';
export const DEFAULT_FOLLOW_UP_LEASE_SECONDS = 300;
export const DEFAULT_FOLLOW_UP_GIVE_UP_HOURS = 24;
export const DEFAULT_DATA_RETENTION_DAYS = 30;
const LOG_LEVELS: readonly LogLevelName[] = ['debug', 'info', 'warn', 'error'];

const WHERE = {
  botToken: 'your app\'s "OAuth & Permissions" page → Bot User OAuth Token (starts with xoxb-)',
  signingSecret: 'your app\'s "Basic Information" page → App Credentials → Signing Secret',
  appToken:
    'your app\'s "Basic Information" page → App-Level Tokens → a token with the connections:write scope (starts with xapp-)',
  clientCredentials: 'your app\'s "Basic Information" page → App Credentials',
  newSecret: `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`,
} as const;

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const MIN_STATE_SECRET_LENGTH = 32;

export class ConfigError extends ReboundError {
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(ErrorCode.ConfigInvalid, formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function formatProblems(problems: string[]): string {
  return [
    'Rebound cannot start because its settings are incomplete:',
    ...problems.map((p) => `  - ${p}`),
    '',
    'Copy .env.example to .env and fill it in; the README ("Set up") walks through each value.',
  ].join('\n');
}

type Env = Record<string, string | undefined>;

/** Parses the environment into a Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };

  const appToken = read('SLACK_APP_TOKEN');
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push(`SLACK_APP_TOKEN should start with xapp-. Create one on ${WHERE.appToken}.`);
  const mode = appToken ? 'socket' : 'http';

  const distributed = OAUTH_VARIABLES.some((name) => read(name) !== null);
  const distribution = distributed ? readDistribution(read, mode, problems) : null;

  const encryptionKeys = distributed ? distribution?.tokenKeys : readOptionalKeys(read, problems);

  const botToken = read('SLACK_BOT_TOKEN');
  if (!botToken && !distributed)
    problems.push(
      `SLACK_BOT_TOKEN is missing. Find it on ${WHERE.botToken}. (To install Rebound in many workspaces instead, set ${OAUTH_VARIABLES.join(', ')}: see the README, "Distributed (OAuth)".)`,
    );
  else if (botToken && !botToken.startsWith('xoxb-'))
    problems.push(`SLACK_BOT_TOKEN should start with xoxb-. Find it on ${WHERE.botToken}.`);

  const signingSecret = read('SLACK_SIGNING_SECRET');
  if (mode === 'http' && !signingSecret)
    problems.push(
      `SLACK_SIGNING_SECRET is missing (needed in HTTP mode, i.e. when SLACK_APP_TOKEN is not set). Find it on ${WHERE.signingSecret}.`,
    );

  /** A number setting: the default when unset, else the number, checked; the problem says the rule. */
  const numberSetting = (name: string, fallback: number, ok: (value: number) => boolean, rule: string) => {
    const text = read(name);
    const value = text === null ? fallback : Number(text);
    if (!ok(value)) problems.push(`${name} must be ${rule} (got "${text}"); leave it unset for ${fallback}.`);
    return value;
  };
  const wholeFrom = (least: number) => (value: number) => Number.isInteger(value) && value >= least;

  const portText = read('PORT');
  const port = numberSetting(
    'PORT',
    DEFAULT_PORT,
    (value) => Number.isInteger(value) && value >= 0 && value <= 65535,
    'a whole number from 0 to 65535',
  );

  const apiUrlText = read('SLACK_API_URL');
  let apiUrl: string | null = null;
  if (apiUrlText) {
    if (isApiUrl(apiUrlText)) apiUrl = apiUrlText.endsWith('/') ? apiUrlText : `${apiUrlText}/`;
    else
      problems.push(
        `SLACK_API_URL must be an https URL, or http on this machine (such as http://127.0.0.1:4000/api/ for an emulator): tokens travel with every call (got "${apiUrlText}"); leave it unset to talk to Slack.`,
      );
  }

  const followUpCron = read('FOLLOW_UP_CRON') ?? DEFAULT_FOLLOW_UP_CRON;
  if (!isValidCron(followUpCron))
    problems.push(
      `FOLLOW_UP_CRON is not a valid cron expression (got "${followUpCron}"); leave it unset for every minute ("* * * * *").`,
    );

  const followUpLeaseSeconds = numberSetting(
    'FOLLOW_UP_LEASE_SECONDS',
    DEFAULT_FOLLOW_UP_LEASE_SECONDS,
    wholeFrom(1),
    'a whole number of seconds, 1 or more',
  );
  const followUpGiveUpHours = numberSetting(
    'FOLLOW_UP_GIVE_UP_HOURS',
    DEFAULT_FOLLOW_UP_GIVE_UP_HOURS,
    (value) => Number.isFinite(value) && value > 0,
    'a number of hours above 0',
  );
  const dataRetentionDays = numberSetting(
    'DATA_RETENTION_DAYS',
    DEFAULT_DATA_RETENTION_DAYS,
    wholeFrom(1),
    'a whole number of days, 1 or more',
  );
  const draftExpiryDays = numberSetting(
    'DRAFT_EXPIRY_DAYS',
    DEFAULT_DRAFT_EXPIRY_DAYS,
    wholeFrom(2),
    'a whole number of days, 2 or more',
  );

  const logLevelText = (read('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((level) => level === logLevelText);
  if (!logLevel) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelText}").`);

  if (problems.length > 0 || !logLevel) throw new ConfigError(problems);

  return {
    slack: { botToken, signingSecret, appToken, apiUrl },
    mode,
    ...(distribution ? { distribution } : {}),
    ...(encryptionKeys ? { encryptionKeys } : {}),
    port,
    ...(mode === 'socket' && portText !== null ? { healthPort: port } : {}),
    databaseUrl: read('DATABASE_URL'),
    followUpCron,
    followUpLeaseSeconds,
    followUpGiveUpHours,
    dataRetentionDays,
    draftExpiryDays,
    logLevel,
  };
}

/**
 * A single workspace may set TOKEN_ENCRYPTION_KEY to seal what people type; nothing else
 * needs it there. Parsed as distributed mode parses it; values are never echoed.
 */
function readOptionalKeys(
  read: (name: string) => string | null,
  problems: string[],
): { current: Buffer; retired: Buffer[] } | null {
  const currentText = read('TOKEN_ENCRYPTION_KEY');
  const oldTexts = (read('TOKEN_ENCRYPTION_OLD_KEYS') ?? '')
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean);
  if (!currentText) {
    if (oldTexts.length > 0)
      problems.push(
        `TOKEN_ENCRYPTION_OLD_KEYS is set without TOKEN_ENCRYPTION_KEY: keep the current key set while old ones are retired; ${WHERE.newSecret}.`,
      );
    return null;
  }
  const current = parseKey(currentText);
  if (!current)
    problems.push(
      `TOKEN_ENCRYPTION_KEY must be 64 hex characters or the base64 of 32 bytes; ${WHERE.newSecret}.`,
    );
  const retired = oldTexts.map(parseKey);
  retired.forEach((key, index) => {
    if (!key)
      problems.push(
        `TOKEN_ENCRYPTION_OLD_KEYS entry ${index + 1} of ${oldTexts.length} must be 64 hex characters or the base64 of 32 bytes (a key TOKEN_ENCRYPTION_KEY held before).`,
      );
  });
  if (!current || retired.some((key) => key === null)) return null;
  return { current, retired: retired.filter((key): key is Buffer => key !== null) };
}

/** https anywhere; plain http only to loopback (an emulator on this machine). */
function isApiUrl(text: string): boolean {
  try {
    const url = new URL(text);
    if (url.protocol === 'https:') return true;
    return (
      url.protocol === 'http:' && /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/.test(url.hostname)
    );
  } catch {
    return false;
  }
}

/**
 * The three OAuth settings turn distributed mode on together; it then needs a token
 * encryption key. Returns null when something is wrong, with the problems added. Values are
 * never echoed: they are secrets.
 */
function readDistribution(
  read: (name: string) => string | null,
  mode: 'socket' | 'http',
  problems: string[],
): DistributionConfig | null {
  const [clientId, clientSecret, stateSecret] = OAUTH_VARIABLES.map(read);
  const missing = OAUTH_VARIABLES.filter((name) => !read(name));
  const before = problems.length;
  if (missing.length > 0)
    problems.push(
      `${OAUTH_VARIABLES.join(', ')} turn on distributed mode together, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing. The client ID and secret are on ${WHERE.clientCredentials}; for SLACK_STATE_SECRET ${WHERE.newSecret}. Or leave all three empty for a single workspace.`,
    );
  if (mode === 'socket')
    problems.push(
      'Distributed mode (SLACK_CLIENT_ID and friends) needs HTTP mode: Slack sends installers to /slack/install and /slack/oauth_redirect on your public URL, and Socket Mode apps cannot be listed in the Slack Marketplace. Leave SLACK_APP_TOKEN empty and set SLACK_SIGNING_SECRET, or leave the OAuth settings empty.',
    );
  if (stateSecret && stateSecret.length < MIN_STATE_SECRET_LENGTH)
    problems.push(
      `SLACK_STATE_SECRET must be at least ${MIN_STATE_SECRET_LENGTH} characters; ${WHERE.newSecret}.`,
    );

  const keyProblem = (name: string, what = '') =>
    `${name} must be 64 hex characters or the base64 of 32 bytes (standard alphabet, with its "=" padding)${what}; ${WHERE.newSecret}.`;
  // The state secret is signed into every OAuth link's state; a token key must never be it.
  const sameAsStateSecret = (text: string, key: Buffer | null) =>
    !!stateSecret && (text === stateSecret || (key !== null && parseKey(stateSecret)?.equals(key) === true));
  const readKey = (label: string, text: string, what = ''): Buffer | null => {
    const key = parseKey(text);
    if (!key) problems.push(keyProblem(label, what));
    else if (sameAsStateSecret(text, key))
      problems.push(
        `${label} must not be the same as SLACK_STATE_SECRET: each secret protects something else. ${WHERE.newSecret}.`,
      );
    return key;
  };

  const currentText = read('TOKEN_ENCRYPTION_KEY');
  if (!currentText)
    problems.push(
      `TOKEN_ENCRYPTION_KEY is missing (distributed mode encrypts each workspace's tokens with it); ${WHERE.newSecret}.`,
    );
  const current = currentText ? readKey('TOKEN_ENCRYPTION_KEY', currentText) : null;
  const nextText = read('TOKEN_ENCRYPTION_NEXT_KEY');
  const next = nextText ? readKey('TOKEN_ENCRYPTION_NEXT_KEY', nextText) : null;
  const oldTexts = (read('TOKEN_ENCRYPTION_OLD_KEYS') ?? '')
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean);
  const retired = oldTexts.map((text, index) =>
    readKey(
      `TOKEN_ENCRYPTION_OLD_KEYS entry ${index + 1} of ${oldTexts.length}`,
      text,
      ' (a key TOKEN_ENCRYPTION_KEY held before)',
    ),
  );

  if (problems.length > before || !clientId || !clientSecret || !stateSecret || !current) return null;
  return {
    clientId,
    clientSecret,
    stateSecret,
    tokenKeys: { current, retired: retired.filter((key): key is Buffer => key !== null), next },
  };
}
