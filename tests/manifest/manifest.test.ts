// manifest.yml against the limits Slack documents for each field it uses (manifest-rules.ts),
// and against the ids the listeners use. `npx tsx scripts/check-manifest.ts <schema.json>`
// also holds it to Slack's published schema file (slackapi/manifest-schema), not kept here.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateJsonSchema } from '../../devkit/json-schema.js';
import { parseManifestYaml } from '../../devkit/manifest-yaml.js';
import { ShortcutCallbackId } from '../../src/slack/platform/ids.js';
import { MANIFEST_RULES } from './manifest-rules.js';

const schema = MANIFEST_RULES;
const manifestText = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
const manifest = parseManifestYaml(manifestText) as {
  features: { shortcuts: { name: string; type: string; callback_id: string }[] };
  oauth_config: { scopes: { bot: string[] } };
};

describe('manifest.yml', () => {
  it('keeps within the limits Slack sets for each field it uses', () => {
    expect(validateJsonSchema(schema, manifest)).toEqual([]);
  });

  it('declares both shortcuts with the callback ids Rebound listens for', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        type: 'global',
        name: 'Log a rejection',
        callback_id: ShortcutCallbackId.logRejection,
      }),
      expect.objectContaining({ type: 'message', callback_id: ShortcutCallbackId.workThroughMessage }),
    ]);
  });

  it('needs no scope for shortcuts or sharing beyond the ones the app had', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      ['chat:write', 'commands', 'files:write', 'im:history', 'im:write', 'users:read'].sort(),
    );
  });

  it('would catch what Slack refuses: a long name, an unknown type, an unknown key, a short long description', () => {
    const broken = structuredClone(manifest) as unknown as Record<string, Record<string, unknown>>;
    const shortcuts = broken.features?.shortcuts as Record<string, unknown>[];
    shortcuts[1] = { ...shortcuts[1], name: 'Work through this rejection', type: 'channel' };
    broken.features = { ...broken.features, stickers: true };
    broken.display_information = { ...broken.display_information, long_description: 'Too short.' };
    expect(validateJsonSchema(schema, broken)).toEqual([
      expect.stringMatching(/^\/display_information\/long_description: shorter than 175/),
      expect.stringMatching(/^\/features\/shortcuts\/1\/name: longer than 24/),
      expect.stringMatching(/^\/features\/shortcuts\/1\/type: not one of/),
      expect.stringMatching(/^\/features: unknown property stickers/),
    ]);
  });

  it('reads the manifest the way a YAML parser does', () => {
    // The folded long description becomes one line; comments and quotes are gone.
    const parsed = parseManifestYaml(manifestText) as { display_information: Record<string, string> };
    expect(parsed.display_information.long_description).toMatch(
      /^Rebound walks you .* sends and deletes your export\.$/,
    );
    expect(parsed.display_information.background_color).toBe('#2c4a6b');
  });

  it('says what is stored, encrypted or not, who can see it and why each scope is needed', () => {
    const parsed = parseManifestYaml(manifestText) as { display_information: Record<string, string> };
    const long = parsed.display_information.long_description ?? '';
    for (const said of [
      'unencrypted',
      'AES-256-GCM',
      'export direct messages',
      '30 days',
      '/rejected delete',
    ])
      expect(long).toContain(said);
    for (const scope of manifest.oauth_config.scopes.bot) expect(long).toContain(scope);
    expect(long).toContain('users:read reads your profile');
  });
});
