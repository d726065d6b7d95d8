// The bare Bolt apps Rebound is measured against: the least an app can do for `/rejected` —
// ack, then views.open. BARE_VIEW picks the modal:
//   one-input   a one-input modal (295 bytes of JSON): the framework's own floor;
//   same-view   Rebound's own step 1 for the company typed, with the employed-here question
//               a new member gets, built per command by the same builder Rebound uses
//               (src/slack/routine/step-view.ts), so it follows the copy.
//               The fair floor: the modal's size costs the Web API client and Bolt about a
//               millisecond that no app code can remove. The targets are judged on this one.
// Same Bolt version and receiver as Rebound (HTTPReceiver in HTTP mode, Bolt's
// SocketModeReceiver in Socket Mode), run in its own process by bench/app-process.ts.
// Settings come from the same variables Rebound reads.

import { randomUUID } from 'node:crypto';
import { App, type CustomRoute, HTTPReceiver, LogLevel } from '@slack/bolt';
import { buildStepView } from '../src/slack/routine/step-view.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`bare app: ${name} is not set`);
  return value;
};

const socketMode = Boolean(process.env.SLACK_APP_TOKEN);
const sameView = process.env.BARE_VIEW === 'same-view';
const clientOptions = { slackApiUrl: env('SLACK_API_URL') };

const healthz: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

const app = socketMode
  ? new App({
      token: env('SLACK_BOT_TOKEN'),
      appToken: env('SLACK_APP_TOKEN'),
      socketMode: true,
      logLevel: LogLevel.INFO,
      clientOptions,
      installerOptions: { clientOptions },
    })
  : new App({
      token: env('SLACK_BOT_TOKEN'),
      logLevel: LogLevel.INFO,
      clientOptions,
      receiver: new HTTPReceiver({ signingSecret: env('SLACK_SIGNING_SECRET'), customRoutes: [healthz] }),
    });

const oneInput = {
  type: 'modal' as const,
  callback_id: 'bare_rejected',
  title: { type: 'plain_text' as const, text: 'Rejected' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'company',
      label: { type: 'plain_text' as const, text: 'Company' },
      element: { type: 'plain_text_input' as const, action_id: 'company' },
    },
  ],
};

/**
 * Rebound's step 1 as Rebound opens it for a new draft of a member who has not yet said
 * whether they search while employed here (every member the bench sends): a fresh id, the
 * company typed, and the question (issue 18 added it; 5.2 KB and 12 blocks, not 4.5 KB and 10).
 */
function reboundStepOne(text: string) {
  const company = text.trim();
  return buildStepView({
    step: 1,
    draftId: randomUUID(),
    unsaved: true,
    answers: company ? { company } : {},
    tz: null,
    now: new Date(),
    askEmployedHere: true,
  });
}

app.command('/rejected', async ({ ack, client, command }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: sameView ? reboundStepOne(command.text) : oneInput,
  });
});

if (socketMode) await app.start();
else await app.start({ port: Number(env('PORT')), host: '127.0.0.1' });
process.send?.({ type: 'ready' });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.stop();
  process.exit(0);
};
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());
