// Slack's file upload flow: files.getUploadURLExternal hands out an upload URL and a file id,
// the app POSTs the bytes there (raw or multipart, see uploads.ts), then
// files.completeUploadExternal shares the file, e.g. in a DM with an initial comment.

import { stringParam } from './http-body.js';
import { newMessageTs } from './ids.js';
import { parseJson } from './json.js';
import type { StoredMessage } from './types.js';
import { fail, type MethodSpec, ok } from './web-api-result.js';

const MAX_FILE_BYTES = 1024 * 1024 * 1024; // Slack's limit is 1 GB

const getUploadUrl: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const filename = stringParam(params, 'filename');
    const length = Number(stringParam(params, 'length'));
    if (!filename) return fail('invalid_arguments', ['[ERROR] missing required field: filename']);
    if (!Number.isInteger(length) || length < 1)
      return fail('invalid_arguments', ['[ERROR] length must be a whole number of bytes, 1 or more']);
    if (length > MAX_FILE_BYTES) return fail('file_too_large');
    const file = workspace.files.add(filename, length);
    return ok({ upload_url: `${workspace.baseUrl}upload/${file.id}`, file_id: file.id });
  },
};

/** `files` arrives JSON-encoded in a form body, or as an array in a JSON body. */
function fileRefs(raw: unknown): { id: string; title?: string }[] | undefined {
  const parsed = typeof raw === 'string' ? parseJson(raw) : raw;
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const refs = parsed.map((item) =>
    typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
      ? (item as { id: string; title?: unknown })
      : undefined,
  );
  if (refs.some((ref) => ref === undefined)) return undefined;
  return refs.map((ref) => ({
    id: String(ref?.id),
    ...(typeof ref?.title === 'string' ? { title: ref.title } : {}),
  }));
}

const completeUpload: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const refs = fileRefs(params.files);
    if (refs === undefined)
      return fail('invalid_arguments', ['[ERROR] files must be a non-empty array of {id}']);
    const files = refs.map((ref) => ({ ref, file: workspace.files.get(ref.id) }));
    for (const { ref, file } of files) {
      if (file === undefined || file.bytes === undefined) {
        workspace.problem(
          `files.completeUploadExternal: file ${ref.id} was never uploaded to its upload_url`,
        );
        return fail('file_not_found');
      }
    }
    const channelParam = stringParam(params, 'channel_id');
    let channel: string | undefined;
    if (channelParam !== undefined) {
      // channel_id takes a conversation id; a DM's D… id comes from conversations.open.
      channel = workspace.resolveChannel(channelParam, false);
      if (channel === undefined) return fail('channel_not_found');
    }
    const shared = files.map(({ ref, file }) => {
      if (file === undefined) throw new Error('unreachable');
      file.title = ref.title ?? file.filename;
      file.completed = true;
      if (channel !== undefined) file.sharedIn.push(channel);
      return { id: file.id, name: file.filename, title: file.title, size: file.length };
    });
    if (channel !== undefined) {
      const comment = stringParam(params, 'initial_comment');
      const message: StoredMessage = {
        ts: newMessageTs(),
        text: comment ?? '',
        blocks: undefined,
        files: shared.map(({ id, name, title }) => ({ id, name, title })),
        updatedCount: 0,
      };
      workspace.messagesIn(channel).push(message);
    }
    workspace.changed();
    return ok({ files: shared });
  },
};

/**
 * files.delete: the app may delete files it uploaded. The file leaves every conversation it
 * was shared in; a message that carried only the file goes with it, as in Slack's clients.
 */
const deleteFile: MethodSpec = {
  token: 'bot',
  handle(workspace, params) {
    const file = workspace.files.get(stringParam(params, 'file') ?? '');
    if (file === undefined) return fail('file_not_found');
    file.deleted = true;
    for (const channel of file.sharedIn) {
      const messages = workspace.messagesIn(channel);
      for (let i = messages.length - 1; i >= 0; i -= 1) {
        const message = messages[i];
        if (!message?.files?.some((shared) => shared.id === file.id)) continue;
        const files = message.files.filter((shared) => shared.id !== file.id);
        if (files.length === 0 && !message.text) messages.splice(i, 1);
        else message.files = files;
      }
    }
    workspace.changed();
    return ok();
  },
};

export const FILE_METHODS: Record<string, MethodSpec> = {
  'files.delete': deleteFile,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
