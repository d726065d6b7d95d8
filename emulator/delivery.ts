// Delivers commands, interactions and events to the app, as signed HTTP POSTs or Socket Mode envelopes,
// and holds the app to Slack's 3-second acknowledgement deadline.

import { request } from 'node:http';
import { isObject, parseJson } from './json.js';
import { signRequest } from './request-signing.js';
import type { EnvelopeType, SocketModeHub } from './socket-mode.js';
import type { DeliveryResult, JsonObject } from './types.js';
import type { Workspace } from './workspace.js';

export type DeliveryKind = 'command' | 'interaction' | 'event';

export interface DeliveryOptions {
  /** Names the delivery in problems, e.g. "view_submission routine_step_1". */
  label: string;
  retryNum?: number;
  retryReason?: string;
}

const ENVELOPE_TYPES: Record<DeliveryKind, EnvelopeType> = {
  command: 'slash_commands',
  interaction: 'interactive',
  event: 'events_api',
};

/** Slack's request body for each kind: commands form-encoded, interactions `payload=<json>`, events JSON. */
function encode(kind: DeliveryKind, payload: JsonObject): string {
  if (kind === 'event') return JSON.stringify(payload);
  if (kind === 'interaction') return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const fields = Object.entries(payload).map(([key, value]): [string, string] => [key, String(value)]);
  return new URLSearchParams(fields).toString();
}

/** An empty ack (empty body, `{}`) means "no response"; a plain-text body is a message's text. */
export function normalizeAckBody(body: unknown): unknown {
  if (body === undefined || body === null || body === '') return undefined;
  if (isObject(body) && Object.keys(body).length === 0) return undefined;
  if (typeof body === 'string') return { text: body };
  return body;
}

interface HttpAnswer {
  status: number;
  text: string;
  contentType: string;
  /** Why no answer came: the ack deadline passed, or the connection failed. */
  failure?: string;
}

function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          contentType: String(res.headers['content-type'] ?? ''),
        });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error('ack timeout')), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      const failure = error.message === 'ack timeout' ? `no ack within ${timeoutMs} ms` : error.message;
      resolve({ status: 0, text: '', contentType: '', failure });
    });
    req.end(body);
  });
}

export class Delivery {
  private target: { kind: 'http'; url: string } | { kind: 'socket' } | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly hub: SocketModeHub,
  ) {}

  useHttp(url: string): void {
    this.target = { kind: 'http', url };
  }

  useSocketMode(): void {
    this.target = { kind: 'socket' };
  }

  deliver(kind: DeliveryKind, payload: JsonObject, options: DeliveryOptions): Promise<DeliveryResult> {
    return this.workspace.activity.track(`delivery ${options.label}`, () =>
      this.send(kind, payload, options),
    );
  }

  private async send(
    kind: DeliveryKind,
    payload: JsonObject,
    options: DeliveryOptions,
  ): Promise<DeliveryResult> {
    const target = this.target;
    if (target === undefined)
      throw new Error('call emu.useHttp(url) or emu.useSocketMode() before delivering');
    const { ackTimeoutMs } = this.workspace.options;
    if (target.kind === 'socket') {
      const outcome = await this.hub.send(ENVELOPE_TYPES[kind], payload, {
        acceptsResponsePayload: kind !== 'event',
        retryAttempt: options.retryNum ?? 0,
        retryReason: options.retryReason ?? '',
        timeoutMs: ackTimeoutMs,
      });
      if (!outcome.acked) {
        this.workspace.problem(`${options.label}: no ack within ${ackTimeoutMs} ms (Slack shows a timeout)`);
        return { status: 0, body: undefined };
      }
      return { status: 200, body: normalizeAckBody(outcome.payload) };
    }
    const body = encode(kind, payload);
    const headers: Record<string, string> = {
      ...signRequest(this.workspace.options.signingSecret, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    const answer = await post(target.url, body, headers, ackTimeoutMs);
    if (answer.status === 0) {
      this.workspace.problem(`${options.label}: ${answer.failure} (Slack shows a timeout)`);
      return { status: 0, body: undefined };
    }
    if (answer.status !== 200) this.workspace.problem(`${options.label}: app answered HTTP ${answer.status}`);
    return { status: answer.status, body: parseAnswer(answer) };
  }

  /** Arbitrary bytes to the app's HTTP endpoint (forged signatures, malformed bodies); no problems recorded. */
  async deliverRaw(body: string, headers: Record<string, string>): Promise<DeliveryResult> {
    if (this.target?.kind !== 'http') throw new Error('deliverRaw needs emu.useHttp(url)');
    const url = this.target.url;
    const { ackTimeoutMs } = this.workspace.options;
    const answer = await this.workspace.activity.track('raw delivery', () =>
      post(url, body, headers, ackTimeoutMs),
    );
    return { status: answer.status, body: parseAnswer(answer) };
  }
}

function parseAnswer(answer: HttpAnswer): unknown {
  if (answer.contentType.includes('application/json')) return normalizeAckBody(parseJson(answer.text));
  if (answer.status !== 200) return answer.text === '' ? undefined : answer.text;
  return normalizeAckBody(answer.text);
}
