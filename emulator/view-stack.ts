// Views as Slack holds them (ids, hashes, state) and a user's modal stack (at most 3 views).

import { newAutoId, newViewHash, newViewId } from './ids.js';
import { isObject } from './json.js';
import type { JsonObject } from './types.js';

/** view.state.values: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, JsonObject>>;

export interface TextObject {
  type: string;
  text: string;
  emoji?: boolean;
}

export interface SlackView extends JsonObject {
  id: string;
  team_id: string;
  type: string;
  hash: string;
  callback_id: string;
  external_id: string;
  private_metadata: string;
  blocks: JsonObject[];
  /** Only what the user has entered so far; initial values are added when a payload is built. */
  state: { values: StateValues };
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  /** The workspace whose copy of the app opened the view (Slack Connect: maybe not the user's). */
  app_installed_team_id: string;
  app_id: string;
  /** Present on modals (always, Slack requires it) and absent on Home tab views. */
  title?: TextObject;
  submit?: TextObject | null;
  close?: TextObject | null;
}

/** A modal: Slack never accepts one without a title. */
export interface ModalView extends SlackView {
  title: TextObject;
}

export const MAX_MODAL_STACK = 3;

interface Holder {
  teamId: string;
  appId: string;
  botId: string;
}

/** Each block's single element (input) or its elements (actions) or accessory (section). */
export function elementsOf(block: JsonObject): JsonObject[] {
  if (isObject(block.element)) return [block.element];
  if (isObject(block.accessory)) return [block.accessory];
  if (Array.isArray(block.elements) && block.type === 'actions') return block.elements.filter(isObject);
  return [];
}

/** Slack gives blocks and interactive elements a random id when the app leaves it out. */
function withIds(blocks: unknown): JsonObject[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(isObject).map((original) => {
    const block: JsonObject = structuredClone(original);
    if (typeof block.block_id !== 'string') block.block_id = newAutoId();
    for (const element of elementsOf(block)) {
      if (typeof element.action_id !== 'string' && element.type !== 'image') element.action_id = newAutoId();
    }
    return block;
  });
}

/** A new view as Slack would return it from views.open/views.push/views.publish. */
export function holdView(
  input: JsonObject,
  holder: Holder,
  links: { previous?: SlackView | undefined; root?: SlackView | undefined } = {},
): SlackView {
  const id = newViewId();
  // The blocks are copied once, by withIds; the rest of the view is copied here.
  const { blocks, ...rest } = input;
  return {
    ...structuredClone(rest),
    id,
    team_id: holder.teamId,
    type: String(input.type),
    hash: newViewHash(),
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    external_id: typeof input.external_id === 'string' ? input.external_id : '',
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    blocks: withIds(blocks),
    state: { values: {} },
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    previous_view_id: links.previous?.id ?? null,
    root_view_id: links.root?.id ?? id,
    app_id: holder.appId,
    bot_id: holder.botId,
    app_installed_team_id: holder.teamId,
  };
}

/**
 * The same view (same id) with new content and a new hash. Slack keeps what the user entered in inputs
 * whose block_id and action_id are unchanged ("Preserving input entry" in views.update).
 */
export function replaceView(old: SlackView, input: JsonObject, holder: Holder): SlackView {
  const next = holdView(input, holder);
  next.id = old.id;
  next.previous_view_id = old.previous_view_id;
  next.root_view_id = old.root_view_id;
  next.state = { values: preservedState(old, next.blocks) };
  return next;
}

function preservedState(old: SlackView, blocks: JsonObject[]): StateValues {
  const kept: StateValues = {};
  for (const block of blocks) {
    const blockId = String(block.block_id);
    const previous = old.state.values[blockId];
    if (previous === undefined) continue;
    for (const element of elementsOf(block)) {
      const entry = previous[String(element.action_id)];
      if (entry !== undefined && entry.type === element.type) {
        kept[blockId] = { ...kept[blockId], [String(element.action_id)]: entry };
      }
    }
  }
  return kept;
}

export class ModalStack {
  private views: ModalView[] = [];

  get top(): ModalView | undefined {
    return this.views.at(-1);
  }

  get all(): readonly ModalView[] {
    return this.views;
  }

  get root(): SlackView | undefined {
    return this.views[0];
  }

  /** views.open replaces whatever the user had open. */
  open(view: SlackView): void {
    this.views = [asModal(view)];
  }

  /** Returns false when the stack is full (Slack's push_limit_reached). */
  push(view: SlackView): boolean {
    if (this.views.length >= MAX_MODAL_STACK) return false;
    this.views.push(asModal(view));
    return true;
  }

  find(viewId: string): ModalView | undefined {
    return this.views.find((view) => view.id === viewId);
  }

  replace(next: SlackView): void {
    this.views = this.views.map((view) => (view.id === next.id ? asModal(next) : view));
  }

  pop(): ModalView | undefined {
    return this.views.pop();
  }

  clear(): void {
    this.views = [];
  }
}

/** Views reach the stack only after validateView, which requires a modal's title. */
function asModal(view: SlackView): ModalView {
  if (view.title === undefined)
    throw new Error(`view ${view.id} has no title; only validated modals are stacked`);
  return view as ModalView;
}
