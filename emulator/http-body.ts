// Reading request bodies the way Slack's Web API accepts them: form-encoded (how @slack/web-api sends,
// nested objects as JSON strings) or JSON.

import type { IncomingMessage } from 'node:http';
import { isObject, parseJson } from './json.js';
import type { JsonObject } from './types.js';

/** Fields @slack/web-api JSON-encodes inside a form body; parsed back so tests can inspect them. */
const JSON_FIELDS = ['view', 'blocks', 'attachments', 'metadata'];

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a Web API request body into params; returns undefined when it cannot be parsed. */
export function parseApiParams(raw: string, contentType: string | undefined): JsonObject | undefined {
  if (raw.length === 0) return {};
  if (contentType?.includes('application/json')) {
    const parsed = parseJson(raw);
    return isObject(parsed) ? parsed : undefined;
  }
  const params: JsonObject = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    const value = params[field];
    if (typeof value === 'string') {
      const parsed = parseJson(value);
      // Left as the raw string when it is not JSON, so the method can answer invalid_arguments.
      if (parsed !== undefined) params[field] = parsed;
    }
  }
  return params;
}

/** Form bodies carry booleans as strings. */
export function isTruthyParam(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function stringParam(params: JsonObject, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
