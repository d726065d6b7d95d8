import type { Logger } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import {
  forgetInstallation,
  revokesBotToken,
  uninstalledKey,
} from '../../../src/slack/installs/forget-installation.js';

const logger = { info: vi.fn(), warn: vi.fn(), debug: vi.fn(), error: vi.fn() } as unknown as Logger;

describe('forgetting an installation on uninstall', () => {
  it('names the workspace, the workspace in its org, or the org for an org-wide install', () => {
    expect(uninstalledKey({ teamId: 'T1' })).toEqual({ enterpriseId: null, teamId: 'T1' });
    expect(uninstalledKey({ teamId: 'T1', enterpriseId: 'E1' })).toEqual({
      enterpriseId: 'E1',
      teamId: 'T1',
    });
    expect(uninstalledKey({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: true })).toEqual({
      enterpriseId: 'E1',
      teamId: null,
    });
    expect(uninstalledKey({})).toBeNull();
  });

  it('only counts tokens_revoked that lists the bot', () => {
    expect(revokesBotToken({ tokens: { bot: ['UBOT'] } })).toBe(true);
    expect(revokesBotToken({ tokens: { bot: [] } })).toBe(false);
    expect(revokesBotToken({})).toBe(false);
  });

  it('deletes in distributed mode and does nothing with a single bot token', async () => {
    const forget = vi.fn(async () => true);
    await forgetInstallation({ installations: { forget }, logger }, { teamId: 'T1' });
    expect(forget).toHaveBeenCalledWith({ enterpriseId: null, teamId: 'T1' });
    await expect(forgetInstallation({ logger }, { teamId: 'T1' })).resolves.toBeUndefined();
    expect(forget).toHaveBeenCalledTimes(1);
  });
});
