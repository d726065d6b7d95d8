// A three-step modal routine registered on a bare Bolt app, shaped like Rebound's: `/demo` opens step 1,
// each submission answers `response_action: update` (or `errors`), Back uses views.update with the hash,
// the last step closes the modal and DMs a summary.

import type { App } from '@slack/bolt';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export const DEMO_STEPS = 3;

export function demoStep(step: number, initialAnswer?: string) {
  return {
    type: 'modal' as const,
    callback_id: `demo_step_${step}`,
    title: plain(`Step ${step} of ${DEMO_STEPS}`),
    submit: plain(step === DEMO_STEPS ? 'Finish' : 'Next'),
    close: plain('Cancel'),
    notify_on_close: true,
    private_metadata: JSON.stringify({ step }),
    blocks: [
      {
        type: 'input' as const,
        block_id: `answer_${step}`,
        label: plain(`Answer ${step}`),
        element: {
          type: 'plain_text_input' as const,
          action_id: 'value',
          max_length: 200,
          ...(initialAnswer ? { initial_value: initialAnswer } : {}),
        },
      },
      {
        type: 'input' as const,
        block_id: 'mood',
        optional: true,
        label: plain('Mood'),
        element: {
          type: 'static_select' as const,
          action_id: 'value',
          options: [
            { text: plain('Good'), value: 'good' },
            { text: plain('Low'), value: 'low' },
          ],
        },
      },
      ...(step > 1
        ? [
            {
              type: 'actions' as const,
              block_id: 'nav',
              elements: [
                { type: 'button' as const, action_id: 'back', text: plain('Back'), value: String(step) },
              ],
            },
          ]
        : []),
    ],
  };
}

export interface DemoRecorder {
  /** Each submission's step and typed answer, in order. */
  submissions: Array<{ step: number; answer: string | null; mood: string | null }>;
  /** views.update results from the Back button. */
  backResults: Array<{ ok: boolean; error?: string }>;
  closed: Array<{ callbackId: string; isCleared: boolean }>;
}

function stepOf(privateMetadata: string): number {
  const parsed: unknown = JSON.parse(privateMetadata);
  return typeof parsed === 'object' && parsed !== null && 'step' in parsed ? Number(parsed.step) : 0;
}

function errorCode(error: unknown): string {
  const data = typeof error === 'object' && error !== null && 'data' in error ? error.data : undefined;
  return typeof data === 'object' && data !== null && 'error' in data ? String(data.error) : String(error);
}

export function registerDemoRoutine(app: App): DemoRecorder {
  const recorder: DemoRecorder = { submissions: [], backResults: [], closed: [] };

  app.command('/demo', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: demoStep(1, body.text || undefined) });
  });

  app.view(/^demo_step_\d$/, async ({ ack, view, body, client }) => {
    const step = stepOf(view.private_metadata);
    const answer = view.state.values[`answer_${step}`]?.value?.value ?? null;
    const mood = view.state.values.mood?.value?.selected_option?.value ?? null;
    recorder.submissions.push({ step, answer, mood });
    if (answer === 'bad') {
      await ack({ response_action: 'errors', errors: { [`answer_${step}`]: 'Try a different answer' } });
      return;
    }
    if (step < DEMO_STEPS) {
      await ack({ response_action: 'update', view: demoStep(step + 1) });
      return;
    }
    await ack();
    await client.chat.postMessage({ channel: body.user.id, text: 'Routine done' });
  });

  app.action('back', async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || body.view === undefined) return;
    const step = stepOf(body.view.private_metadata);
    try {
      await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: demoStep(step - 1) });
      recorder.backResults.push({ ok: true });
    } catch (error) {
      recorder.backResults.push({ ok: false, error: errorCode(error) });
    }
  });

  app.view({ callback_id: /^demo_step_\d$/, type: 'view_closed' }, async ({ ack, view, body }) => {
    await ack();
    recorder.closed.push({
      callbackId: view.callback_id,
      isCleared: 'is_cleared' in body && body.is_cleared === true,
    });
  });

  return recorder;
}
