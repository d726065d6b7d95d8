// Everything the emulated Slack workspace remembers: users, their modals and Home tabs, conversations,
// scheduled messages, trigger_ids, response_urls, and the log of calls and rule violations.

import { randomBytes } from 'node:crypto';
import { Activity } from './activity.js';
import { dmChannelFor } from './ids.js';
import { TeamRegistry } from './teams.js';
import { TriggerRegistry } from './triggers.js';
import type { ApiCall, EphemeralMessage, JsonObject, StoredMessage, UserSpec } from './types.js';
import { UploadRegistry } from './uploads.js';
import { ModalStack, type SlackView } from './view-stack.js';

export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';
export const TEAM_DOMAIN = 'emulated';

export interface ResolvedOptions {
  signingSecret: string;
  botToken: string;
  appToken: string;
  teamId: string;
  appId: string;
  clientId?: string;
  clientSecret?: string;
  tokenRotation?: { expiresInSeconds: number };
  clock?: () => number;
  triggerTtlMs: number;
  ackTimeoutMs: number;
  log: (line: string) => void;
}

export interface UserRecord {
  spec: {
    id: string;
    teamId: string;
    enterpriseId: string | null;
    name: string;
    tz: string | null;
    isBot: boolean;
    deleted: boolean;
    realName: string;
  };
  modals: ModalStack;
  home: SlackView | undefined;
  ephemerals: EphemeralMessage[];
  /** Errors shown on the top modal (response_action errors or client-side checks). */
  modalErrors: Record<string, string> | undefined;
}

export interface ScheduledMessage {
  id: string;
  channel: string;
  postAt: number;
  createdAt: number;
  message: Omit<StoredMessage, 'ts' | 'updatedCount'>;
}

/** Where a response_url posts: the user who acted and, for message actions, the message acted on. */
export interface ResponseUrlTarget {
  userId: string;
  channelId: string;
  messageTs: string | undefined;
  issuedAt: number;
  uses: number;
}

export interface FoundView {
  user: UserRecord;
  view: SlackView;
  surface: 'modal' | 'home';
}

export class Workspace {
  readonly users = new Map<string, UserRecord>();
  readonly calls: ApiCall[] = [];
  /** Web API calls per method still waiting for their answer, and the most there ever were. */
  readonly inFlight = new Map<string, number>();
  readonly peakInFlight = new Map<string, number>();
  readonly problems: string[] = [];
  /** Deliveries and requests under way, for emu.idle(). */
  readonly activity = new Activity();
  readonly triggers: TriggerRegistry;
  /** Files uploaded through files.getUploadURLExternal (uploads.ts). */
  readonly files = new UploadRegistry();
  /** Workspaces and their bot tokens (the emulator's own team starts installed). */
  readonly teams: TeamRegistry;
  /** View ids whose view_submission has been delivered but not yet acknowledged. */
  readonly pendingSubmissions = new Set<string>();
  readonly responseUrls = new Map<string, ResponseUrlTarget>();
  readonly scheduled: ScheduledMessage[] = [];
  private readonly channels = new Map<string, StoredMessage[]>();
  /** Slack Connect channels: channel id → the workspaces in it, the host first. */
  private readonly shared = new Map<string, string[]>();
  /** http://127.0.0.1:PORT/ once the server listens. */
  baseUrl = '';
  private readonly listeners = new Set<() => void>();

  constructor(readonly options: ResolvedOptions) {
    this.triggers = new TriggerRegistry(options.triggerTtlMs);
    this.teams = new TeamRegistry(
      { id: options.teamId, name: 'Emulated Workspace' },
      options.botToken,
      options.tokenRotation ?? null,
      options.clock,
    );
  }

  get holder(): { teamId: string; appId: string; botId: string } {
    return { teamId: this.options.teamId, appId: this.options.appId, botId: BOT_ID };
  }

  /**
   * A view belongs to the copy of the app that opened it: `teamId` is the calling token's
   * workspace, which Slack names in `team_id` and `app_installed_team_id` (Bolt authorizes
   * view payloads by the latter). Without a caller, the user's own workspace.
   */
  holderFor(user: UserRecord, teamId?: string): { teamId: string; appId: string; botId: string } {
    return { ...this.holder, teamId: teamId ?? user.spec.teamId };
  }

  /** Makes `channelId` a Slack Connect channel between `teamIds` (the host first). */
  shareChannel(channelId: string, teamIds: string[]): void {
    if (teamIds.length < 2) throw new Error('shareChannel: a shared channel has at least two workspaces');
    for (const id of teamIds) this.teams.ensure({ id });
    this.shared.set(channelId, [...teamIds]);
  }

  /** The workspaces in a Slack Connect channel; undefined for a channel of one workspace. */
  teamsSharing(channelId: string): readonly string[] | undefined {
    return this.shared.get(channelId);
  }

  /**
   * Whether some Slack Connect channel holds both workspaces. Slack: "A bot user is able to DM
   * users on all connected workspaces, as long as users are in a shared channel together";
   * the emulator has no membership, so every member of both counts as in it.
   */
  connected(teamA: string, teamB: string): boolean {
    for (const teams of this.shared.values()) if (teams.includes(teamA) && teams.includes(teamB)) return true;
    return false;
  }

  problem(text: string): void {
    this.problems.push(text);
    this.options.log(`problem: ${text}`);
    this.changed();
  }

  /** Waiters (waitForModal, waitForDm …) re-check whenever something changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  addUser(spec: UserSpec): UserRecord {
    if (this.users.has(spec.id)) throw new Error(`user ${spec.id} already exists`);
    const record: UserRecord = {
      spec: {
        id: spec.id,
        teamId: spec.teamId ?? this.options.teamId,
        enterpriseId: spec.enterpriseId ?? null,
        name: spec.name,
        tz: spec.tz,
        isBot: spec.isBot ?? false,
        deleted: spec.deleted ?? false,
        realName: spec.realName ?? spec.name,
      },
      modals: new ModalStack(),
      home: undefined,
      ephemerals: [],
      modalErrors: undefined,
    };
    this.users.set(spec.id, record);
    return record;
  }

  /**
   * The conversation id a method acts on. chat.postMessage and chat.scheduleMessage accept a user id
   * (the app's DM with that user); chat.update and conversations.history need the real D… id.
   */
  resolveChannel(channel: unknown, acceptUserId: boolean): string | undefined {
    if (typeof channel !== 'string' || channel.length === 0) return undefined;
    if (this.users.has(channel)) return acceptUserId ? dmChannelFor(channel) : undefined;
    if (channel.startsWith('D')) return this.users.has(channel.slice(1)) ? channel : undefined;
    return /^[CG][A-Z0-9]+$/.test(channel) ? channel : undefined;
  }

  /** Messages in a conversation, oldest first; scheduled messages appear once their time has come. */
  messagesIn(channelId: string): StoredMessage[] {
    this.deliverDueScheduled();
    let messages = this.channels.get(channelId);
    if (messages === undefined) {
      messages = [];
      this.channels.set(channelId, messages);
    }
    return messages;
  }

  private deliverDueScheduled(): void {
    const nowSeconds = Date.now() / 1000;
    for (let i = this.scheduled.length - 1; i >= 0; i -= 1) {
      const due = this.scheduled[i];
      if (due === undefined || due.postAt > nowSeconds) continue;
      this.scheduled.splice(i, 1);
      const list = this.channels.get(due.channel) ?? [];
      list.push({ ...due.message, ts: `${due.postAt}.000000`, updatedCount: 0 });
      list.sort((a, b) => Number(a.ts) - Number(b.ts));
      this.channels.set(due.channel, list);
    }
  }

  /** A modal or Home tab view by view_id, or else by external_id (views.update accepts either). */
  findView(viewId: string | undefined, externalId: string | undefined): FoundView | undefined {
    const matches = (view: SlackView) =>
      viewId ? view.id === viewId : externalId ? view.external_id === externalId : false;
    for (const user of this.users.values()) {
      const modal = user.modals.all.find(matches);
      if (modal) return { user, view: modal, surface: 'modal' };
      if (user.home && matches(user.home)) return { user, view: user.home, surface: 'home' };
    }
    return undefined;
  }

  newResponseUrl(target: Omit<ResponseUrlTarget, 'issuedAt' | 'uses'>): string {
    const token = randomBytes(12).toString('hex');
    this.responseUrls.set(token, { ...target, issuedAt: Date.now(), uses: 0 });
    return `${this.baseUrl}response/${token}`;
  }

  /** A message as Slack's API shows it: the app's own (bot_id, app_id) or one a person wrote. */
  botMessage(message: StoredMessage): JsonObject {
    const author =
      message.user === undefined
        ? { user: BOT_USER_ID, bot_id: BOT_ID, app_id: this.options.appId }
        : { user: message.user };
    const team =
      message.teamId ??
      (message.user === undefined ? undefined : this.users.get(message.user)?.spec.teamId) ??
      this.options.teamId;
    return {
      type: 'message',
      ...author,
      team,
      text: message.text ?? '',
      ...(message.files ? { files: message.files } : {}),
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      ts: message.ts,
    };
  }
}
