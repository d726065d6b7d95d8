// Socket Mode: the app opens a websocket at the URL apps.connections.open returned; Slack says `hello`,
// then sends envelopes the app acknowledges with `{envelope_id, payload?}`.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { newEnvelopeId } from './ids.js';
import { isObject, parseJson } from './json.js';

export const SOCKET_PATH = '/socket-mode/link';
/** Slack pings the client; the client gives up on a server silent for 30 s. */
const PING_EVERY_MS = 10_000;

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface EnvelopeOptions {
  acceptsResponsePayload: boolean;
  retryAttempt: number;
  retryReason: string;
  timeoutMs: number;
}

export type AckOutcome =
  | { acked: true; payload: unknown; elapsedMs: number }
  | { acked: false; elapsedMs: number };

export class SocketModeHub {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly waitingForAck = new Map<string, (payload: unknown) => void>();
  private readonly connectWaiters = new Set<() => void>();

  constructor(private readonly appId: string) {}

  get isConnected(): boolean {
    return this.sockets.size > 0;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    const ping = setInterval(() => ws.ping(), PING_EVERY_MS);
    ping.unref();
    ws.on('message', (data) => this.onMessage(String(data)));
    ws.on('close', () => {
      clearInterval(ping);
      this.sockets.delete(ws);
    });
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'emulator' },
        connection_info: { app_id: this.appId },
      }),
      () => {
        for (const resolve of [...this.connectWaiters]) resolve();
        this.connectWaiters.clear();
      },
    );
  }

  private onMessage(text: string): void {
    const message = parseJson(text);
    if (!isObject(message) || typeof message.envelope_id !== 'string') return;
    const resolve = this.waitingForAck.get(message.envelope_id);
    this.waitingForAck.delete(message.envelope_id);
    resolve?.(message.payload);
  }

  /** Resolves once an app has connected and been sent `hello`. */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.connectWaiters.delete(done);
        reject(new Error(`no Socket Mode connection within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.connectWaiters.add(done);
    });
  }

  /** Sends an envelope on the newest connection and waits for its ack. */
  send(type: EnvelopeType, payload: unknown, options: EnvelopeOptions): Promise<AckOutcome> {
    const socket = [...this.sockets].at(-1);
    if (socket === undefined)
      throw new Error('Socket Mode delivery, but no app is connected (await emu.socketConnected())');
    const envelopeId = newEnvelopeId();
    const started = Date.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waitingForAck.delete(envelopeId);
        resolve({ acked: false, elapsedMs: Date.now() - started });
      }, options.timeoutMs);
      this.waitingForAck.set(envelopeId, (ackPayload) => {
        clearTimeout(timer);
        resolve({ acked: true, payload: ackPayload, elapsedMs: Date.now() - started });
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          accepts_response_payload: options.acceptsResponsePayload,
          payload,
          retry_attempt: options.retryAttempt,
          retry_reason: options.retryReason,
        }),
      );
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
