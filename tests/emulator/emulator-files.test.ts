// File uploads: files.getUploadURLExternal → POST the bytes to upload_url →
// files.completeUploadExternal, as the SDK's files.uploadV2 does them, and Slack's refusals.

import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type EmulatedUser, type SlackEmulator } from '../../emulator/index.js';

let emu: SlackEmulator;
let alice: EmulatedUser;
let client: webApi.WebClient;

function errorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : String(error);
}

beforeEach(async () => {
  emu = await createSlackEmulator({ ...TEST_SECRETS });
  alice = emu.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
  client = new webApi.WebClient(TEST_SECRETS.botToken, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
  });
});

afterEach(async () => {
  await emu.close();
});

describe('files.delete', () => {
  it('removes a file the app uploaded from the DM, its comment staying; an unknown or deleted one is file_not_found', async () => {
    const dm = await client.conversations.open({ users: 'U1' });
    const channel_id = dm.channel?.id ?? '';
    await client.files.uploadV2({ channel_id, content: 'a', filename: 'a.json', initial_comment: 'Here.' });
    await client.files.uploadV2({ channel_id, content: 'b', filename: 'b.md' });
    const [withComment, bare] = emu.uploadedFiles;
    expect(alice.dm).toHaveLength(2);

    await client.files.delete({ file: withComment?.id ?? '' });
    await client.files.delete({ file: bare?.id ?? '' });
    expect(emu.uploadedFiles.map((file) => file.deleted)).toEqual([true, true]);
    // The comment is the app's message and stays (chat.delete removes it); the bare share goes.
    expect(alice.dm.map((message) => [message.text, message.files])).toEqual([['Here.', []]]);
    const history = await client.conversations.history({ channel: channel_id });
    expect(history.messages?.[0]?.files).toEqual([]);
    expect(await client.files.delete({ file: bare?.id ?? '' }).catch(errorCode)).toBe('file_not_found');
    expect(await client.files.delete({ file: 'F404' }).catch(errorCode)).toBe('file_not_found');
  });
});

describe('file uploads', () => {
  it('keeps the exact bytes files.uploadV2 sends and shares the file in the DM with its comment', async () => {
    const content = JSON.stringify({ note: 'Zürich ☕ 👩🏽‍💻 <&>', lines: ['a', 'b'] }, null, 2);
    const dm = await client.conversations.open({ users: 'U1' });
    await client.files.uploadV2({
      channel_id: dm.channel?.id ?? '',
      content,
      filename: 'export.json',
      title: 'Your data',
      initial_comment: 'Here it is.',
    });

    expect(emu.uploadedFiles).toHaveLength(1);
    const [file] = emu.uploadedFiles;
    expect(file?.bytes?.toString('utf8')).toBe(content);
    expect(file).toMatchObject({
      filename: 'export.json',
      title: 'Your data',
      length: Buffer.byteLength(content),
      completed: true,
      sharedIn: ['DU1'],
    });
    expect(alice.dm).toEqual([
      expect.objectContaining({
        text: 'Here it is.',
        files: [{ id: file?.id, name: 'export.json', title: 'Your data' }],
      }),
    ]);
    expect(emu.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({
      filename: 'export.json',
      length: String(Buffer.byteLength(content)),
    });
    expect(emu.problems).toEqual([]);
  });

  it('answers missing_scope when told to, and nothing is uploaded', async () => {
    emu.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    const error = await client.files
      .uploadV2({ channel_id: 'DU1', content: '{}', filename: 'x.json' })
      .catch((caught: unknown) => caught);
    expect(errorCode(error)).toBe('missing_scope');
    expect(emu.uploadedFiles).toEqual([]);
    expect(emu.callsTo('files.completeUploadExternal')).toEqual([]);
    expect(alice.dm).toEqual([]);
  });

  it('takes raw bytes too, and refuses what Slack refuses', async () => {
    const { upload_url: url, file_id: id } = await client.files.getUploadURLExternal({
      filename: 'raw.txt',
      length: 5,
    });
    expect((await fetch(`${emu.apiUrl}../upload/nope`, { method: 'POST', body: 'x' })).status).toBe(404);
    // Not uploaded yet: Slack cannot complete it.
    const early = await client.files
      .completeUploadExternal({ files: [{ id: id ?? '' }], channel_id: 'DU1' })
      .catch((caught: unknown) => caught);
    expect(errorCode(early)).toBe('file_not_found');
    expect(emu.problems).toEqual([expect.stringContaining('never uploaded')]);

    const posted = await fetch(url ?? '', { method: 'POST', body: 'hello' });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe('OK - 5');
    // channel_id takes a conversation id, not a user id.
    const byUser = await client.files
      .completeUploadExternal({ files: [{ id: id ?? '' }], channel_id: 'U1' })
      .catch((caught: unknown) => caught);
    expect(errorCode(byUser)).toBe('channel_not_found');
    // Without a channel the file is uploaded but shared nowhere.
    await client.files.completeUploadExternal({ files: [{ id: id ?? '', title: 'Raw' }] });
    expect(emu.uploadedFiles[0]).toMatchObject({ completed: true, sharedIn: [], title: 'Raw' });
    expect(emu.uploadedFiles[0]?.bytes?.toString()).toBe('hello');
    expect(alice.dm).toEqual([]);

    const invalid = await client.files
      .getUploadURLExternal({ filename: 'empty.txt', length: 0 })
      .catch((caught: unknown) => caught);
    expect(errorCode(invalid)).toBe('invalid_arguments');
  });
});
