// `/rejected export`: everything Rebound keeps for a person, as a JSON file in their DM.
// Slack's upload flow (files.getUploadURLExternal → the bytes to upload_url →
// files.completeUploadExternal) is what the SDK's files.uploadV2 does; it needs a channel
// id, so the DM is opened first. The file's bytes never reach a log line: the SDK logs
// request bodies at debug only, and its logger is held at info (see logger.ts).

import type { webApi } from '@slack/bolt';
import { notificationText } from '../../domain/notification-text.js';
import type { UserScope } from '../../domain/types.js';
import { buildUserExport } from '../../domain/user-export.js';
import { buildUserJournal, journalFilename } from '../../domain/user-journal.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Store } from '../../store/store.js';

export type ExportOutcome = 'sent' | 'missing_scope';

/** e.g. `rebound-export-2026-03-02.json` (the UTC date of the export). */
export function exportFilename(now: Date): string {
  return `rebound-export-${now.toISOString().slice(0, 10)}.json`;
}

/** Throws on any failure other than a missing `files:write` scope. */
export async function sendExport(
  client: webApi.WebClient,
  store: Store,
  scope: UserScope,
  now: Date,
): Promise<ExportOutcome> {
  const [data, shares] = await Promise.all([store.exportUserData(scope), store.listShares(scope)]);
  const content = `${JSON.stringify(buildUserExport(scope, data, now, shares), null, 2)}\n`;
  const opened = await client.conversations.open({ users: scope.userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new ReboundError(ErrorCode.SlackApi, 'conversations.open returned no channel');
  const settings = data.settings ?? (await store.getPrivacySettings(scope));
  let uploaded: unknown;
  try {
    // Both files in one message: the JSON to take elsewhere, the journal to read.
    uploaded = await client.files.uploadV2({
      channel_id: channelId,
      initial_comment: notificationText('export', {}, settings),
      file_uploads: [
        { content, filename: exportFilename(now), title: 'Your Rebound data' },
        {
          content: buildUserJournal(data, now),
          filename: journalFilename(now),
          title: 'Your Rebound journal',
        },
      ],
    });
  } catch (error) {
    if (errorCode(error) === 'missing_scope') return 'missing_scope';
    throw error;
  }
  // Remembered so `/rejected delete` can remove the files from Slack too.
  for (const fileId of uploadedFileIds(uploaded)) await store.recordUpload(scope, fileId, now);
  return 'sent';
}

/** files.uploadV2 answers with one files.completeUploadExternal result per call, each listing its files. */
export function uploadedFileIds(result: unknown): string[] {
  const completions = (result as { files?: unknown } | null)?.files;
  if (!Array.isArray(completions)) return [];
  return completions.flatMap((completion) => {
    const files = (completion as { files?: unknown } | null)?.files;
    return Array.isArray(files)
      ? files.flatMap((file) => {
          const id = (file as { id?: unknown } | null)?.id;
          return typeof id === 'string' ? [id] : [];
        })
      : [];
  });
}
