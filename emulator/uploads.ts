// Files the app uploads (files.getUploadURLExternal → POST the bytes → files.completeUploadExternal),
// kept so tests can read exactly what was uploaded and where it was shared.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Workspace } from './workspace.js';

export interface UploadedFile {
  id: string;
  filename: string;
  /** The length the app declared in files.getUploadURLExternal. */
  length: number;
  /** What was POSTed to the upload URL, once it was. */
  bytes: Buffer | undefined;
  title: string | undefined;
  /** files.completeUploadExternal was called for it. */
  completed: boolean;
  /** Conversations it was shared in (D… for a DM). */
  sharedIn: string[];
  /** files.delete removed it: it is gone from every conversation. */
  deleted: boolean;
}

export class UploadRegistry {
  private readonly files = new Map<string, UploadedFile>();

  add(filename: string, length: number): UploadedFile {
    const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
    const file: UploadedFile = {
      id,
      filename,
      length,
      bytes: undefined,
      title: undefined,
      completed: false,
      sharedIn: [],
      deleted: false,
    };
    this.files.set(id, file);
    return file;
  }

  /** A file that still exists (deleted ones stay listed in `all()` for tests to inspect). */
  get(id: string): UploadedFile | undefined {
    const file = this.files.get(id);
    return file?.deleted ? undefined : file;
  }

  all(): UploadedFile[] {
    return [...this.files.values()];
  }
}

/**
 * The file bytes of an upload POST: the file part of a multipart/form-data body (how
 * @slack/web-api sends them), or the raw body (Slack accepts both).
 */
export async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  const [first] = [...form.values()];
  return Buffer.from(typeof first === 'string' ? first : '');
}

/** POST <upload_url>: keeps the bytes; Slack answers 200 "OK - <bytes>" (404 for an unknown URL). */
export async function handleUpload(
  workspace: Workspace,
  fileId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const file = workspace.files.get(fileId);
  const answer = (status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
    workspace.changed();
  };
  if (file === undefined) return answer(404, 'Not Found');
  if (file.completed) {
    workspace.problem(`upload ${fileId}: bytes posted after files.completeUploadExternal`);
    return answer(400, 'Bad Request');
  }
  const bytes = await uploadedBytes(Buffer.concat(chunks), req.headers['content-type']);
  if (bytes.length !== file.length) {
    workspace.problem(`upload ${fileId}: ${bytes.length} bytes posted, ${file.length} declared`);
  }
  file.bytes = bytes;
  answer(200, `OK - ${bytes.length}`);
}
