import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
import { buildPrivacyBlocks } from '../../../src/slack/home/privacy-blocks.js';

const text = (blocks: unknown) => JSON.stringify(blocks);

describe('Home’s privacy section', () => {
  it('shows both settings as chosen, the privacy line and a delete button, within Slack’s rules', () => {
    const blocks = buildPrivacyBlocks({
      settings: { showDetails: true, employedHere: null },
      sealed: true,
      draftExpiryDays: 30,
    });
    expect(validateView({ type: 'home', blocks })).toEqual([]);
    expect(text(blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"On: name company and role"}',
    );
    expect(text(blocks)).toContain('stored encrypted');
    expect(text(blocks)).toContain('workspace owners can export DMs with apps');
    expect(text(blocks)).toContain('home_delete_data');
    expect(text(blocks)).not.toContain('personal Slack workspace');
  });

  it('says plainly when answers are unencrypted, and shows the note to someone employed here', () => {
    const blocks = buildPrivacyBlocks({
      settings: { showDetails: false, employedHere: true },
      sealed: false,
      draftExpiryDays: 14,
    });
    expect(text(blocks)).toContain('unencrypted');
    expect(text(blocks)).toContain('unfinished drafts for 14 days');
    expect(text(blocks)).toContain('use Rebound in a personal Slack workspace');
  });
});
