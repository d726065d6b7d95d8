// Bolt runs every registered listener's matchers on every request: with Rebound's two dozen
// listeners that was about 4 % of the CPU a `/rejected` costs (BENCHMARKS.md). Most are
// keyed by one exact id (a command name, an action_id, a view's callback_id and type, an
// event type), so they are kept here in maps instead, and one global middleware looks each
// request up once.
//
// Features still call `app.command(...)`, `app.action(...)` … in their register(app, deps):
// they are handed routes.app, which files the exact-id, single-function listeners and passes
// everything else (RegExp ids, other constraints, listener middleware, shortcuts, …) to
// Bolt unchanged. As in Bolt, every listener that matches runs, and a listener's failure
// reaches the app's error handler.

import { type AnyMiddlewareArgs, type App, type Middleware, MultipleListenerError } from '@slack/bolt';

// biome-ignore lint/suspicious/noExplicitAny: Bolt's listener arguments differ per kind; each is called with Bolt's own.
type Listener = (args: any) => Promise<void> | void;

export interface ListenerRoutes {
  /** Hand this to the features' register(app, deps) in place of the app. */
  readonly app: App;
  /** Register once on the app (after the middleware that must run first): the lookup. */
  readonly dispatch: Middleware<AnyMiddlewareArgs>;
}

const VIEW_TYPES = new Set(['view_submission', 'view_closed']);

export function createListenerRoutes(app: App): ListenerRoutes {
  const routes = new Map<string, Listener[]>();
  const file = (key: string, listener: Listener) => {
    const list = routes.get(key);
    if (list) list.push(listener);
    else routes.set(key, [listener]);
  };
  const single = (rest: unknown[]): Listener | null =>
    rest.length === 1 && typeof rest[0] === 'function' ? (rest[0] as Listener) : null;

  const overrides: Partial<Record<keyof App, unknown>> = {
    command(name: unknown, ...rest: unknown[]) {
      const listener = single(rest);
      if (typeof name === 'string' && listener) return file(`command:${name}`, listener);
      return (app.command as (...args: unknown[]) => void)(name, ...rest);
    },
    action(id: unknown, ...rest: unknown[]) {
      const listener = single(rest);
      const actionId =
        typeof id === 'string'
          ? id
          : onlyKey(id, 'action_id')
            ? (id as { action_id: unknown }).action_id
            : null;
      if (typeof actionId === 'string' && listener) return file(`action:${actionId}`, listener);
      return (app.action as (...args: unknown[]) => void)(id, ...rest);
    },
    view(id: unknown, ...rest: unknown[]) {
      const listener = single(rest);
      const { callbackId, type } = viewKey(id);
      if (callbackId !== null && listener) return file(`${type}:${callbackId}`, listener);
      return (app.view as (...args: unknown[]) => void)(id, ...rest);
    },
    event(type: unknown, ...rest: unknown[]) {
      const listener = single(rest);
      if (typeof type === 'string' && listener) return file(`event:${type}`, listener);
      return (app.event as (...args: unknown[]) => void)(type, ...rest);
    },
  };

  const routed = new Proxy(app, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof App];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  const dispatch: Middleware<AnyMiddlewareArgs> = async (args) => {
    const key = routeKey(args.body);
    const listeners = key === null ? undefined : routes.get(key);
    if (listeners === undefined) return args.next();
    // Bolt's own listener loop still runs (for what was passed through to it), alongside.
    const noop = () => {};
    const results = await Promise.allSettled([
      ...listeners.map(async (listener) => listener({ ...args, next: noop })),
      args.next(),
    ]);
    const failures = results.filter((result) => result.status === 'rejected').map((result) => result.reason);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new MultipleListenerError(failures);
  };

  return { app: routed, dispatch };
}

/** The route a request belongs to, read as Bolt's own matchers read it; null for anything else. */
function routeKey(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.command === 'string') return `command:${b.command}`;
  if (b.type === 'block_actions' && Array.isArray(b.actions)) {
    const actionId = (b.actions[0] as { action_id?: unknown } | undefined)?.action_id;
    return typeof actionId === 'string' ? `action:${actionId}` : null;
  }
  if (typeof b.type === 'string' && VIEW_TYPES.has(b.type)) {
    const callbackId = (b.view as { callback_id?: unknown } | undefined)?.callback_id;
    return typeof callbackId === 'string' ? `${b.type}:${callbackId}` : null;
  }
  if (b.type === 'event_callback') {
    const type = (b.event as { type?: unknown } | undefined)?.type;
    return typeof type === 'string' ? `event:${type}` : null;
  }
  return null;
}

/** `app.view('id')` means a view_submission, as in Bolt; `{ callback_id, type }` as given. */
function viewKey(id: unknown): { callbackId: string | null; type: string } {
  if (typeof id === 'string') return { callbackId: id, type: 'view_submission' };
  if (typeof id !== 'object' || id === null || id instanceof RegExp) return { callbackId: null, type: '' };
  const keys = Object.keys(id);
  const { callback_id: callbackId, type } = id as { callback_id?: unknown; type?: unknown };
  const known = keys.every((key) => key === 'callback_id' || key === 'type');
  if (!known || typeof callbackId !== 'string') return { callbackId: null, type: '' };
  if (type === undefined || typeof type !== 'string' || !VIEW_TYPES.has(type))
    return { callbackId: null, type: '' };
  return { callbackId, type };
}

function onlyKey(value: unknown, key: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof RegExp) &&
    Object.keys(value).length === 1 &&
    key in value
  );
}
