import { describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../../../emulator/block-kit-rules.js';
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
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Nothing here yet');
    expect(all).toContain("<slack://app?team=T1234&id=A1234&tab=home|Open Rebound's Home>");
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
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Your latest rejections');
    expect(all).toContain('(got as far as: Final round)');
    expect(all).toContain('*Globex* are saved at step 3 of 4');
    expect(all).toContain('Next check-in about *&lt;!channel&gt;');
    expect(all).not.toContain('<!channel>');
    expect(message.text).toBe("2+ rejections. Rebound's Home has the whole history.");
    expect(validateMessage(message)).toEqual([]);
  });
});

describe('the delete confirmation', () => {
  it('says plainly what goes and that it cannot be undone, and offers a copy first', () => {
    const view = buildDeleteConfirmView();
    const all = JSON.stringify(view.blocks);
    expect(all).toContain("can't be undone");
    expect(all).toContain('/rejected export');
    expect(view.submit?.text).toBe('Delete everything');
    expect(view.close?.text).toBe('Keep it');
    expect(validateView(view)).toEqual([]);
    expect(validateView(buildDeleteFailedView())).toEqual([]);
    expect(JSON.stringify(buildDeleteFailedView().blocks)).toContain('nothing was removed');
  });
});

describe('buildHelpMessage', () => {
  it('lists every subcommand, and leads with the likely one after a near-miss', () => {
    const all = JSON.stringify(buildHelpMessage().blocks);
    for (const sub of ['list', 'export', 'delete', 'help']) expect(all).toContain(`\`/rejected ${sub}\``);
    expect(all).not.toContain('Did you mean');
    const guess = buildHelpMessage('list');
    expect(JSON.stringify(guess.blocks[0])).toContain('Did you mean `/rejected list`?');
    expect(guess.text).toContain('/rejected list');
    expect(validateMessage(guess)).toEqual([]);
  });
});

describe('privacy replies', () => {
  it('are short and say what happened to the data', () => {
    for (const text of Object.values(replies)) expect(text.length).toBeLessThanOrEqual(200);
    expect(replies.EXPORT_NEEDS_SCOPE_TEXT).toContain('reinstalling Rebound');
    expect(replies.EXPORT_NEEDS_SCOPE_TEXT).not.toContain('files:write');
    expect(replies.EXPORT_FAILED_TEXT).toContain('Nothing was shared');
    expect(replies.DELETE_OPEN_FAILED_TEXT).toContain('Nothing was deleted');
  });
});
