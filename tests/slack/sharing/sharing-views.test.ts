import { describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../../../emulator/index.js';
import type { Rejection, RejectionEntry } from '../../../src/domain/types.js';
import { shareEntryBlock, withShareEntry } from '../../../src/slack/sharing/share-entry.js';
import { knownParts } from '../../../src/slack/sharing/share-parts.js';
import {
  buildComposeView,
  buildPreviewView,
  decodeComposeMetadata,
  decodePreviewMetadata,
} from '../../../src/slack/sharing/share-views.js';
import { buildSharedNote, SHARED_NOTE_TEXT } from '../../../src/slack/sharing/shared-note.js';
import { FULL_ANSWERS, HOSTILE, NOW } from '../fixtures.js';

const rejection: Rejection = {
  id: 'r1',
  scope: { teamId: 'T1', enterpriseId: null, userId: 'U1' },
  status: 'complete',
  step: 4,
  answers: { ...FULL_ANSWERS, lesson: HOSTILE },
  createdAt: NOW,
  updatedAt: NOW,
  completedAt: NOW,
};
const entries: RejectionEntry[] = [
  {
    id: 'e1',
    rejectionId: 'r1',
    scope: rejection.scope,
    data: { kind: 'feedback', received: true, text: 'More depth on metrics' },
    createdAt: NOW,
  },
];

describe('the shared note', () => {
  it('names nothing in its notification text, and holds only the ticked parts, escaped', () => {
    const note = buildSharedNote({ sharerId: 'U1', rejection, entries, parts: ['plan', 'lesson'] });
    expect(note.text).toBe(SHARED_NOTE_TEXT);
    for (const secret of ['Acme', 'Product designer', 'More depth', 'Slow down', 'I do better']) {
      expect(note.text).not.toContain(secret);
    }
    const shown = JSON.stringify(note.blocks);
    expect(shown).toContain('<@U1> chose to share this with you');
    expect(shown).toContain('Ask my network for referrals');
    expect(shown).toContain('Apply to two roles a week');
    expect(shown).toContain('&lt;!channel&gt; &lt;@U123&gt; &amp; co');
    for (const left of ['Acme', 'Slow down', 'More depth on metrics']) expect(shown).not.toContain(left);
    expect(validateMessage(note)).toEqual([]);
  });

  it('adds the company, reflections and feedback when ticked', () => {
    const note = buildSharedNote({
      sharerId: 'U1',
      rejection,
      entries,
      parts: ['company', 'reflections', 'feedback'],
    });
    const shown = JSON.stringify(note.blocks);
    expect(shown).toContain('Acme · Product designer');
    expect(shown).toContain('Slow down and give examples.');
    expect(shown).toContain('More depth on metrics');
    expect(shown).not.toContain('Ask my network');
  });
});

describe('the share modals and entry', () => {
  it('builds views and a message Slack accepts', () => {
    expect(validateView(buildComposeView({ rejectionId: 'r1' }))).toEqual([]);
    const note = buildSharedNote({ sharerId: 'U1', rejection, entries, parts: ['plan'] });
    expect(
      validateView(buildPreviewView({ rejectionId: 'r1', recipientId: 'U2', parts: ['plan'] }, note.blocks)),
    ).toEqual([]);
    const long = { text: 'x', blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })) };
    const withEntry = withShareEntry(long, 'r1');
    expect(withEntry.blocks).toHaveLength(50);
    expect(withEntry.blocks.at(-1)).toEqual(shareEntryBlock('r1'));
  });

  it('reads back only metadata Rebound wrote', () => {
    expect(decodeComposeMetadata('{"rejectionId":"r1"}')).toEqual({ rejectionId: 'r1' });
    expect(
      decodePreviewMetadata('{"rejectionId":"r1","recipientId":"U2","parts":["lesson","plan","x"]}'),
    ).toEqual({
      rejectionId: 'r1',
      recipientId: 'U2',
      parts: ['plan', 'lesson'],
    });
    for (const forged of [
      undefined,
      '',
      'not json',
      '[]',
      '{"rejectionId":"<@U1>"}',
      '{"rejectionId":"r1","recipientId":"U2","parts":[]}',
      '{"rejectionId":"r1","recipientId":"U 2","parts":["plan"]}',
      `{"rejectionId":"${'r'.repeat(3001)}"}`,
    ]) {
      expect(decodePreviewMetadata(forged)).toBeNull();
    }
    expect(decodeComposeMetadata('{"rejectionId":42}')).toBeNull();
    expect(knownParts(['feedback', 'plan', 'plan', '__proto__'])).toEqual(['plan', 'feedback']);
  });
});
