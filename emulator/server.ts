// The emulator's HTTP server on loopback: the Web API (/api/<method>), response_urls (/response/<token>)
// and the Socket Mode websocket.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultQueue, LastingFaults } from './faults.js';
import { parseApiParams, readBody } from './http-body.js';
import { parseJson } from './json.js';
import type { RateLimiter } from './rate-limits.js';
import { handleResponseUrl } from './response-urls.js';
import { SOCKET_PATH, type SocketModeHub } from './socket-mode.js';
import type { ApiCall, Fault } from './types.js';
import { handleUpload } from './uploads.js';
import { callMethod, tokenOf } from './web-api-methods.js';
import type { Workspace } from './workspace.js';

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class EmulatorServer {
  private readonly server: Server;

  constructor(
    private readonly workspace: Workspace,
    private readonly faults: FaultQueue,
    private readonly lasting: LastingFaults,
    private readonly rateLimits: RateLimiter,
    private readonly hub: SocketModeHub,
  ) {
    this.server = createServer((req, res) => {
      const done = workspace.activity.begin(`request ${req.url ?? '/'}`);
      this.route(req, res)
        .catch((error: unknown) => {
          workspace.options.log(`emulator error: ${String(error)}`);
          if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
        })
        .finally(done);
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname === SOCKET_PATH) hub.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  /** Listens on 127.0.0.1 on a free port; returns the base URL `http://127.0.0.1:PORT/`. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async close(): Promise<void> {
    await this.hub.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // The upload URLs files.getUploadURLExternal hands out take raw or multipart bytes.
    if (req.method === 'POST' && path.startsWith('/upload/'))
      return handleUpload(this.workspace, path.slice('/upload/'.length), req, res);
    const raw = await readBody(req);
    if (req.method === 'POST' && path.startsWith('/api/'))
      return this.webApi(path.slice('/api/'.length), req, res, raw);
    if (req.method === 'POST' && path.startsWith('/response/')) {
      const answer = handleResponseUrl(this.workspace, path.slice('/response/'.length), parseJson(raw));
      return sendJson(res, answer.status, answer.body);
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  /** During an outage nothing reaches the methods; apps.connections.open stays up so Socket Mode reconnects. */
  private outageFault(method: string): Fault | undefined {
    return method === 'apps.connections.open' ? undefined : this.lasting.outageFor(method);
  }

  /** Counts calls waiting for their answer, so tests can check an app's concurrency bound. */
  private async webApi(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
  ): Promise<void> {
    const waiting = (this.workspace.inFlight.get(method) ?? 0) + 1;
    this.workspace.inFlight.set(method, waiting);
    this.workspace.peakInFlight.set(method, Math.max(waiting, this.workspace.peakInFlight.get(method) ?? 0));
    try {
      await this.answerWebApi(method, req, res, raw);
    } finally {
      this.workspace.inFlight.set(method, (this.workspace.inFlight.get(method) ?? 1) - 1);
    }
  }

  private async answerWebApi(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
  ): Promise<void> {
    const parsed = parseApiParams(raw, req.headers['content-type']);
    const { token: _token, ...params } = parsed ?? {};
    const token = tokenOf(req.headers.authorization, parsed ?? {});
    const call: ApiCall = { method, params, ok: false, status: 200, at: Date.now() };
    const team = token === undefined ? undefined : this.workspace.teams.teamOfToken(token);
    if (team) call.teamId = team.id;
    this.workspace.calls.push(call);
    const answer = (
      status: number,
      body: { ok: boolean; error?: string; needed?: string },
      headers?: Record<string, string>,
    ) => {
      call.status = status;
      call.ok = body.ok;
      if (body.error !== undefined) call.error = body.error;
      sendJson(res, status, body, headers);
      this.workspace.changed();
    };

    const latency = this.lasting.latencyOf(method);
    if (latency > 0) {
      await delay(latency);
      // A caller that hung up while Slack was slow to start never had its call handled.
      if (req.socket.destroyed) {
        call.status = 0;
        call.error = 'caller_gone';
        this.workspace.changed();
        return;
      }
    }
    const fault = this.outageFault(method) ?? this.faults.take(method);
    const after = fault !== undefined && isAfterHandling(fault) ? fault : undefined;
    if (fault !== undefined && after === undefined) {
      if ('reset' in fault) {
        call.status = 0;
        call.error = 'connection_reset';
        req.socket.destroy();
        this.workspace.changed();
        return;
      }
      if ('error' in fault)
        return answer(200, {
          ok: false,
          error: fault.error,
          ...(fault.needed ? { needed: fault.needed } : {}),
        });
      if ('status' in fault) return answer(fault.status, { ok: false, error: `http_${fault.status}` });
      if ('rateLimited' in fault) {
        return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.rateLimited) });
      }
      if ('delayMs' in fault) await delay(fault.delayMs);
    }
    if (parsed === undefined) return answer(200, { ok: false, error: 'invalid_json' });
    // A user id and its D… channel are the same conversation for Slack's per-channel limit.
    const channel = this.workspace.resolveChannel(params.channel, true) ?? String(params.channel ?? '');
    const retryAfter = this.rateLimits.check(method, channel);
    if (retryAfter !== undefined) {
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    const result = callMethod(this.workspace, method, params, token);
    if (after === undefined) return answer(200, result);
    // Slack did the work; only the answer goes wrong on its way back.
    call.ok = result.ok;
    if ('resetAfterHandling' in after) {
      call.status = 0;
      call.error = 'connection_reset_after_handling';
      req.socket.destroy();
      this.workspace.changed();
      return;
    }
    if ('statusAfterHandling' in after) {
      return answer(after.statusAfterHandling, { ok: false, error: `http_${after.statusAfterHandling}` });
    }
    if ('errorAfterHandling' in after) {
      const handled = result.ok;
      answer(200, { ok: false, error: after.errorAfterHandling });
      call.ok = handled;
      return;
    }
    this.workspace.changed();
    await delay(after.delayAfterHandlingMs);
    answer(200, result);
  }
}

type AfterHandlingFault = Extract<
  Fault,
  | { resetAfterHandling: true }
  | { statusAfterHandling: number }
  | { delayAfterHandlingMs: number }
  | { errorAfterHandling: string }
>;

function isAfterHandling(fault: Fault): fault is AfterHandlingFault {
  return (
    'resetAfterHandling' in fault ||
    'statusAfterHandling' in fault ||
    'delayAfterHandlingMs' in fault ||
    'errorAfterHandling' in fault
  );
}
