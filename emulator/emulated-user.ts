// A workspace member driving the app the way a person does in Slack's client: slash commands, modals,
// buttons in DMs, the Home tab.

import { validateMessage } from './block-kit-rules.js';
import type { Delivery } from './delivery.js';
import { clientSideErrors, enterValues, pickOption, stateOf } from './form-filler.js';
import { dmChannelFor, newAutoId, newMessageTs } from './ids.js';
import { isObject } from './json.js';
import {
  buttonAction,
  commandPayload,
  globalShortcutPayload,
  messageBlockActions,
  messageShortcutPayload,
  optionAction,
  viewBlockActions,
  viewClosed,
  viewInPayload,
  viewSubmission,
} from './payloads.js';
import { applySubmissionAck } from './response-actions.js';
import type {
  CommandResult,
  DeliveryResult,
  EphemeralMessage,
  FormValue,
  JsonObject,
  ShortcutMessage,
  StoredMessage,
  SubmitResult,
} from './types.js';
import { elementsOf, type ModalView, type SlackView, type StateValues } from './view-stack.js';
import { waitFor } from './wait-for.js';
import type { UserRecord, Workspace } from './workspace.js';

export interface UserDeps {
  workspace: Workspace;
  delivery: Delivery;
  /** Delivers an event for the copy of the app installed in `teamId` (the user's own by default). */
  sendEvent: (event: JsonObject, teamId?: string) => Promise<DeliveryResult>;
}

export interface CommandOptions {
  channelId?: string;
  channelName?: string;
}

export interface ButtonOptions {
  blockId?: string;
  value?: string;
  /** What the user typed into the modal's inputs before clicking (kept in the view's state). */
  values?: Record<string, FormValue>;
}

interface FoundElement {
  element: JsonObject;
  blockId: string;
}

const BUTTONS = new Set(['button']);
/** Elements that send block_actions as soon as an option is picked (outside input blocks). */
const OPTION_PICKERS = new Set(['static_select', 'overflow', 'radio_buttons']);

/**
 * The one element of `types` in actions blocks and section accessories matching action_id (and block_id /
 * value if given). Input blocks are left out: what is typed there travels with a submission, not at once.
 */
function findElement(
  blocks: unknown,
  actionId: string,
  opts: { blockId?: string; value?: string },
  where: string,
  types: ReadonlySet<string>,
): FoundElement {
  const found: FoundElement[] = [];
  const available: string[] = [];
  for (const block of Array.isArray(blocks) ? blocks.filter(isObject) : []) {
    if (block.type === 'input') continue;
    for (const element of elementsOf(block)) {
      if (!types.has(String(element.type))) continue;
      available.push(`${String(block.block_id)}/${String(element.action_id)}`);
      if (element.action_id !== actionId) continue;
      if (opts.blockId !== undefined && block.block_id !== opts.blockId) continue;
      if (opts.value !== undefined && element.value !== opts.value) continue;
      found.push({ element, blockId: String(block.block_id) });
    }
  }
  const [only] = found;
  const kind = [...types].join(' or ');
  if (only === undefined || found.length > 1) {
    const why = found.length > 1 ? `${found.length} match; pass blockId or value` : `no such ${kind}`;
    throw new Error(`${where}: ${why} (action_id ${actionId}; ${kind}: ${available.join(', ') || 'none'})`);
  }
  return only;
}

/** Buttons in actions blocks and section accessories, matching action_id (and block_id/value if given). */
function findButton(blocks: unknown, actionId: string, opts: ButtonOptions, where: string) {
  const { element, blockId } = findElement(blocks, actionId, opts, where, BUTTONS);
  return { button: element, blockId };
}

/** Where a select, overflow menu or radio group outside an input block sits. */
export type ActionSurface = 'modal' | 'home' | { messageTs: string };

export class EmulatedUser {
  constructor(
    private readonly deps: UserDeps,
    private readonly record: UserRecord,
  ) {}

  get id(): string {
    return this.record.spec.id;
  }

  /** The app's DM channel with this user. */
  get dmChannel(): string {
    return dmChannelFor(this.id);
  }

  /** The top modal, as Slack holds it (id, hash, callback_id, blocks, state of what the user entered …). */
  get modal(): ModalView | undefined {
    return this.record.modals.top;
  }

  get modalStack(): ModalView[] {
    return [...this.record.modals.all];
  }

  /** Errors currently shown on the top modal. */
  get modalErrors(): Record<string, string> | undefined {
    return this.record.modalErrors;
  }

  /** The top modal's full view.state.values as the next payload would carry them. */
  get modalState(): JsonObject | undefined {
    const top = this.modal;
    return top ? stateOf(top) : undefined;
  }

  /** The person writes in their DM with the app (no event is sent: the app subscribes to none). */
  writeInDm(text: string): StoredMessage {
    const message: StoredMessage = {
      ts: newMessageTs(),
      text,
      blocks: undefined,
      updatedCount: 0,
      user: this.id,
    };
    this.deps.workspace.messagesIn(this.dmChannel).push(message);
    this.deps.workspace.changed();
    return message;
  }

  get dm(): StoredMessage[] {
    return [...this.deps.workspace.messagesIn(this.dmChannel)];
  }

  get ephemerals(): EphemeralMessage[] {
    return [...this.record.ephemerals];
  }

  get home(): SlackView | undefined {
    return this.record.home;
  }

  /**
   * Slack Connect: "Slash commands and message actions are not shared — they are limited only
   * to the team that has installed the app" (docs.slack.dev/apis/slack-connect). In a shared
   * channel Slack offers them to a person only when their own workspace installed the app;
   * using one otherwise is a test bug.
   */
  private requireOwnCopy(channelId: string, what: string): void {
    const { workspace } = this.deps;
    if (workspace.teamsSharing(channelId) === undefined) return;
    if (workspace.teams.tokenOf(this.record.spec.teamId) === undefined) {
      throw new Error(
        `${this.id}.${what}: Slack offers no ${what} in shared channel ${channelId}: the app is not installed in ${this.record.spec.teamId}`,
      );
    }
  }

  async command(command: string, text = '', opts: CommandOptions = {}): Promise<CommandResult> {
    const { workspace, delivery } = this.deps;
    const channelId = opts.channelId ?? 'C0GENERAL';
    this.requireOwnCopy(channelId, 'command');
    const triggerId = workspace.triggers.issue(this.id, 'command');
    const responseUrl = workspace.newResponseUrl({ userId: this.id, channelId, messageTs: undefined });
    const payload = commandPayload(workspace, this.record, {
      command,
      text,
      channelId,
      channelName: opts.channelName ?? 'general',
      triggerId,
      responseUrl,
    });
    const result = await delivery.deliver('command', payload, { label: `command ${command}` });
    if (result.status === 200 && isObject(result.body))
      this.recordCommandReply(command, channelId, result.body);
    return { ...result, triggerId };
  }

  /** A command's ack body is shown as a message: ephemeral unless response_type is in_channel. */
  private recordCommandReply(command: string, channelId: string, body: JsonObject): void {
    const { workspace } = this.deps;
    const problems = validateMessage({ text: body.text, blocks: body.blocks });
    if (problems.length > 0) {
      workspace.problem(`command ${command}: invalid message in the ack: ${problems.join('; ')}`);
      return;
    }
    const text = typeof body.text === 'string' ? body.text : undefined;
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (body.response_type === 'in_channel') {
      workspace.messagesIn(channelId).push({ ts: newMessageTs(), text, blocks, updatedCount: 0 });
    } else {
      this.record.ephemerals.push({ text, blocks, channel: channelId, source: 'ack', at: Date.now() });
    }
    workspace.changed();
  }

  /** Picks a global shortcut from the lightning menu: Slack sends `shortcut` with a fresh trigger_id. */
  async globalShortcut(callbackId: string): Promise<CommandResult> {
    const { workspace, delivery } = this.deps;
    const triggerId = workspace.triggers.issue(this.id, 'shortcut');
    const payload = globalShortcutPayload(workspace, this.record, callbackId, triggerId);
    const result = await delivery.deliver('interaction', payload, { label: `shortcut ${callbackId}` });
    return { ...result, triggerId };
  }

  /**
   * Uses a message shortcut on a message in a conversation: Slack sends `message_action` with the
   * message as its members see it (`user` for a person's message, `bot_id` for an integration's).
   */
  async messageShortcut(callbackId: string, message: ShortcutMessage): Promise<CommandResult> {
    const { workspace, delivery } = this.deps;
    if (message.user !== undefined && !workspace.users.has(message.user)) {
      throw new Error(`${this.id}.messageShortcut: no user ${message.user} in the workspace`);
    }
    const channelId = message.channelId ?? 'C0GENERAL';
    this.requireOwnCopy(channelId, 'messageShortcut');
    const ts = message.ts ?? newMessageTs();
    const triggerId = workspace.triggers.issue(this.id, 'message_action');
    const responseUrl = workspace.newResponseUrl({ userId: this.id, channelId, messageTs: undefined });
    const author =
      message.user === undefined
        ? { bot_id: `B${newAutoId()}`, subtype: 'bot_message', username: 'Mail' }
        : { user: message.user, team: workspace.users.get(message.user)?.spec.teamId };
    const payload = messageShortcutPayload(workspace, this.record, {
      callbackId,
      triggerId,
      responseUrl,
      channelId,
      message: { type: 'message', ...author, text: message.text, ts },
    });
    const result = await delivery.deliver('interaction', payload, { label: `message_action ${callbackId}` });
    return { ...result, triggerId };
  }

  waitForModal(predicate: (view: ModalView) => boolean = () => true, timeoutMs = 2000): Promise<ModalView> {
    return waitFor(
      this.deps.workspace,
      () => {
        const top = this.modal;
        return top && predicate(top) ? top : undefined;
      },
      timeoutMs,
      () =>
        `a matching modal for ${this.id} (top: ${this.modal ? this.modal.callback_id || this.modal.id : 'none'})`,
    );
  }

  waitForDm(
    predicate: (message: StoredMessage) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<StoredMessage> {
    return waitFor(
      this.deps.workspace,
      () => this.dm.find(predicate),
      timeoutMs,
      () => `a matching DM to ${this.id} (${this.dm.length} in the DM)`,
    );
  }

  private requireModal(action: string): ModalView {
    const top = this.modal;
    if (top === undefined) throw new Error(`${this.id}.${action}: no modal is open`);
    return top;
  }

  /** Types into the current modal's inputs without submitting (the values stay in the view's state). */
  enter(values: Record<string, FormValue>): void {
    const view = this.requireModal('enter');
    this.requireKnownUsers(view, values);
    enterValues(view, values);
    this.deps.workspace.changed();
  }

  /**
   * Fills the current modal's inputs (others keep their initial or entered values), submits it and applies
   * the ack's response_action as Slack does. Client-side checks that fail send nothing (status 0, errors).
   */
  async submit(values: Record<string, FormValue> = {}): Promise<SubmitResult> {
    const { workspace, delivery } = this.deps;
    const view = this.requireModal('submit');
    if (view.submit === undefined || view.submit === null) {
      throw new Error(`${this.id}.submit: modal ${view.callback_id || view.id} has no submit button`);
    }
    this.requireKnownUsers(view, values);
    enterValues(view, values);
    const blocked = clientSideErrors(view, stateOf(view));
    if (Object.keys(blocked).length > 0) {
      this.record.modalErrors = blocked;
      workspace.changed();
      return { status: 0, body: undefined, errors: blocked };
    }
    const triggerId = workspace.triggers.issue(this.id, 'view_submission');
    workspace.pendingSubmissions.add(view.id);
    let result: DeliveryResult;
    try {
      result = await delivery.deliver(
        'interaction',
        viewSubmission(workspace, this.record, view, triggerId),
        {
          label: `view_submission ${view.callback_id || view.id}`,
        },
      );
    } finally {
      workspace.pendingSubmissions.delete(view.id);
    }
    if (result.status !== 200) return result;
    // Apply to the view as it is now: the app may have updated it (a problem, but Slack would still apply).
    const current = this.record.modals.find(view.id) ?? view;
    const errors = applySubmissionAck(workspace, this.record, current, result.body);
    workspace.changed();
    return errors ? { ...result, errors } : result;
  }

  /** Clicks a button in the current modal: block_actions with the view, its state and hash, and a trigger_id. */
  async clickButton(actionId: string, opts: ButtonOptions = {}): Promise<DeliveryResult> {
    const { workspace, delivery } = this.deps;
    const view = this.requireModal('clickButton');
    const { button, blockId } = findButton(view.blocks, actionId, opts, `${this.id}.clickButton`);
    if (opts.values) enterValues(view, opts.values);
    const triggerId = workspace.triggers.issue(this.id, 'block_actions');
    const payload = viewBlockActions(workspace, this.record, view, buttonAction(button, blockId), triggerId);
    return delivery.deliver('interaction', payload, { label: `block_actions ${actionId}` });
  }

  /** × or Cancel: the view closes at once; view_closed is sent only when the view asked for it. */
  async closeModal(): Promise<DeliveryResult | undefined> {
    const { workspace, delivery } = this.deps;
    const view = this.requireModal('closeModal');
    const cleared = view.clear_on_close;
    if (cleared) this.record.modals.clear();
    else this.record.modals.pop();
    this.record.modalErrors = undefined;
    workspace.changed();
    if (!view.notify_on_close) return undefined;
    const payload = viewClosed(workspace, this.record, view, cleared);
    return delivery.deliver('interaction', payload, { label: `view_closed ${view.callback_id || view.id}` });
  }

  /** Clicks a button in one of the app's DM messages. */
  async clickMessageButton(
    ts: string,
    actionId: string,
    opts: { value?: string; blockId?: string } = {},
  ): Promise<DeliveryResult> {
    const { workspace, delivery } = this.deps;
    const message = this.requireDmMessage(ts, 'clickMessageButton');
    const { button, blockId } = findButton(message.blocks, actionId, opts, `${this.id}.clickMessageButton`);
    const triggerId = workspace.triggers.issue(this.id, 'block_actions');
    const responseUrl = workspace.newResponseUrl({
      userId: this.id,
      channelId: this.dmChannel,
      messageTs: ts,
    });
    const payload = messageBlockActions(
      workspace,
      this.record,
      this.dmChannel,
      message,
      buttonAction(button, blockId),
      {
        triggerId,
        responseUrl,
      },
    );
    return delivery.deliver('interaction', payload, { label: `block_actions ${actionId} (message ${ts})` });
  }

  /** Clicks a button in the app's Home tab: block_actions with the Home view, its state and a trigger_id. */
  async clickHomeButton(actionId: string, opts: ButtonOptions = {}): Promise<DeliveryResult> {
    const { workspace, delivery } = this.deps;
    const home = this.requireHome('clickHomeButton');
    const { button, blockId } = findButton(home.blocks, actionId, opts, `${this.id}.clickHomeButton`);
    const triggerId = workspace.triggers.issue(this.id, 'block_actions');
    const payload = viewBlockActions(workspace, this.record, home, buttonAction(button, blockId), triggerId);
    return delivery.deliver('interaction', payload, { label: `block_actions ${actionId} (home)` });
  }

  /**
   * Picks the option with `optionValue` in a static_select, overflow menu or radio group that sits in an
   * actions block or a section accessory: Slack sends block_actions at once, with `selected_option`, and
   * (except for overflow menus, which hold no state) keeps the choice in the surface's state.
   */
  async selectOption(
    surface: ActionSurface,
    actionId: string,
    optionValue: string,
    opts: { blockId?: string } = {},
  ): Promise<DeliveryResult> {
    const { workspace, delivery } = this.deps;
    const where = `${this.id}.selectOption`;
    const pick = (blocks: unknown) => {
      const { element, blockId } = findElement(blocks, actionId, opts, where, OPTION_PICKERS);
      const option = pickOption(element, optionValue, `${where} ${blockId}/${actionId}`);
      const entry = element.type === 'overflow' ? undefined : { type: element.type, selected_option: option };
      return { action: optionAction(element, blockId, option), blockId, entry };
    };
    const triggerId = workspace.triggers.issue(this.id, 'block_actions');
    if (surface === 'modal' || surface === 'home') {
      const view = surface === 'modal' ? this.requireModal('selectOption') : this.requireHome('selectOption');
      const { action, blockId, entry } = pick(view.blocks);
      if (entry) view.state.values[blockId] = { ...view.state.values[blockId], [actionId]: entry };
      workspace.changed();
      const payload = viewBlockActions(workspace, this.record, view, action, triggerId);
      return delivery.deliver('interaction', payload, { label: `block_actions ${actionId} (${surface})` });
    }
    const message = this.requireDmMessage(surface.messageTs, 'selectOption');
    const { action, blockId, entry } = pick(message.blocks);
    const state: StateValues = entry ? { [blockId]: { [actionId]: entry } } : {};
    const responseUrl = workspace.newResponseUrl({
      userId: this.id,
      channelId: this.dmChannel,
      messageTs: message.ts,
    });
    const payload = messageBlockActions(workspace, this.record, this.dmChannel, message, action, {
      triggerId,
      responseUrl,
      state,
    });
    return delivery.deliver('interaction', payload, {
      label: `block_actions ${actionId} (message ${message.ts})`,
    });
  }

  /** A users select offers the workspace's members only: picking anyone else is a test bug. */
  private requireKnownUsers(view: ModalView, values: Record<string, FormValue>): void {
    for (const [blockId, value] of Object.entries(values)) {
      const block = view.blocks.find((candidate) => candidate.block_id === blockId);
      const type = isObject(block?.element) ? block.element.type : undefined;
      const picked = type === 'users_select' ? [value] : type === 'multi_users_select' ? value : [];
      for (const id of Array.isArray(picked) ? picked : []) {
        if (typeof id === 'string' && !this.deps.workspace.users.has(id)) {
          throw new Error(`${this.id}: ${id} is not a member of the workspace (block ${blockId})`);
        }
      }
    }
  }

  private requireHome(action: string): SlackView {
    const home = this.record.home;
    if (home === undefined) throw new Error(`${this.id}.${action}: the app has published no Home tab`);
    return home;
  }

  private requireDmMessage(ts: string, action: string): StoredMessage {
    const message = this.dm.find((candidate) => candidate.ts === ts);
    if (message === undefined) throw new Error(`${this.id}.${action}: no DM message with ts ${ts}`);
    return message;
  }

  /**
   * Opens the app's Home tab (or Messages tab): Slack sends app_home_opened on every visit.
   * `copyOf` opens the Home of the app as installed in another workspace, as a member of a
   * Slack Connect channel can (Slack: "you may have multiple app homes and multiple bot
   * copies"); the event is then delivered for that installation. The emulator keeps one Home
   * per person: whichever copy published last.
   */
  openHome(tab: 'home' | 'messages' = 'home', opts: { copyOf?: string } = {}): Promise<DeliveryResult> {
    const home = this.record.home;
    const own = this.record.spec.teamId;
    const copy = opts.copyOf ?? own;
    if (copy !== own && !this.deps.workspace.connected(own, copy)) {
      throw new Error(
        `${this.id}.openHome: ${own} shares no channel with ${copy}, so its app is out of reach`,
      );
    }
    return this.deps.sendEvent(
      {
        type: 'app_home_opened',
        user: this.id,
        channel: this.dmChannel,
        tab,
        ...(tab === 'home' && home ? { view: viewInPayload(home) } : {}),
      },
      copy,
    );
  }
}
