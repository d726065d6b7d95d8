import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import { buildHelpMessage } from '../../../src/slack/command/help-message.js';
import * as errors from '../../../src/slack/platform/errors-message.js';

describe('buildHelpMessage', () => {
  it('explains the three ways to use /rejected, within Slack limits', () => {
    const message = buildHelpMessage();
    const lines = visibleText(message).split('\n');
    expect(lines).toContain('/rejected  Start, or pick up where you left off');
    expect(lines).toContain('/rejected Acme  Start with the company filled in');
    expect(lines).toContain('/rejected Acme - Designer  Start with the company and the role filled in');
    expect(lines).toContain('/rejected help  Show this message');
    expect(message.text).toContain('/rejected');
    expect(validateMessage(message)).toEqual([]);
  });
});

describe('failure texts', () => {
  it('are short, and the save failure says the answers are still there', () => {
    expect(errors.SAVE_FAILED_TEXT).toContain('your answers are still here');
    expect(errors.storeDownText()).toBe(errors.SAVE_FAILED_TEXT);
    expect(errors.alreadyFinishedText()).toBe(errors.ALREADY_FINISHED_TEXT);
    for (const text of [
      errors.SAVE_FAILED_TEXT,
      errors.OPEN_FAILED_TEXT,
      errors.CLOSE_SAVE_FAILED_TEXT,
      errors.ALREADY_FINISHED_TEXT,
    ]) {
      expect(text.length).toBeLessThanOrEqual(150);
      expect(validateMessage({ text })).toEqual([]);
    }
  });
});
