import { describe, expect, it } from 'vitest';
import { parseRejectedCommand } from '../../../src/slack/command/command-text.js';

describe('parseRejectedCommand', () => {
  it.each([
    ['', { kind: 'start' }],
    ['   ', { kind: 'start' }],
    ['Acme Corp', { kind: 'start', company: 'Acme Corp' }],
    ['  Lyft  ', { kind: 'start', company: 'Lyft' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['list', { kind: 'list' }],
    ['export', { kind: 'export' }],
    ['prep', { kind: 'prep' }],
    ['delete', { kind: 'delete' }],
    ['list of things', { kind: 'start', company: 'list of things' }],
    ['start List', { kind: 'start', company: 'List' }],
    ['start', { kind: 'start' }],
  ])('reads %j', (text, expected) => {
    expect(parseRejectedCommand(text)).toEqual(expected);
  });

  it.each([
    ['Acme - Product designer', { company: 'Acme', role: 'Product designer' }],
    ['Acme – Product designer', { company: 'Acme', role: 'Product designer' }],
    ['Acme — Product designer', { company: 'Acme', role: 'Product designer' }],
    ['Acme, Product designer', { company: 'Acme', role: 'Product designer' }],
    ['Product designer at Acme', { company: 'Acme', role: 'Product designer' }],
    ['Product designer AT Acme Corp', { company: 'Acme Corp', role: 'Product designer' }],
    ['start Acme - Designer', { company: 'Acme', role: 'Designer' }],
    // Ambiguous or incomplete: the whole text is the company, the role is left to the form.
    ['Acme, Inc.', { company: 'Acme, Inc.' }],
    ['Acme, Inc - Designer', { company: 'Acme, Inc - Designer' }],
    ['Designer at Acme - London', { company: 'Designer at Acme - London' }],
    ['Acme, Designer, London', { company: 'Acme, Designer, London' }],
    ['Designer at Acme at Night', { company: 'Designer at Acme at Night' }],
    ['Rolls-Royce', { company: 'Rolls-Royce' }],
    ['AT&T', { company: 'AT&T' }],
    ['Acme -', { company: 'Acme -' }],
    [', Designer', { company: ', Designer' }],
    ['Chat at', { company: 'Chat at' }],
  ])('reads the company and role in %j', (text, expected) => {
    expect(parseRejectedCommand(text)).toEqual({ kind: 'start', ...expected });
  });

  it('answers near-misses of a subcommand with a suggestion instead of starting a routine', () => {
    expect(parseRejectedCommand('lsit')).toEqual({ kind: 'unknown', word: 'lsit', suggestion: 'list' });
    expect(parseRejectedCommand('exprot')).toEqual({ kind: 'unknown', word: 'exprot', suggestion: 'export' });
    expect(parseRejectedCommand('perp')).toEqual({ kind: 'unknown', word: 'perp', suggestion: 'prep' });
    expect(parseRejectedCommand('delet')).toEqual({ kind: 'unknown', word: 'delet', suggestion: 'delete' });
    expect(parseRejectedCommand('--verbose')).toEqual({
      kind: 'unknown',
      word: '--verbose',
      suggestion: null,
    });
  });

  it('caps a company name at 100 characters without splitting an emoji', () => {
    const parsed = parseRejectedCommand(`${'😀'.repeat(150)}`);
    expect(parsed.kind === 'start' && Array.from(parsed.company ?? '')).toHaveLength(100);
  });
});
