import { describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import { buildHelpMessage } from '../../../src/slack/command/help-message.js';
import { buildDeleteConfirmView, buildDeleteFailedView } from '../../../src/slack/privacy/delete-modal.js';
import { buildListMessage, homeTabUrl } from '../../../src/slack/privacy/list-message.js';
import * as replies from '../../../src/slack/privacy/replies.js';
import { createFollowUp, createRejection, FULL_ANSWERS, HOSTILE, LONG_ANSWERS } from '../fixtures.js';

const HOME = homeTabUrl('T1234', 'A1234');

describe('buildListMessage', () => {
  it('is kind to someone with nothing yet, and still links to Home', () => {
    const message = buildListMessage({
      rejections: [],
      hasMore: false,
      draft: null,
      next: null,
      homeUrl: HOME,
    });
    const shown = visibleText(message);
    expect(shown).toContain('Nothing here yet');
    expect(shown).toContain('Open Rebound’s Home');
    // Where the link goes is structure, not text.
    expect(JSON.stringify(message.blocks)).toContain(
      '<slack://app?team=T1234&id=A1234&tab=home|Open Rebound’s Home>',
    );
    expect(message.text).toContain('No rejections yet');
    expect(validateMessage(message)).toEqual([]);
  });

  it('lists the latest with stage and date, the draft and the next check-in, escaping what was typed', () => {
    const rejection = createRejection({ id: 'r1', answers: { ...FULL_ANSWERS, company: HOSTILE } });
    const message = buildListMessage({
      rejections: [rejection, createRejection({ id: 'r2', answers: LONG_ANSWERS })],
      hasMore: true,
      draft: createRejection({ id: 'd', status: 'draft', step: 3, answers: { company: 'Globex' } }),
      next: { followUp: createFollowUp(), rejection },
      homeUrl: HOME,
    });
    const shown = visibleText(message);
    expect(shown).toContain('Your latest rejections');
    expect(shown).toContain('ended at Final round');
    expect(shown).toContain('Globex are saved at step 3 of 4');
    expect(shown).toContain('Next check-in about <!channel>');
    // What was typed reaches Slack escaped, so no mention goes live.
    const sent = JSON.stringify(message.blocks);
    expect(sent).toContain('Next check-in about *&lt;!channel&gt;');
    expect(sent).not.toContain('<!channel>');
    expect(message.text).toBe('2+ rejections. Rebound’s Home has the whole history.');
    expect(validateMessage(message)).toEqual([]);
  });
});

describe('the delete confirmation', () => {
  it('says plainly what goes and that it cannot be undone, and offers a copy first', () => {
    const view = buildDeleteConfirmView();
    const shown = visibleText(view);
    expect(shown).toContain('can’t be undone');
    expect(shown).toContain('/rejected export');
    expect(view.submit?.text).toBe('Delete everything');
    expect(view.close?.text).toBe('Keep it');
    expect(validateView(view)).toEqual([]);
    expect(validateView(buildDeleteFailedView())).toEqual([]);
    expect(visibleText(buildDeleteFailedView())).toContain('nothing was removed');
  });
});

describe('buildHelpMessage', () => {
  it('lists every subcommand, and leads with the likely one after a near-miss', () => {
    const lines = visibleText(buildHelpMessage()).split('\n');
    for (const sub of ['list', 'export', 'delete', 'help']) {
      expect(lines.some((line) => line.startsWith(`/rejected ${sub}  `))).toBe(true);
    }
    expect(lines.join('\n')).not.toContain('Did you mean');
    const guess = buildHelpMessage('list');
    expect(visibleText(guess).split('\n')[0]).toBe('Did you mean /rejected list?');
    expect(guess.text).toContain('/rejected list');
    expect(validateMessage(guess)).toEqual([]);
  });
});

describe('privacy replies', () => {
  it('are short and say what happened to the data', () => {
    for (const text of Object.values(replies)) expect(text.length).toBeLessThanOrEqual(200);
    expect(replies.EXPORT_NEEDS_SCOPE_TEXT).toContain('files:write');
    expect(replies.EXPORT_FAILED_TEXT).toContain('Nothing was shared');
    expect(replies.DELETE_OPEN_FAILED_TEXT).toContain('Nothing was deleted');
  });
});
