import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIVACY_SETTINGS,
  type NotificationKind,
  notificationText,
} from '../../src/domain/notification-text.js';

const KINDS: NotificationKind[] = ['summary', 'reflect_follow_up', 'feedback_check', 'export', 'delete_done'];
const details = { company: 'Acme Corp', role: 'Designer', question: 'Have you tried it yet?' };

describe('notificationText', () => {
  it('names nothing by default, whatever the message', () => {
    for (const kind of KINDS) {
      const text = notificationText(kind, details, DEFAULT_PRIVACY_SETTINGS);
      expect(text).toMatch(/Rebound/);
      for (const detail of Object.values(details)) expect(text).not.toContain(detail);
    }
    expect(notificationText('reflect_follow_up', details, DEFAULT_PRIVACY_SETTINGS)).toBe(
      'Rebound has a check-in for you',
    );
  });

  it('with details on, names company, role and the question', () => {
    const on = { showDetails: true, employedHere: null };
    expect(notificationText('summary', details, on)).toBe('Your next steps after Acme Corp are ready.');
    expect(notificationText('reflect_follow_up', details, on)).toBe(
      'Checking in after Acme Corp. Have you tried it yet?',
    );
    expect(notificationText('feedback_check', details, on)).toBe(
      'Did you hear back from Acme Corp about the Designer role?',
    );
    expect(notificationText('feedback_check', {}, on)).toBe('Did you hear back?');
    // Delete and errors name nothing either way.
    expect(notificationText('delete_done', details, on)).toBe('Rebound: your data is deleted');
  });
});
