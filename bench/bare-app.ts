// The bare Bolt app Rebound is measured against: the least an app can do for `/rejected` —
// ack, then views.open of a one-input modal. Same Bolt version and receiver as Rebound
// (HTTPReceiver in HTTP mode, Bolt's SocketModeReceiver in Socket Mode), run in its own
// process by bench/app-process.ts. Settings come from the same variables Rebound reads.

import { App, type CustomRoute, HTTPReceiver, LogLevel } from '@slack/bolt';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`bare app: ${name} is not set`);
  return value;
};

const socketMode = Boolean(process.env.SLACK_APP_TOKEN);
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

app.command('/rejected', async ({ ack, client, command }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: 'modal',
      callback_id: 'bare_rejected',
      title: { type: 'plain_text', text: 'Rejected' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [
        {
          type: 'input',
          block_id: 'company',
          label: { type: 'plain_text', text: 'Company' },
          element: { type: 'plain_text_input', action_id: 'company' },
        },
      ],
    },
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
