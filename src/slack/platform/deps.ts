// What every listener may use. Passed in by the composition root, so tests can swap the
// clock and the store without touching Slack code.

import type { Logger } from '@slack/bolt';
import type { Store } from '../../store/store.js';
import type { InstallationForgetter } from '../installs/forget-installation.js';
import type { ProfileNames } from './profile-name.js';
import type { TeamInstalls } from './team-installed.js';
import type { TimeZones } from './time-zones.js';

export interface ListenerDeps {
  store: Store;
  /** The app's clock: the one source of "now" for listeners, jobs and the store. */
  clock: () => Date;
  /** Rebound's own logger (ids and codes only, never user text). */
  logger: Logger;
  /** This instance's cache of the people's timezones (users.info). */
  timeZones: TimeZones;
  /** This instance's memory of the people's profile names, to sign their notes (users.info). */
  profileNames: ProfileNames;
  /** This instance's memory of the workspaces confirmed installed. */
  teamInstalls: TeamInstalls;
  /** Distributed mode only: the per-workspace installations (absent with a single bot token). */
  installations?: InstallationForgetter;
  /** Whether typed answers are stored encrypted (a key is set), for Home's privacy line. */
  answersSealed?: boolean;
  /** Days an untouched draft is kept (DRAFT_EXPIRY_DAYS); the default when absent. */
  draftExpiryDays?: number;
  /** How long a follow-up DM already being posted may take to land (delete waits for it). */
  inFlightSendMs?: number;
  /**
   * Sends a stored, due follow-up now through the follow-up job (the routine's summary).
   * Never throws for Slack; if it cannot send, the job's next tick does. Absent: the tick does.
   */
  sendFollowUpNow?: (followUpId: string) => Promise<void>;
}
