// chat.* methods: messages in the app's DMs (and other conversations), ephemerals, scheduled messages.

import { validateMessage } from './block-kit-rules.js';
import { stringParam } from './http-body.js';
import { newMessageTs, newScheduledMessageId } from './ids.js';
import { isObject } from './json.js';
import type { JsonObject, StoredMessage } from './types.js';
import { type ApiResult, fail, invalidArguments, type MethodSpec, ok } from './web-api-result.js';
import type { Workspace } from './workspace.js';

const MAX_SCHEDULE_AHEAD_SECONDS = 120 * 24 * 3600;
const SCHEDULE_WINDOW_SECONDS = 5 * 60;
const SCHEDULE_PER_WINDOW = 30;

type Content =
  | { ok: true; text: string | undefined; blocks: unknown[] | undefined }
  | { ok: false; error: ApiResult };

/** Checks text/blocks the way chat.postMessage does; `partial` allows neither (chat.update keeps old ones). */
function messageContent(method: string, workspace: Workspace, params: JsonObject, partial = false): Content {
  const text = typeof params.text === 'string' ? params.text : undefined;
  const blocks = params.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) {
    workspace.problem(`${method}: blocks is not a JSON array`);
    return { ok: false, error: fail('invalid_blocks_format') };
  }
  if (!partial && !text && (blocks === undefined || blocks.length === 0))
    return { ok: false, error: fail('no_text') };
  if (text !== undefined && text.length > 40_000) {
    workspace.problem(`${method}: text is ${text.length} chars > 40000`);
    return { ok: false, error: fail('msg_too_long') };
  }
  if (blocks !== undefined) {
    const problems = validateMessage({ text: text ?? 'x', blocks });
    if (problems.length > 0) {
      workspace.problem(`${method}: invalid blocks: ${problems.join('; ')}`);
      return { ok: false, error: { ...invalidArguments(problems), error: 'invalid_blocks' } };
    }
  }
  return { ok: true, text, blocks };
}

function metadataOf(params: JsonObject): { ok: true; metadata: unknown } | { ok: false } {
  const metadata = params.metadata;
  if (metadata === undefined) return { ok: true, metadata: undefined };
  if (!isObject(metadata) || typeof metadata.event_type !== 'string' || !isObject(metadata.event_payload)) {
    return { ok: false };
  }
  return { ok: true, metadata };
}

function findMessage(workspace: Workspace, channel: string, ts: unknown): StoredMessage | undefined {
  return workspace.messagesIn(channel).find((message) => message.ts === ts);
}

const postMessage: MethodSpec = {
  token: 'bot',
  handle(workspace, params, team) {
    const channel = workspace.resolveChannel(params.channel, true);
    if (channel === undefined) return fail('channel_not_found');
    const content = messageContent('chat.postMessage', workspace, params);
    if (!content.ok) return content.error;
    const meta = metadataOf(params);
    if (!meta.ok) return fail('invalid_metadata_format');
    const message: StoredMessage = {
      ts: newMessageTs(),
      text: content.text,
      blocks: content.blocks,
      ...(meta.metadata !== undefined ? { metadata: meta.metadata } : {}),
      ...(typeof params.thread_ts === 'string' ? { thread_ts: params.thread_ts } : {}),
      ...(team ? { teamId: team.id } : {}),
      updatedCount: 0,
    };
    workspace.messagesIn(channel).push(message);
    workspace.changed();
    return ok({
      channel,
      ts: message.ts,
      message: { ...workspace.botMessage(message), ...(meta.metadata ? { metadata: meta.metadata } : {}) },
    });
  },
};

const update: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const channel = workspace.resolveChannel(params.channel, false);
    if (channel === undefined) return fail('channel_not_found');
    const message = findMessage(workspace, channel, params.ts);
    if (message === undefined) return fail('message_not_found');
    const content = messageContent('chat.update', workspace, params, true);
    if (!content.ok) return content.error;
    const meta = metadataOf(params);
    if (!meta.ok) return fail('invalid_metadata_format');
    // Slack keeps the old text or blocks when the update leaves them out.
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks;
    if (meta.metadata !== undefined) message.metadata = meta.metadata;
    message.updatedCount += 1;
    workspace.changed();
    return ok({ channel, ts: message.ts, text: message.text ?? '', message: workspace.botMessage(message) });
  },
};

const deleteMessage: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const channel = workspace.resolveChannel(params.channel, true);
    if (channel === undefined) return fail('channel_not_found');
    const messages = workspace.messagesIn(channel);
    const index = messages.findIndex((message) => message.ts === params.ts);
    if (index < 0) return fail('message_not_found');
    // A bot token deletes only the app's own messages, never what a person wrote.
    if (messages[index]?.user !== undefined) return fail('cant_delete_message');
    messages.splice(index, 1);
    workspace.changed();
    return ok({ channel, ts: params.ts });
  },
};

const postEphemeral: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const channel = workspace.resolveChannel(params.channel, true);
    if (channel === undefined) return fail('channel_not_found');
    const user = workspace.users.get(stringParam(params, 'user') ?? '');
    if (user === undefined) return fail('user_not_found');
    const content = messageContent('chat.postEphemeral', workspace, params);
    if (!content.ok) return content.error;
    user.ephemerals.push({
      text: content.text,
      blocks: content.blocks,
      channel,
      source: 'chat.postEphemeral',
      at: Date.now(),
    });
    workspace.changed();
    return ok({ message_ts: newMessageTs() });
  },
};

const scheduleMessage: MethodSpec = {
  token: 'bot',
  handle(workspace, params, team) {
    const channel = workspace.resolveChannel(params.channel, true);
    if (channel === undefined) return fail('channel_not_found');
    const postAt = Number(params.post_at);
    if (params.post_at === undefined || !Number.isFinite(postAt)) return fail('invalid_time');
    const now = Date.now() / 1000;
    if (postAt < now) return fail('time_in_past');
    if (postAt > now + MAX_SCHEDULE_AHEAD_SECONDS) return fail('time_too_far');
    const recent = workspace.scheduled.filter(
      (scheduled) =>
        scheduled.channel === channel && now - scheduled.createdAt / 1000 < SCHEDULE_WINDOW_SECONDS,
    );
    if (recent.length >= SCHEDULE_PER_WINDOW) {
      workspace.problem(
        `chat.scheduleMessage: restricted_too_many (> ${SCHEDULE_PER_WINDOW} per 5 minutes in ${channel})`,
      );
      return fail('restricted_too_many');
    }
    const content = messageContent('chat.scheduleMessage', workspace, params);
    if (!content.ok) return content.error;
    const meta = metadataOf(params);
    if (!meta.ok) return fail('invalid_metadata_format');
    const id = newScheduledMessageId();
    const whole = Math.floor(postAt);
    workspace.scheduled.push({
      id,
      channel,
      postAt: whole,
      createdAt: Date.now(),
      message: {
        text: content.text,
        blocks: content.blocks,
        ...(meta.metadata !== undefined ? { metadata: meta.metadata } : {}),
        ...(team ? { teamId: team.id } : {}),
      },
    });
    workspace.changed();
    return ok({
      channel,
      scheduled_message_id: id,
      post_at: whole,
      message: {
        type: 'message',
        text: content.text ?? '',
        ...(content.blocks ? { blocks: content.blocks } : {}),
      },
    });
  },
};

const deleteScheduledMessage: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const channel = workspace.resolveChannel(params.channel, true);
    if (channel === undefined) return fail('channel_not_found');
    const index = workspace.scheduled.findIndex(
      (scheduled) => scheduled.id === params.scheduled_message_id && scheduled.channel === channel,
    );
    if (index < 0) return fail('invalid_scheduled_message_id');
    workspace.scheduled.splice(index, 1);
    workspace.changed();
    return ok();
  },
};

const listScheduledMessages: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const channel =
      params.channel === undefined ? undefined : workspace.resolveChannel(params.channel, false);
    if (params.channel !== undefined && channel === undefined) return fail('channel_not_found');
    workspace.messagesIn(channel ?? ''); // delivers any that are due first
    const scheduled = workspace.scheduled
      .filter((one) => channel === undefined || one.channel === channel)
      .map((one) => ({
        id: one.id,
        channel_id: one.channel,
        post_at: one.postAt,
        date_created: Math.floor(one.createdAt / 1000),
        text: one.message.text ?? '',
      }));
    return ok({ scheduled_messages: scheduled, response_metadata: { next_cursor: '' } });
  },
};

export const CHAT_METHODS: Record<string, MethodSpec> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': deleteMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.scheduleMessage': scheduleMessage,
  'chat.deleteScheduledMessage': deleteScheduledMessage,
  'chat.scheduledMessages.list': listScheduledMessages,
};
