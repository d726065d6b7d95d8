// The sandbox page's HTTP side: its static files, and a small JSON API over WorkspaceView.
// Loopback only: the server binds 127.0.0.1 and refuses requests addressed to any other host name,
// so a web page elsewhere cannot drive the sandbox through the browser (DNS rebinding). Its API
// answers its own page only: a request a browser says comes from another site (Origin,
// Sec-Fetch-Site) is refused, and a POST must be JSON, which a cross-site form or a "simple"
// fetch cannot send without the browser asking first.

import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { FormValue } from '../emulator/index.js';
import { type PageAction, StaleViewError, type Values, type WorkspaceView } from './workspace-view.js';

const PUBLIC_DIR = new URL('./public/', import.meta.url);
const STATIC_FILES = new Set(['index.html', 'app.js', 'block-kit.js', 'mrkdwn.js', 'styles.css']);
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const MAX_BODY_BYTES = 256 * 1024;
const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/** A request the page got wrong: answered 400 with the message. */
class BadRequest extends Error {}

type Body = Record<string, unknown>;
type Route = (body: Body) => Promise<object> | object;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw new BadRequest(`${key} must be a string`);
  return value;
}

function optionalText(body: Body, key: string): string | undefined {
  return body[key] === undefined || body[key] === null ? undefined : text(body, key);
}

function isFormValue(value: unknown): value is FormValue {
  return (
    value === null ||
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  );
}

function values(body: Body): Values {
  const raw = body.values ?? {};
  if (!isObject(raw)) throw new BadRequest('values must be an object of block_id → value');
  for (const [blockId, value] of Object.entries(raw)) {
    if (!isFormValue(value)) throw new BadRequest(`values.${blockId} is not a value a form can hold`);
  }
  return raw as Values;
}

function action(body: Body): PageAction {
  const raw = body.action;
  if (!isObject(raw)) throw new BadRequest('action must be an object');
  const actionId = text(raw, 'actionId');
  const blockId = optionalText(raw, 'blockId');
  const where = blockId === undefined ? {} : { blockId };
  if (raw.type === 'button') {
    const value = optionalText(raw, 'value');
    return { type: 'button', actionId, ...where, ...(value === undefined ? {} : { value }) };
  }
  if (raw.type === 'option') return { type: 'option', actionId, ...where, option: text(raw, 'option') };
  throw new BadRequest('action.type must be "button" or "option"');
}

export function createRoutes(view: WorkspaceView): Record<string, Route> {
  return {
    'GET /api/state': () => view.state(),
    'POST /api/command': (body) => view.type(text(body, 'channel'), text(body, 'text')),
    'POST /api/modal/enter': (body) =>
      view.enter(text(body, 'viewId'), values(body), optionalText(body, 'hash')),
    'POST /api/modal/submit': (body) => view.submit(text(body, 'viewId'), values(body)),
    'POST /api/modal/action': (body) => view.modalAction(text(body, 'viewId'), values(body), action(body)),
    'POST /api/modal/close': (body) => view.closeModal(text(body, 'viewId'), values(body)),
    'POST /api/message/action': (body) => view.messageAction(text(body, 'ts'), action(body)),
    'POST /api/shortcut': (body) => view.globalShortcut(text(body, 'callbackId')),
    'POST /api/message/shortcut': (body) =>
      view.messageShortcut(text(body, 'channel'), text(body, 'ts'), text(body, 'callbackId')),
    'POST /api/home/open': (body) => view.openHome(body.tab === 'messages' ? 'messages' : 'home'),
    'POST /api/home/action': (body) => view.homeAction(action(body)),
    'POST /api/clock/advance': (body) => {
      const ms = body.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 366 * 86_400_000) {
        throw new BadRequest('ms must be a positive number of milliseconds, at most a year');
      }
      return view.advanceClock(ms);
    },
  };
}

function send(res: ServerResponse, status: number, type: string, payload: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // The page builds its DOM from text nodes; nothing inline, nothing from elsewhere.
    'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
  });
  res.end(payload);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('request body too large');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('request body is not JSON');
  }
  if (!isObject(parsed)) throw new BadRequest('request body must be a JSON object');
  return parsed;
}

/** What a browser says about where a request comes from; tools that say nothing are let in. */
function isCrossSite(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return true;
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export function createRequestHandler(
  routes: Record<string, Route>,
  onError: (error: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(routes, req, res, onError).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'The sandbox failed; see its terminal.' });
      else res.end();
    });
  };
}

async function handle(
  routes: Record<string, Route>,
  req: IncomingMessage,
  res: ServerResponse,
  onError: (error: unknown) => void,
) {
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) {
    return sendJson(res, 421, { ok: false, error: 'The sandbox answers on localhost only.' });
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    if (isCrossSite(req))
      return sendJson(res, 403, { ok: false, error: 'The sandbox answers its own page only.' });
    if (req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json'))
      return sendJson(res, 415, { ok: false, error: 'The sandbox API takes JSON.' });
    const route = routes[`${req.method} ${url.pathname}`];
    if (route === undefined) return sendJson(res, 404, { ok: false, error: 'no such API' });
    try {
      const body = req.method === 'POST' ? await readBody(req) : {};
      return sendJson(res, 200, { ok: true, ...(await route(body)) });
    } catch (error) {
      if (error instanceof StaleViewError) return sendJson(res, 409, { ok: false, error: error.message });
      // The emulator throws plain Errors for things a person could not do in Slack (an option that is
      // not there, a button that vanished): the page shows them instead of failing silently.
      if (error instanceof BadRequest) return sendJson(res, 400, { ok: false, error: error.message });
      if (!(error instanceof Error)) throw error;
      onError(error);
      return sendJson(res, 400, { ok: false, error: error.message });
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(res, 405, { ok: false, error: 'GET only' });
  const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
  if (!STATIC_FILES.has(name)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  const file = await readFile(new URL(name, PUBLIC_DIR));
  return send(res, 200, CONTENT_TYPES[extname(name)] ?? 'application/octet-stream', file);
}
