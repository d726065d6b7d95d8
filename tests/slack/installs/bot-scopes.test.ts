import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../../src/slack/installs/bot-scopes.js';

/** The `bot:` list under oauth_config.scopes in manifest.yml (no YAML parser needed for it). */
function manifestBotScopes(): string[] {
  const manifest = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');
  const list = /\n {4}bot:\n((?: {6}- .+\n)+)/.exec(manifest)?.[1] ?? '';
  return list
    .split('\n')
    .map((line) => line.replace(/^\s*-\s*/, '').replace(/\s*#.*$/, ''))
    .filter(Boolean);
}

describe('bot scopes', () => {
  it('asks installers for exactly the scopes manifest.yml gives the app', () => {
    expect(manifestBotScopes()).not.toHaveLength(0);
    expect([...BOT_SCOPES].sort()).toEqual(manifestBotScopes().sort());
  });
});
