import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/platform/ids.js';
import { buildResumeView } from '../../../src/slack/routine/resume-draft-view.js';
import { createRejection, HOSTILE, type Json, LONG_ANSWERS } from '../fixtures.js';

const draft = createRejection({ status: 'draft', step: 2, completedAt: null });
const body = (view: Json): string => view.blocks[0].text.text;

describe('buildResumeView', () => {
  it('offers to pick up the draft, naming its company, role and step', () => {
    const view = buildResumeView({ draft }) as Json;
    expect(view.callback_id).toBe(CallbackId.resumeDraft);
    expect(view.submit).toBeUndefined();
    expect(body(view)).toContain('*Pick up where you left off?*');
    expect(body(view)).toContain(
      'the *Product designer* role at *Acme*, saved at step 2 of 4: Review and reflect.',
    );
    expect(validateView(view)).toEqual([]);
  });

  it('has Resume as the main button and Start fresh beside it', () => {
    const actions = (buildResumeView({ draft }) as Json).blocks.find(
      (block: Json) => block.block_id === BlockId.resumeActions,
    );
    expect(
      actions.elements.map((button: Json) => [button.action_id, button.text.text, button.style]),
    ).toEqual([
      [ActionId.resumeDraft, 'Resume', 'primary'],
      [ActionId.startFresh, 'Start fresh', undefined],
    ]);
  });

  it('carries only the draft id, and the company typed after /rejected when there is one', () => {
    expect(JSON.parse((buildResumeView({ draft }) as Json).private_metadata)).toEqual({ draftId: 'rej_123' });
    expect(JSON.parse((buildResumeView({ draft, prefillCompany: '   ' }) as Json).private_metadata)).toEqual({
      draftId: 'rej_123',
    });
    const view = buildResumeView({ draft, prefillCompany: ' Globex ' }) as Json;
    expect(JSON.parse(view.private_metadata)).toEqual({ draftId: 'rej_123', prefillCompany: 'Globex' });
    expect(body(view)).toContain('Or start fresh with *Globex*.');
  });

  it('caps the carried company at 100 characters without splitting an emoji', () => {
    const view = buildResumeView({ draft, prefillCompany: `${'😀'.repeat(60)}` }) as Json;
    expect(JSON.parse(view.private_metadata).prefillCompany).toBe('😀'.repeat(50));
  });

  it('escapes the draft names and copes with a draft that has none yet', () => {
    const hostile = buildResumeView({
      draft: { ...draft, answers: { company: HOSTILE } },
      prefillCompany: HOSTILE.repeat(10),
    }) as Json;
    expect(body(hostile)).toContain('for *&lt;!channel&gt; &lt;@U123&gt; &amp; co*');
    expect(body(hostile)).not.toMatch(/<!channel>|<@U123>/);
    expect(validateView(hostile)).toEqual([]);
    const empty = buildResumeView({ draft: { ...draft, step: 1, answers: {} } }) as Json;
    expect(body(empty)).toContain('You have a draft, saved at step 1 of 4: Get feedback.');
    expect(validateView(buildResumeView({ draft: { ...draft, answers: LONG_ANSWERS } }))).toEqual([]);
  });
});
