// The Slack emulator: a loopback Web API, delivery of commands/interactions/events to the app, and the
// workspace state tests inspect.

import type { IdleOptions } from './activity.js';
import { Delivery } from './delivery.js';
import { EmulatedUser } from './emulated-user.js';
import { FaultQueue, LastingFaults } from './faults.js';
import { newMessageTs } from './ids.js';
import { eventEnvelope } from './payloads.js';
import { RateLimiter } from './rate-limits.js';
import { type SignedHeaders, signRequest } from './request-signing.js';
import { EmulatorServer } from './server.js';
import { SocketModeHub } from './socket-mode.js';
import type { TeamSpec } from './teams.js';
import type {
  ApiCall,
  DeliveryResult,
  Fault,
  JsonObject,
  OutageFault,
  RateLimit,
  SlackEmulatorOptions,
  StoredMessage,
  UserSpec,
} from './types.js';
import type { UploadedFile } from './uploads.js';
import { waitFor } from './wait-for.js';
import { BOT_USER_ID, Workspace } from './workspace.js';

export interface SendEventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
  /** The workspace the event comes from; the emulator's own by default. */
  teamId?: string;
  /** The event happened in a conversation shared with another organization (Slack Connect). */
  isExtShared?: boolean;
  /** The Grid org of `teamId`, when the emulator has not seen that workspace installed. */
  enterpriseId?: string | null;
}

export interface AuthorizeOptions {
  /** The admin clicks "Cancel" instead of "Allow". */
  deny?: boolean;
  /** Scopes granted (Slack grants what the authorize URL asked for). */
  scopes?: string[];
  /** The approving user (oauth.v2.access's authed_user). */
  userId?: string;
  /** An Enterprise Grid org-wide install: the team passed is the org (its id the enterprise id). */
  orgWide?: boolean;
}

export class SlackEmulator {
  private readonly workspace: Workspace;
  private readonly faults = new FaultQueue();
  private readonly lasting = new LastingFaults();
  private readonly rateLimits = new RateLimiter();
  private readonly hub: SocketModeHub;
  private readonly delivery: Delivery;
  private readonly server: EmulatorServer;
  private readonly people = new Map<string, EmulatedUser>();

  constructor(options: SlackEmulatorOptions) {
    this.workspace = new Workspace({
      triggerTtlMs: 3000,
      ackTimeoutMs: 3000,
      log: () => {},
      ...options,
    });
    this.hub = new SocketModeHub(options.appId);
    this.delivery = new Delivery(this.workspace, this.hub);
    this.server = new EmulatorServer(this.workspace, this.faults, this.lasting, this.rateLimits, this.hub);
  }

  async start(): Promise<void> {
    this.workspace.baseUrl = await this.server.listen();
  }

  /** Pass to Bolt as clientOptions.slackApiUrl. */
  get apiUrl(): string {
    return `${this.workspace.baseUrl}api/`;
  }

  /** Every Web API call, in arrival order. */
  get calls(): readonly ApiCall[] {
    return this.workspace.calls;
  }

  /** The most calls of `method` that were ever waiting for their answer at once. */
  peakInFlight(method: string): number {
    return this.workspace.peakInFlight.get(method) ?? 0;
  }

  callsTo(method: string): ApiCall[] {
    return this.workspace.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first answered call to `method` matching `predicate` (answered: ok or an error). */
  waitForCall(
    method: string,
    predicate: (call: ApiCall) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<ApiCall> {
    return waitFor(
      this.workspace,
      () =>
        this.callsTo(method).find((call) =>
          call.status !== 200 || call.ok || call.error ? predicate(call) : false,
        ),
      timeoutMs,
      () => `a call to ${method} (${this.callsTo(method).length} so far)`,
    );
  }

  /** A person posts `text` in a channel (a message the app may meet through a message shortcut). */
  postAs(userId: string, channelId: string, text: string): StoredMessage {
    if (!this.workspace.users.has(userId)) throw new Error(`postAs: no user ${userId}`);
    const message: StoredMessage = {
      ts: newMessageTs(),
      user: userId,
      text,
      blocks: undefined,
      updatedCount: 0,
    };
    this.workspace.messagesIn(channelId).push(message);
    this.workspace.changed();
    return message;
  }

  /**
   * Makes `channelId` a Slack Connect channel between workspaces (the host first): their
   * members may post in it, and each workspace's copy of the app reaches the others' members.
   */
  shareChannel(channelId: string, teamIds: string[]): void {
    this.workspace.shareChannel(channelId, teamIds);
  }

  /** Messages in a channel or DM (C…, G… or D…), oldest first, as its members see them. */
  messagesIn(channelId: string): readonly StoredMessage[] {
    return [...this.workspace.messagesIn(channelId)];
  }

  /** Files the app uploaded (bytes, name, where shared), oldest first. */
  get uploadedFiles(): readonly UploadedFile[] {
    return this.workspace.files.all();
  }

  /** Slack-rule violations seen so far; tests assert this stays empty. */
  get problems(): readonly string[] {
    return this.workspace.problems;
  }

  /**
   * Resolves once no delivery and no request from the app has been under way for a quiet
   * while (and `settle`, the app's own unfinished work, found nothing new): for tests that
   * check nothing happened, instead of a fixed sleep.
   */
  idle(options: IdleOptions = {}): Promise<void> {
    return this.workspace.activity.idle(options);
  }

  useHttp(url: string): void {
    this.delivery.useHttp(url);
  }

  useSocketMode(): void {
    this.delivery.useSocketMode();
  }

  socketConnected(timeoutMs = 5000): Promise<void> {
    return this.hub.waitConnected(timeoutMs);
  }

  addUser(spec: UserSpec): EmulatedUser {
    const record = this.workspace.addUser(spec);
    const sendEvent = (event: JsonObject, teamId = record.spec.teamId) =>
      this.sendEvent(event, { teamId, enterpriseId: record.spec.enterpriseId });
    const user = new EmulatedUser({ workspace: this.workspace, delivery: this.delivery, sendEvent }, record);
    this.people.set(spec.id, user);
    return user;
  }

  user(id: string): EmulatedUser {
    const user = this.people.get(id);
    if (user === undefined) throw new Error(`no emulated user ${id}`);
    return user;
  }

  /** An event_callback envelope around `event`; retryNum adds Slack's retry headers / envelope fields. */
  sendEvent(event: JsonObject, opts: SendEventOptions = {}): Promise<DeliveryResult> {
    const { teams } = this.workspace;
    const teamId = opts.teamId ?? this.workspace.options.teamId;
    const known = teams.get(teamId);
    const enterpriseId = known?.enterpriseId ?? opts.enterpriseId ?? null;
    // Delivered for the org-wide install when the event is about the org itself (its
    // uninstall) or happened in an org workspace without an install of its own.
    const orgWide = known?.orgWide === true || teams.servingInstall(teamId, enterpriseId)?.orgWide === true;
    const envelope = eventEnvelope(this.workspace, event, opts.eventId, {
      teamId,
      enterpriseId,
      ...(orgWide ? { orgWide: true } : {}),
      ...(opts.isExtShared ? { isExtShared: true } : {}),
    });
    return this.delivery.deliver('event', envelope, {
      label: `event ${String(event.type)}`,
      ...(opts.retryNum !== undefined ? { retryNum: opts.retryNum } : {}),
      ...(opts.retryReason !== undefined ? { retryReason: opts.retryReason } : {}),
    });
  }

  /**
   * An admin of `team` approves installing the app on Slack's authorize page: returns the
   * query Slack redirects to the app's redirect URL with (add the `state` it was given) — a
   * single-use `code` for oauth.v2.access, or `error=access_denied` when denied.
   */
  authorize(team: string | TeamSpec, options: AuthorizeOptions = {}): Record<string, string> {
    const spec = typeof team === 'string' ? { id: team } : team;
    const record = options.orgWide ? this.workspace.teams.ensureOrg(spec) : this.workspace.teams.ensure(spec);
    if (options.deny) return { error: 'access_denied' };
    const code = this.workspace.teams.issueCode({
      team: record,
      scopes: options.scopes ?? ['commands', 'chat:write'],
      userId: options.userId ?? 'UINSTALLER',
    });
    return { code };
  }

  /** The workspace's live bot token, once the app is installed there. */
  tokenOf(teamId: string): string | undefined {
    return this.workspace.teams.tokenOf(teamId);
  }

  /**
   * Someone removes the app from a workspace: its bot token is revoked, then Slack sends
   * tokens_revoked and app_uninstalled (in that order here; Slack does not promise one).
   */
  async uninstall(
    teamId: string,
  ): Promise<{ tokensRevoked: DeliveryResult; appUninstalled: DeliveryResult }> {
    if (this.workspace.teams.uninstall(teamId) === undefined)
      throw new Error(`app is not installed in ${teamId}`);
    const tokensRevoked = await this.sendEvent(
      { type: 'tokens_revoked', tokens: { oauth: [], bot: [BOT_USER_ID] } },
      { teamId },
    );
    const appUninstalled = await this.sendEvent({ type: 'app_uninstalled' }, { teamId });
    return { tokensRevoked, appUninstalled };
  }

  deliverRaw(request: { body: string; headers: Record<string, string> }): Promise<DeliveryResult> {
    return this.delivery.deliverRaw(request.body, request.headers);
  }

  sign(body: string, timestampSeconds?: number): SignedHeaders {
    return signRequest(this.workspace.options.signingSecret, body, timestampSeconds);
  }

  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.add(method, fault, times);
  }

  /**
   * Every call to `method` waits `ms` before Slack starts on it (0: back to normal); a caller
   * that hangs up meanwhile (a timeout, a killed process) never has its call handled.
   */
  setLatency(method: string, ms: number): void {
    this.lasting.setLatency(method, ms);
  }

  /** Slack goes down: calls to `methods` (all but apps.connections.open when omitted) fail with `fault`. */
  startOutage(fault: OutageFault, methods?: readonly string[]): void {
    this.lasting.startOutage(fault, methods);
  }

  endOutage(): void {
    this.lasting.endOutage();
  }

  setRateLimit(method: string, limit: RateLimit): void {
    this.rateLimits.set(method, limit);
  }

  async close(): Promise<void> {
    await this.server.close();
  }
}

export async function createSlackEmulator(options: SlackEmulatorOptions): Promise<SlackEmulator> {
  const emulator = new SlackEmulator(options);
  await emulator.start();
  return emulator;
}
