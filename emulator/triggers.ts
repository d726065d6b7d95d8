// trigger_ids: issued with every command and interaction, valid for a short time, usable once.

import { newTriggerId } from './ids.js';

export interface Trigger {
  id: string;
  userId: string;
  issuedAt: number;
  /** What produced it; a view_submission trigger should not be used to change the submitted view. */
  source: 'command' | 'block_actions' | 'view_submission' | 'shortcut' | 'message_action';
  used: boolean;
}

export type TriggerOutcome =
  | { ok: true; trigger: Trigger }
  | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

export class TriggerRegistry {
  private readonly triggers = new Map<string, Trigger>();

  constructor(private readonly ttlMs: number) {}

  issue(userId: string, source: Trigger['source']): string {
    const id = newTriggerId();
    this.triggers.set(id, { id, userId, issuedAt: Date.now(), source, used: false });
    return id;
  }

  /** Whom a trigger was issued to, without using it up. */
  ownerOf(id: unknown): string | undefined {
    return typeof id === 'string' ? this.triggers.get(id)?.userId : undefined;
  }

  /** Uses the trigger up; reports why Slack would refuse it. */
  exchange(id: string | undefined): TriggerOutcome {
    const trigger = id === undefined ? undefined : this.triggers.get(id);
    if (trigger === undefined) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - trigger.issuedAt > this.ttlMs) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, trigger };
  }
}
