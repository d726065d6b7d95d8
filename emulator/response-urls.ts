// POSTs to a response_url: an ephemeral reply, an in-channel reply, or replacing/deleting the original message.

import { validateMessage } from './block-kit-rules.js';
import { isTruthyParam } from './http-body.js';
import { newMessageTs } from './ids.js';
import { isObject } from './json.js';
import type { Workspace } from './workspace.js';

/** Slack allows a response_url to be used 5 times within 30 minutes. */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

export interface ResponseUrlAnswer {
  status: number;
  body: { ok: boolean; error?: string };
}

export function handleResponseUrl(workspace: Workspace, token: string, body: unknown): ResponseUrlAnswer {
  const target = workspace.responseUrls.get(token);
  if (target === undefined) return { status: 404, body: { ok: false, error: 'no_such_url' } };
  target.uses += 1;
  if (target.uses > MAX_USES || Date.now() - target.issuedAt > LIFETIME_MS) {
    workspace.problem(`response_url used ${target.uses} times / after ${Date.now() - target.issuedAt} ms`);
    return { status: 404, body: { ok: false, error: 'used_url' } };
  }
  if (!isObject(body)) {
    workspace.problem('response_url: body is not JSON');
    return { status: 400, body: { ok: false, error: 'invalid_payload' } };
  }
  const channel = workspace.messagesIn(target.channelId);
  const original = channel.find((message) => message.ts === target.messageTs);
  if (isTruthyParam(body.delete_original)) {
    if (original === undefined) return notFound(workspace);
    channel.splice(channel.indexOf(original), 1);
    workspace.changed();
    return { status: 200, body: { ok: true } };
  }
  const problems = validateMessage({ text: body.text, blocks: body.blocks });
  if (problems.length > 0) {
    workspace.problem(`response_url: invalid message: ${problems.join('; ')}`);
    return { status: 400, body: { ok: false, error: 'invalid_blocks' } };
  }
  const text = typeof body.text === 'string' ? body.text : undefined;
  const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
  if (isTruthyParam(body.replace_original)) {
    if (original === undefined) return notFound(workspace);
    original.text = text;
    original.blocks = blocks;
    original.updatedCount += 1;
  } else if (body.response_type === 'in_channel') {
    channel.push({ ts: newMessageTs(), text, blocks, updatedCount: 0 });
  } else {
    const user = workspace.users.get(target.userId);
    user?.ephemerals.push({
      text,
      blocks,
      channel: target.channelId,
      source: 'response_url',
      at: Date.now(),
    });
  }
  workspace.changed();
  return { status: 200, body: { ok: true } };
}

function notFound(workspace: Workspace): ResponseUrlAnswer {
  workspace.problem('response_url: replace_original/delete_original, but there is no original message');
  return { status: 404, body: { ok: false, error: 'message_not_found' } };
}
