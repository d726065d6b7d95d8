// Public types of the Slack emulator. Kept apart so test helpers can import them without the server.

export type JsonObject = Record<string, unknown>;

export interface SlackEmulatorOptions {
  /** Signs HTTP deliveries the way Slack does (`v0` HMAC-SHA256). */
  signingSecret: string;
  /** Every Web API call must carry it (Bearer header or `token` param), except apps.connections.open. */
  botToken: string;
  /** Only apps.connections.open accepts it. */
  appToken: string;
  teamId: string;
  appId: string;
  /** The app's OAuth credentials, checked by oauth.v2.access (installs in more workspaces). */
  clientId?: string;
  clientSecret?: string;
  /**
   * The app's token_rotation_enabled: installs hand out bot tokens that expire after
   * `expiresInSeconds` (Slack: 43200) with a single-use refresh token for oauth.v2.access.
   */
  tokenRotation?: { expiresInSeconds: number };
  /** The time tokens expire by (ms since the epoch); Date.now by default, a test's clock if given. */
  clock?: () => number;
  /** trigger_id lifetime; Slack's is 3 s. */
  triggerTtlMs?: number;
  /** How long Slack waits for an ack before it gives up and shows an error; 3 s. */
  ackTimeoutMs?: number;
  /** Optional sink for diagnostics (the emulator never logs by itself). */
  log?: (line: string) => void;
}

/** What a user "types" into one input block, by element type. */
export type FormValue = string | string[] | number | null;

export interface ApiCall {
  method: string;
  /** Parsed params; JSON-string fields (view, blocks, attachments, metadata) are parsed back to objects. */
  params: JsonObject;
  ok: boolean;
  error?: string;
  /** HTTP status the emulator answered with (0 when the socket was reset). */
  status: number;
  /** Date.now() when the call arrived. */
  at: number;
  /** The workspace whose bot token made the call (undefined without a bot token). */
  teamId?: string;
}

export type Fault =
  /** `needed`: with `missing_scope`, the scope Slack says the call needs. */
  | { error: string; needed?: string }
  | { status: number }
  | { reset: true }
  | { rateLimited: number }
  | { delayMs: number }
  /** Slack handles the call (the message is posted), then the answer is lost: the socket resets… */
  | { resetAfterHandling: true }
  /** …or a 5xx comes back instead of the real answer… */
  | { statusAfterHandling: number }
  /** …or the answer is held back (a process killed meanwhile never learns it was posted)… */
  | { delayAfterHandlingMs: number }
  /** …or Slack says `internal_error`/`fatal_error` although the message went out. */
  | { errorAfterHandling: string };

/** Slack down for a while: every call to the methods answers this way until the outage ends. */
export type OutageFault = { status: number } | { reset: true } | { error: string };

export interface RateLimit {
  perChannelPerSecond?: number;
  perMinute?: number;
  burst?: number;
}

/** The outcome of delivering a command, interaction or event to the app. */
export interface DeliveryResult {
  /** HTTP status, 200 for a Socket Mode ack, 0 when the app did not ack in time. */
  status: number;
  /** The ack body parsed: JSON object, `{ text }` for a plain-text body, undefined when empty. */
  body: unknown;
}

export interface CommandResult extends DeliveryResult {
  triggerId: string;
}

export interface SubmitResult extends DeliveryResult {
  /** Errors shown on the modal: from `response_action: errors`, or Slack's own client-side checks. */
  errors?: Record<string, string>;
}

export interface StoredMessage {
  ts: string;
  /** Who wrote it, for a message a person posted (emu.postAs); the app's own messages have none. */
  user?: string;
  /**
   * The workspace whose copy of the app posted it (the bot token's team). In a Slack Connect
   * channel or with several copies installed, a click on it names this team as `team`.
   */
  teamId?: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  metadata?: unknown;
  thread_ts?: string;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
  /** How many times chat.update or a response_url replaced it. */
  updatedCount: number;
}

export interface EphemeralMessage {
  text: string | undefined;
  blocks: unknown[] | undefined;
  channel: string;
  /** Where it came from, so tests can tell a command ack from a later response_url post. */
  source: 'ack' | 'response_url' | 'chat.postEphemeral';
  at: number;
}

export interface UserSpec {
  id: string;
  teamId?: string;
  enterpriseId?: string | null;
  name: string;
  /** IANA zone; null when the user has not set one. */
  tz: string | null;
  /** A bot user (users.info `is_bot`): it cannot read a DM the way a person does. */
  isBot?: boolean;
  /** Deactivated (users.info `deleted`). */
  deleted?: boolean;
  /** Shown in Slack; defaults to `name`. */
  realName?: string;
}

/** A message someone posted in a conversation, as a message shortcut is used on it. */
export interface ShortcutMessage {
  text: string;
  /** The person who wrote it; left out for a message from an integration or a bot. */
  user?: string;
  channelId?: string;
  ts?: string;
}
