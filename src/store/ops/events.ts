// Event ids already handled: Slack retries a delivery it thinks failed, and several app
// instances may each receive a copy, so the store (not memory) decides which one runs.

import type { Operation } from '../driver.js';
import { toMillis } from '../rows.js';

/** True the first time an event id is seen; false for every repeat. */
export function* recordEventOnce(eventId: string, now: Date): Operation<boolean> {
  const rows = yield {
    sql: `INSERT INTO processed_events (event_id, received_at) VALUES (?, ?)
          ON CONFLICT (event_id) DO NOTHING
          RETURNING event_id`,
    params: [eventId, toMillis(now)],
  };
  return rows.length > 0;
}

/** Forgets one id, so a repeat of it is handled (its first handling failed); true if it was there. */
export function* forgetEvent(eventId: string): Operation<boolean> {
  const rows = yield {
    sql: 'DELETE FROM processed_events WHERE event_id = ? RETURNING event_id',
    params: [eventId],
  };
  return rows.length > 0;
}

/** Forgets ids received before `before` (Slack stops retrying within minutes); returns how many. */
export function* purgeRecordedEvents(before: Date): Operation<number> {
  const rows = yield {
    sql: 'DELETE FROM processed_events WHERE received_at < ? RETURNING event_id',
    params: [toMillis(before)],
  };
  return rows.length;
}
