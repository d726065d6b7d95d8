// `/rejected help`: what Rebound does and the three ways to call it, shown only to the asker.

import { Command } from '../ids.js';
import { type KnownBlock, mrkdwnContext, mrkdwnSection } from './block-kit.js';

export function buildHelpMessage(): { text: string; blocks: KnownBlock[] } {
  const command = Command.rejected;
  return {
    text: `Rebound helps you turn a job rejection into a next step. Type ${command} to begin.`,
    blocks: [
      mrkdwnSection(
        '*Rebound* helps you turn a job rejection into a next step: ' +
          'ask for feedback, reflect, tweak your search and take the lesson with you. Four short steps.',
      ),
      mrkdwnSection(
        [
          `\`${command}\`  Start, or pick up where you left off`,
          `\`${command} Acme\`  Start with the company filled in`,
          `\`${command} help\`  Show this message`,
        ].join('\n'),
      ),
      mrkdwnContext(':lock: Your answers are private. Only you see them.'),
    ],
  };
}
