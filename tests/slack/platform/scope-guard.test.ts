// The guard in front of every listener: a person this installation serves goes on to the
// listeners with their scope kept; anyone else is answered on the surface they used (the
// command's ephemeral, the form itself, a modal for a click) and no listener runs.

import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { scopeFromContext } from '../../../src/slack/platform/scope.js';
import { guardScopes, OTHER_WORKSPACE_TEXT } from '../../../src/slack/platform/scope-guard.js';

const logger = { info: vi.fn(), warn: vi.fn() } as never;

function run(body: Record<string, unknown>, context: Record<string, unknown>) {
  const ack = vi.fn(async () => {});
  const next = vi.fn(async () => {});
  const open = vi.fn(async (_args: { trigger_id: string; view: string }) => ({ ok: true }));
  const respond = vi.fn(async () => ({}));
  const args = { body, context, next, ack, respond, client: { views: { open } } };
  return {
    args,
    ack,
    next,
    open,
    respond,
    done: guardScopes({ logger })(args as unknown as AnyMiddlewareArgs & AllMiddlewareArgs),
  };
}

const alpha = { teamId: 'TA', isEnterpriseInstall: false };
const beasClick = { user: { id: 'UB', team_id: 'TB' }, team: { id: 'TA' } };

describe('the scope guard', () => {
  it('lets a person of the installation through, with their scope on the context', async () => {
    const context = { ...alpha, userId: 'UA' };
    const { next, ack, done } = run({ type: 'block_actions', user: { id: 'UA', team_id: 'TA' } }, context);
    await done;
    expect(next).toHaveBeenCalledOnce();
    expect(ack).not.toHaveBeenCalled();
    expect(scopeFromContext(context as never)).toEqual({ teamId: 'TA', enterpriseId: null, userId: 'UA' });
  });

  it('answers another workspace’s person on the surface they used, and runs no listener', async () => {
    const context = { ...alpha, userId: 'UB' };
    const click = run({ type: 'block_actions', trigger_id: 'trig', ...beasClick }, context);
    await click.done;
    expect(click.ack).toHaveBeenCalledWith();
    expect(click.open).toHaveBeenCalledWith({ trigger_id: 'trig', view: expect.any(String) });
    expect(JSON.parse(click.open.mock.calls[0]?.[0].view ?? '')).toMatchObject({
      callback_id: 'other_workspace',
    });

    const form = run(
      { type: 'view_submission', ...beasClick, view: { app_installed_team_id: 'TA' } },
      context,
    );
    await form.done;
    expect(form.ack).toHaveBeenCalledWith({
      response_action: 'update',
      view: expect.objectContaining({
        blocks: [expect.objectContaining({ text: expect.objectContaining({ text: OTHER_WORKSPACE_TEXT }) })],
      }),
    });

    const noTrigger = run({ type: 'block_actions', response_url: 'https://hooks', ...beasClick }, context);
    await noTrigger.done;
    expect(noTrigger.respond).toHaveBeenCalledWith({
      response_type: 'ephemeral',
      text: OTHER_WORKSPACE_TEXT,
    });

    const closed = run({ type: 'view_closed', ...beasClick, view: { app_installed_team_id: 'TA' } }, context);
    await closed.done;
    expect(closed.ack).toHaveBeenCalledWith();
    expect(closed.open).not.toHaveBeenCalled();

    for (const ran of [click, form, noTrigger, closed]) expect(ran.next).not.toHaveBeenCalled();
  });

  it('leaves a payload naming no team to the listeners, which refuse it', async () => {
    const { next, done } = run({ type: 'block_actions' }, { isEnterpriseInstall: false, userId: 'U1' });
    await done;
    expect(next).toHaveBeenCalledOnce();
  });
});
