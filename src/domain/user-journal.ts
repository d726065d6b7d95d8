// `/rejected export`'s readable copy: a Markdown journal beside the JSON, one section per
// rejection, in the person's own words, newest first. Pure: the caller uploads it.

import { getField, getStep, optionLabel } from './routine.js';
import type { FieldId, Rejection, RejectionEntry, UserData } from './types.js';

const ORDER: readonly FieldId[] = [1, 2, 3, 4].flatMap((step) =>
  getStep(step as 1 | 2 | 3 | 4).fields.map((field) => field.id),
);

/** e.g. `rebound-journal-2026-03-02.md` (the UTC date of the export). */
export function journalFilename(now: Date): string {
  return `rebound-journal-${now.toISOString().slice(0, 10)}.md`;
}

/** Their words as they wrote them, but never able to start a Markdown heading or list of ours. */
function quoted(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^#+\s*/, '')
    .trim();
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function answerLines(rejection: Rejection): string[] {
  const lines: string[] = [];
  for (const id of ORDER) {
    if (id === 'company' || id === 'role') continue;
    const value = rejection.answers[id];
    if (value === undefined) continue;
    const label = getField(id).summaryLabel;
    if (value instanceof Date) lines.push(`**${label}:** ${value.toISOString()}`);
    else if (Array.isArray(value))
      lines.push(`**${label}:**`, ...value.map((one) => `- ${optionLabel(id, one) ?? one}`));
    else {
      const choice = optionLabel(id, value);
      if (choice !== undefined) lines.push(`**${label}:** ${choice}`);
      else lines.push(`**${label}:**`, quoted(value));
    }
    lines.push('');
  }
  return lines;
}

function entryLines(entries: RejectionEntry[]): string[] {
  if (entries.length === 0) return [];
  const lines = ['### Added later', ''];
  for (const { data, createdAt } of entries) {
    if (data.kind === 'feedback') {
      lines.push(
        data.received && data.text
          ? `**${day(createdAt)}, what they told you:**\n${quoted(data.text)}`
          : `**${day(createdAt)}:** no reply yet`,
      );
    } else {
      lines.push(`**${day(createdAt)}, a reflection:**`);
      for (const [field, text] of Object.entries(data.answers)) {
        if (typeof text === 'string')
          lines.push(`*${getField(field as FieldId).summaryLabel}*`, quoted(text));
      }
    }
    lines.push('');
  }
  return lines;
}

export function buildUserJournal(data: UserData, now: Date): string {
  const lines = ['# Your Rebound journal', '', `Exported ${day(now)}. Only you have this copy.`, ''];
  if (data.rejections.length === 0) lines.push('Nothing here yet.', '');
  for (const rejection of data.rejections) {
    const title = [rejection.answers.company, rejection.answers.role]
      .filter((part): part is string => part !== undefined)
      .map(oneLine)
      .join(' · ');
    const status =
      rejection.status === 'complete'
        ? ''
        : ` (${rejection.status === 'draft' ? 'unfinished' : 'set aside'})`;
    lines.push(
      `## ${title || 'Untitled'}${status}`,
      '',
      `*${day(rejection.completedAt ?? rejection.createdAt)}*`,
      '',
    );
    lines.push(...answerLines(rejection));
    lines.push(...entryLines(data.entries.filter((entry) => entry.rejectionId === rejection.id)));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
