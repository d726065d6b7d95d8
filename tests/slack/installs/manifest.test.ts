// manifest.yml against the display_information rules of Slack's manifest schema
// (slackapi/manifest-schema): name ≤ 35, description ≤ 140, long_description 175–4000,
// background_color #rgb or #rrggbb. Read without a YAML parser: the folded block scalar
// (`>-`) joins lines with spaces and keeps blank lines as line breaks, as YAML does.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');

function scalar(key: string): string {
  const match = new RegExp(`\\n {2}${key}: (.+)\\n`).exec(manifest);
  return (match?.[1] ?? '').replace(/^"(.*)"$/, '$1');
}

function longDescription(): string {
  const block = /\n {2}long_description: >-\n((?: {4}.*\n|\n)+)/.exec(manifest)?.[1] ?? '';
  return block
    .trimEnd()
    .split(/\n\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .join(' '),
    )
    .join('\n');
}

describe('manifest.yml', () => {
  it('fits the display_information rules of Slack’s manifest schema', () => {
    expect(scalar('name').length).toBeLessThanOrEqual(35);
    expect(scalar('description').length).toBeLessThanOrEqual(140);
    const long = longDescription();
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(scalar('background_color')).toMatch(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/);
  });

  it('says what is stored, encrypted or not, who can see it and why each scope is needed', () => {
    const long = longDescription();
    for (const said of [
      'unencrypted',
      'AES-256-GCM',
      'export direct messages',
      '30 days',
      '/rejected delete',
    ])
      expect(long).toContain(said);
    for (const scope of ['commands', 'chat:write', 'im:write', 'users:read', 'im:history', 'files:write'])
      expect(long).toContain(scope);
    expect(long).toContain('users:read reads your profile');
  });
});
