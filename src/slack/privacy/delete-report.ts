// The confirmation after `/rejected delete`: exactly what was removed, and what stays.

import type { DeletedRecords } from '../../store/store.js';
import { type KnownBlock, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import type { RemovalReport } from './remove-from-slack.js';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function buildDeleteReport(
  records: DeletedRecords,
  slack: RemovalReport | null,
  removeMessages: boolean,
  shares: { deleted: number; left: number } = { deleted: 0, left: 0 },
): KnownBlock[] {
  const removed = [
    `• ${count(records.rejections, 'rejection', 'rejections')} with your answers` +
      (records.drafts > 0 ? `, and ${count(records.drafts, 'unfinished draft', 'unfinished drafts')}` : ''),
    `• ${count(records.entries, 'note', 'notes')} you added later (reflections, feedback you heard back)`,
    `• ${count(records.upcomingFollowUps, 'check-in still to come', 'check-ins still to come')}: none will come now`,
    '• your settings and your timezone',
  ];
  if (shares.deleted > 0)
    removed.push(
      `• ${count(shares.deleted, 'note', 'notes')} you shared, from the DMs of the people you shared them with`,
    );
  if (slack) {
    removed.push(`• ${count(slack.filesDeleted, 'export file', 'export files')} from this DM`);
    if (removeMessages)
      removed.push(`• ${count(slack.messagesDeleted, 'message', 'messages')} Rebound had sent you`);
  }
  const stays = [
    '• anything you wrote yourself (Rebound can’t delete other people’s messages), and this message',
    removeMessages ? null : '• Rebound’s earlier messages in this DM, as you chose',
    slack === null
      ? '• Rebound’s files and messages in this DM: Slack could not be reached, so delete them by hand'
      : null,
    slack && slack.filesLeft + slack.messagesLeft > 0
      ? `• ${count(slack.filesLeft + slack.messagesLeft, 'file or message', 'files or messages')} Slack would not let Rebound remove: you can delete them by hand`
      : null,
    shares.left > 0
      ? `• ${count(shares.left, 'shared note', 'shared notes')} Slack would not let Rebound take back: ask the person to delete it`
      : null,
    '• copies you downloaded or forwarded',
  ].filter((line): line is string => line !== null);
  return [
    mrkdwnSection('*Done: everything Rebound kept for you here is deleted.*'),
    mrkdwnSection(`*Removed*\n${removed.join('\n')}`),
    mrkdwnSection(`*What stays*\n${stays.join('\n')}`),
    mrkdwnContext('If you ever want to use Rebound again, `/rejected` starts fresh.'),
  ];
}
