// What the sandbox page does and sees, in terms of the Slack emulator: every action a person takes on
// the page becomes the same call a test makes (user.command, user.submit, user.clickMessageButton …),
// so the emulator builds Slack's payload, signs it and delivers it to the app. What Slack's client
// would show when something fails (a timeout, an unknown command) is kept here for the page.

import { readFileSync } from 'node:fs';
import { stateOf } from '../emulator/form-filler.js';
import type { EmulatedUser, FormValue, SlackEmulator } from '../emulator/index.js';
import type { SlackView, StateValues } from '../emulator/view-stack.js';
import type { RunningRebound } from '../src/app.js';
import type { SandboxClock } from './clock.js';

export const GENERAL = { id: 'C0GENERAL', name: 'general' } as const;

/** Slack's words when a modal's app fails to answer. */
export const MODAL_TROUBLE = 'We had some trouble connecting. Try again?';

/** A click or a choice outside an input block. */
export type PageAction =
  | { type: 'button'; actionId: string; blockId?: string; value?: string }
  | { type: 'option'; actionId: string; blockId?: string; option: string };

export type Values = Record<string, FormValue>;

export interface ShownMessage {
  ts: string;
  /** The person who wrote it (a user id), or null for the app's own messages. */
  user: string | null;
  /** When it arrived, on the app's clock (ms). */
  at: number;
  text: string | null;
  blocks: unknown[];
  edited: boolean;
}

export interface ShownEphemeral {
  id: number;
  channel: string;
  at: number;
  from: 'app' | 'slackbot';
  text: string | null;
  blocks: unknown[];
}

export interface Notice {
  id: number;
  at: number;
  text: string;
}

export interface SandboxState {
  /** The app's clock (ms). */
  now: number;
  appName: string;
  user: { id: string; name: string; tz: string | null };
  /** Everyone in the workspace, the sandbox's person first (users selects, mentions). */
  people: { id: string; name: string }[];
  commands: string[];
  shortcuts: Shortcut[];
  /** `peek`: another person's DM from the app, read-only, to see what a shared note looks like. */
  conversations: { id: string; name: string; kind: 'channel' | 'app' | 'peek' }[];
  messages: Record<string, ShownMessage[]>;
  ephemerals: ShownEphemeral[];
  modal: {
    view: SlackView;
    state: StateValues;
    errors: Record<string, string> | null;
    depth: number;
    trouble: string | null;
  } | null;
  home: { view: SlackView; state: StateValues } | null;
  problems: readonly string[];
  notices: Notice[];
}

export interface Outcome {
  /** HTTP status of the delivery (0: no ack in time), when something was delivered. */
  status?: number;
  errors?: Record<string, string>;
  shown?: string;
}

/** The page acted on a modal that is no longer the one on top. */
export class StaleViewError extends Error {}

export interface Shortcut {
  name: string;
  type: 'global' | 'message';
  callbackId: string;
}

interface Manifest {
  appName: string;
  commands: string[];
  shortcuts: Shortcut[];
}

/** The app's name, slash commands and shortcuts, from the same manifest.yml people paste into Slack. */
export function readManifest(path: URL): Manifest {
  const text = readFileSync(path, 'utf8');
  const commands = [...text.matchAll(/^\s*-\s*command:\s*(\/\S+)\s*$/gm)].map((match) => String(match[1]));
  const appName = /^display_information:\s*\n\s+name:\s*(.+?)\s*$/m.exec(text)?.[1] ?? 'App';
  const shortcuts = [
    ...text.matchAll(
      /^\s*-\s*name:\s*(.+?)\s*\n\s+type:\s*(global|message)\s*\n\s+callback_id:\s*(\S+)\s*$/gm,
    ),
  ].map((match) => ({
    name: String(match[1]),
    type: match[2] as Shortcut['type'],
    callbackId: String(match[3]),
  }));
  return { appName, commands, shortcuts };
}

export class WorkspaceView {
  private readonly slackbot: ShownEphemeral[] = [];
  private readonly notices: Notice[] = [];
  private nextId = 1;
  private trouble: { viewId: string; text: string } | null = null;

  constructor(
    private readonly deps: {
      emu: SlackEmulator;
      user: EmulatedUser;
      rebound: RunningRebound;
      clock: SandboxClock;
      manifest: Manifest;
      tz: string | null;
      userName: string;
      /** The others in the workspace. */
      people: { id: string; name: string; isBot?: boolean }[];
    },
  ) {}

  state(): SandboxState {
    const { emu, user, clock, manifest } = this.deps;
    const shown = (
      messages: readonly {
        ts: string;
        user?: string;
        text: string | undefined;
        blocks?: unknown[];
        updatedCount: number;
      }[],
    ) =>
      messages.map(
        (message): ShownMessage => ({
          ts: message.ts,
          user: message.user ?? null,
          at: clock.appTimeAt(Number(message.ts) * 1000),
          text: message.text ?? null,
          blocks: message.blocks ?? [],
          edited: message.updatedCount > 0,
        }),
      );
    const fromApp = user.ephemerals.map(
      (ephemeral, i): ShownEphemeral => ({
        id: -(i + 1),
        channel: ephemeral.channel,
        at: clock.appTimeAt(ephemeral.at),
        from: 'app',
        text: ephemeral.text ?? null,
        blocks: ephemeral.blocks ?? [],
      }),
    );
    const modal = user.modal;
    const home = user.home;
    return {
      now: clock.now().getTime(),
      appName: manifest.appName,
      user: { id: user.id, name: this.deps.userName, tz: this.deps.tz },
      people: [
        { id: user.id, name: this.deps.userName },
        ...this.deps.people.map(({ id, name }) => ({ id, name })),
      ],
      commands: manifest.commands,
      shortcuts: manifest.shortcuts,
      conversations: [
        { id: GENERAL.id, name: GENERAL.name, kind: 'channel' },
        { id: user.dmChannel, name: manifest.appName, kind: 'app' },
        ...this.peeks().map((peek) => ({ ...peek, kind: 'peek' as const })),
      ],
      messages: {
        [GENERAL.id]: shown(emu.messagesIn(GENERAL.id)),
        [user.dmChannel]: shown(user.dm),
        ...Object.fromEntries(this.peeks().map((peek) => [peek.id, shown(emu.messagesIn(peek.id))])),
      },
      ephemerals: [...fromApp, ...this.slackbot].sort((a, b) => a.at - b.at),
      modal: modal
        ? {
            view: modal,
            state: stateOf(modal),
            errors: user.modalErrors ?? null,
            depth: user.modalStack.length,
            trouble: this.trouble?.viewId === modal.id ? this.trouble.text : null,
          }
        : null,
      home: home ? { view: home, state: stateOf(home) } : null,
      problems: emu.problems,
      notices: this.notices,
    };
  }

  /** What was typed into the message box of `channelId`: a slash command goes to the app. */
  async type(channelId: string, input: string): Promise<Outcome> {
    const { user, manifest } = this.deps;
    const channelName = channelId === GENERAL.id ? GENERAL.name : 'directmessage';
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(input.trim());
    if (!match) {
      return this.fromSlackbot(
        channelId,
        `This sandbox only sends slash commands to ${manifest.appName}. Try \`${manifest.commands[0] ?? '/command'}\`.`,
      );
    }
    const command = String(match[1]);
    if (!manifest.commands.includes(command)) {
      return this.fromSlackbot(
        channelId,
        `\`${command}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
      );
    }
    const result = await user.command(command, String(match[2]), { channelId, channelName });
    if (result.status === 200) return { status: 200 };
    const error = result.status === 0 ? 'operation_timeout' : 'dispatch_failed';
    return {
      status: result.status,
      ...this.fromSlackbot(channelId, `\`${command}\` failed with the error "${error}"`),
    };
  }

  /** A global shortcut picked from the ⚡ menu. */
  async globalShortcut(callbackId: string): Promise<Outcome> {
    this.requireShortcut(callbackId, 'global');
    const result = await this.deps.user.globalShortcut(callbackId);
    return this.unanswered(result.status);
  }

  /** A message shortcut used on a person's message in a channel. */
  async messageShortcut(channelId: string, ts: string, callbackId: string): Promise<Outcome> {
    this.requireShortcut(callbackId, 'message');
    const message = this.deps.emu.messagesIn(channelId).find((candidate) => candidate.ts === ts);
    if (message === undefined) throw new Error('That message is no longer there.');
    const result = await this.deps.user.messageShortcut(callbackId, {
      text: message.text ?? '',
      ts: message.ts,
      channelId,
      ...(message.user === undefined ? {} : { user: message.user }),
    });
    return this.unanswered(result.status);
  }

  private requireShortcut(callbackId: string, type: Shortcut['type']): void {
    if (!this.deps.manifest.shortcuts.some((one) => one.callbackId === callbackId && one.type === type)) {
      throw new Error(`${this.deps.manifest.appName} has no ${type} shortcut ${callbackId}.`);
    }
  }

  /** The other people's DMs from the app (people only: a bot has none to look at). */
  private peeks(): { id: string; name: string }[] {
    return this.deps.people
      .filter((person) => !person.isBot)
      .map((person) => ({ id: `D${person.id}`, name: `${person.name}’s DM` }));
  }

  /** `hash` guards against typing that raced a views.update: those values belong to the old view. */
  enter(viewId: string, values: Values, hash?: string): Outcome {
    const top = this.topModal(viewId);
    if (hash !== undefined && top.hash !== hash) throw new StaleViewError('That modal has changed since.');
    this.deps.user.enter(values);
    return {};
  }

  async submit(viewId: string, values: Values): Promise<Outcome> {
    const view = this.topModal(viewId);
    this.trouble = null;
    const result = await this.deps.user.submit(values);
    if (result.errors) return { status: result.status, errors: result.errors };
    if (result.status !== 200) this.trouble = { viewId: view.id, text: MODAL_TROUBLE };
    return { status: result.status };
  }

  async modalAction(viewId: string, values: Values, action: PageAction): Promise<Outcome> {
    const view = this.topModal(viewId);
    const { user } = this.deps;
    this.trouble = null;
    user.enter(values);
    const opts = action.blockId === undefined ? {} : { blockId: action.blockId };
    const result =
      action.type === 'button'
        ? await user.clickButton(action.actionId, { ...opts, ...buttonValue(action) })
        : await user.selectOption('modal', action.actionId, action.option, opts);
    if (result.status !== 200) this.trouble = { viewId: view.id, text: MODAL_TROUBLE };
    return { status: result.status };
  }

  async closeModal(viewId: string, values: Values): Promise<Outcome> {
    this.topModal(viewId);
    this.trouble = null;
    this.deps.user.enter(values);
    const result = await this.deps.user.closeModal();
    return result ? { status: result.status } : {};
  }

  async messageAction(ts: string, action: PageAction): Promise<Outcome> {
    const { user } = this.deps;
    const opts = action.blockId === undefined ? {} : { blockId: action.blockId };
    const result =
      action.type === 'button'
        ? await user.clickMessageButton(ts, action.actionId, { ...opts, ...buttonValue(action) })
        : await user.selectOption({ messageTs: ts }, action.actionId, action.option, opts);
    return this.unanswered(result.status);
  }

  async openHome(tab: 'home' | 'messages'): Promise<Outcome> {
    const result = await this.deps.user.openHome(tab);
    return { status: result.status };
  }

  async homeAction(action: PageAction): Promise<Outcome> {
    const { user } = this.deps;
    const opts = action.blockId === undefined ? {} : { blockId: action.blockId };
    const result =
      action.type === 'button'
        ? await user.clickHomeButton(action.actionId, { ...opts, ...buttonValue(action) })
        : await user.selectOption('home', action.actionId, action.option, opts);
    return this.unanswered(result.status);
  }

  /** Moves the app's clock on and runs the follow-up job, as the scheduler's next tick would. */
  async advanceClock(ms: number): Promise<Outcome & { now: number; sent: number }> {
    const { clock, rebound } = this.deps;
    const now = clock.advance(ms);
    const report = await rebound.runFollowUps(now);
    return { now: now.getTime(), sent: report.sent };
  }

  private topModal(viewId: string) {
    const top = this.deps.user.modal;
    if (top === undefined || top.id !== viewId) throw new StaleViewError('That modal is no longer open.');
    return top;
  }

  private unanswered(status: number): Outcome {
    if (status === 200) return { status };
    const text = `${this.deps.manifest.appName} didn't answer in time (${status === 0 ? 'no acknowledgement within 3 seconds' : `HTTP ${status}`}). In Slack the click shows a warning and nothing else happens.`;
    this.notices.push({ id: this.nextId++, at: this.deps.clock.now().getTime(), text });
    return { status, shown: text };
  }

  private fromSlackbot(channel: string, text: string): Outcome {
    this.slackbot.push({
      id: this.nextId++,
      channel,
      at: this.deps.clock.now().getTime(),
      from: 'slackbot',
      text,
      blocks: [],
    });
    return { shown: text };
  }
}

function buttonValue(action: PageAction): { value?: string } {
  return action.type === 'button' && action.value !== undefined ? { value: action.value } : {};
}
