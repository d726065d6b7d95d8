// `/rejected help`: what Rebound does and every way to call it, shown only to the asker.
// A near-miss ("/rejected lsit") gets the same help, led by the command it probably meant.

import { type KnownBlock, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import { Command } from '../platform/ids.js';
import type { Subcommand } from './command-text.js';

export function buildHelpMessage(suggestion: Subcommand | null = null): {
  text: string;
  blocks: KnownBlock[];
} {
  const command = Command.rejected;
  const guess = suggestion ? [mrkdwnSection(`Did you mean \`${command} ${suggestion}\`?`)] : [];
  return {
    text: suggestion
      ? `Did you mean ${command} ${suggestion}? Type ${command} help to see everything.`
      : `Rebound helps you turn a job rejection into a next step. Type ${command} to begin.`,
    blocks: [
      ...guess,
      mrkdwnSection(
        '*Rebound* helps you turn a job rejection into a next step: ' +
          'ask for feedback, reflect, tweak your search and take the lesson with you. Four short steps.',
      ),
      mrkdwnSection(
        [
          `\`${command}\`  Start, or pick up where you left off`,
          `\`${command} Acme\`  Start with the company filled in`,
          `\`${command} Acme - Designer\`  Start with the company and the role filled in`,
          `\`${command} list\`  Your rejections at a glance`,
          `\`${command} prep\`  Your lessons, strengths and feedback, for the night before an interview`,
          `\`${command} export\`  Everything Rebound keeps for you, as a file in your DM`,
          `\`${command} delete\`  Delete everything Rebound keeps for you`,
          `\`${command} help\`  Show this message`,
        ].join('\n'),
      ),
      mrkdwnContext(':lock: Your answers are private. Only you see them, here and on Rebound’s Home tab.'),
    ],
  };
}
