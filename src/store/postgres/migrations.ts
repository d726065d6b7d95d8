// PostgreSQL schema, as ordered versioned steps. Released steps are never edited: add a new
// one. Times are epoch milliseconds (BIGINT) set from the app's clock, never the server's
// now(); enterprise_id is '' outside Enterprise Grid.

import type { Migration } from '../migrations.js';

export const postgresMigrationsTable = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
  )`;

/** Any fixed key: concurrent `migrate()` calls queue on it for the length of their transaction. */
export const postgresMigrationLock = 'SELECT pg_advisory_xact_lock(726601904001)';

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create_rejections',
    sql: `
      CREATE TABLE rejections (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        status TEXT NOT NULL,
        step SMALLINT NOT NULL,
        answers TEXT NOT NULL,
        company TEXT,
        role TEXT,
        stage TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        completed_at BIGINT
      );
      -- One user's drafts (latest first) and completed list.
      CREATE INDEX rejections_by_user ON rejections (team_id, enterprise_id, user_id, status, updated_at);`,
  },
  {
    version: 2,
    name: 'create_follow_ups',
    sql: `
      CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY,
        rejection_id TEXT NOT NULL REFERENCES rejections (id),
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until BIGINT,
        last_error TEXT,
        channel_id TEXT,
        message_ts TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        sent_at BIGINT
      );
      -- The claim's two range scans: pending by due time, sending by lease expiry. Partial, so
      -- sent and failed rows (the bulk over time) are not in them at all.
      CREATE INDEX follow_ups_pending_due ON follow_ups (due_at, id) WHERE status = 'pending';
      CREATE INDEX follow_ups_sending_lease ON follow_ups (lease_until) WHERE status = 'sending';
      CREATE INDEX follow_ups_by_user ON follow_ups (team_id, enterprise_id, user_id, due_at);
      CREATE INDEX follow_ups_by_rejection ON follow_ups (rejection_id);`,
  },
  {
    version: 3,
    name: 'create_user_profiles',
    sql: `
      CREATE TABLE user_profiles (
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        tz TEXT,
        tz_fetched_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, enterprise_id, user_id)
      );`,
  },
  {
    version: 4,
    name: 'create_rejection_entries',
    sql: `
      CREATE TABLE rejection_entries (
        id TEXT PRIMARY KEY,
        rejection_id TEXT NOT NULL REFERENCES rejections (id),
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      -- One rejection's entries in the order they were written.
      CREATE INDEX rejection_entries_by_rejection ON rejection_entries (rejection_id, created_at);`,
  },
  {
    version: 5,
    name: 'create_uninstalled_teams',
    sql: `
      -- Workspaces (or Grid orgs, team_id '') that uninstalled Rebound, and since when: their
      -- data is deleted once the retention period has passed, unless they install again.
      CREATE TABLE uninstalled_teams (
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        uninstalled_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, enterprise_id)
      );
      -- One person's entries across rejections: App Home, export and delete.
      CREATE INDEX rejection_entries_by_user ON rejection_entries (team_id, enterprise_id, user_id, created_at);`,
  },
  {
    version: 6,
    name: 'create_processed_events',
    sql: `
      -- Event ids already handled, so a retried delivery is acknowledged and ignored.
      CREATE TABLE processed_events (
        event_id TEXT PRIMARY KEY,
        received_at BIGINT NOT NULL
      );
      CREATE INDEX processed_events_by_time ON processed_events (received_at);`,
  },
  {
    version: 7,
    name: 'create_installations',
    sql: `
      -- One Slack installation per workspace, or per org for an org-wide install (team_id '').
      -- The installation (tokens included) is sealed by the app with AES-256-GCM.
      CREATE TABLE installations (
        enterprise_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        sealed TEXT NOT NULL,
        installed_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (enterprise_id, team_id)
      );
      -- OAuth state values already redeemed, kept until they would have expired anyway.
      CREATE TABLE oauth_states_used (
        state_id TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX oauth_states_used_by_expiry ON oauth_states_used (expires_at);`,
  },
  {
    version: 8,
    name: 'follow_up_send_started_and_retrying_since',
    sql: `
      -- When a post of this follow-up was first attempted: the "was it already posted?" lookup
      -- starts there (less a skew margin), and a follow-up never attempted needs no lookup.
      -- Rows that may have been attempted before this step get their creation time, the
      -- earliest a post could have been.
      ALTER TABLE follow_ups ADD COLUMN send_started_at BIGINT;
      UPDATE follow_ups SET send_started_at = created_at
        WHERE attempts > 0 AND status IN ('pending', 'sending');
      -- When delivery first failed (rate limits aside): the job gives up a day or so after it.
      ALTER TABLE follow_ups ADD COLUMN retrying_since BIGINT;`,
  },
  {
    version: 10,
    name: 'create_feedback_notes',
    sql: `
      -- The feedback notes drafted for a finished rejection (one per audience), and when the
      -- person marked each one sent: only notes marked sent can count as answered.
      CREATE TABLE feedback_notes (
        id TEXT PRIMARY KEY,
        rejection_id TEXT NOT NULL REFERENCES rejections (id),
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        audience TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        sent_at BIGINT
      );
      CREATE UNIQUE INDEX feedback_notes_by_rejection ON feedback_notes (rejection_id, audience);
      CREATE INDEX feedback_notes_by_user ON feedback_notes (team_id, enterprise_id, user_id, created_at);`,
  },
  {
    version: 14,
    name: 'create_user_settings_and_uploads',
    sql: `
      -- What each person chose about their privacy (Home): details in notifications, and
      -- whether they search while employed here (NULL until they answered).
      CREATE TABLE user_settings (
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        show_details INTEGER NOT NULL,
        employed_here INTEGER,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, enterprise_id, user_id)
      );
      -- Files Rebound uploaded to a person's DM (exports), so delete can remove them from Slack.
      CREATE TABLE user_uploads (
        file_id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        uploaded_at BIGINT NOT NULL
      );
      CREATE INDEX user_uploads_by_user ON user_uploads (team_id, enterprise_id, user_id);`,
  },
  {
    version: 17,
    name: 'purge_in_batches',
    sql: `
      -- The retention purge claims a team before deleting it in batches (data-retention.ts).
      ALTER TABLE uninstalled_teams ADD COLUMN purge_claimed_until BIGINT;
      -- Deleting a whole Grid org (an org-wide install) finds its rows by enterprise alone;
      -- rows outside Grid (enterprise_id '') are left out of these indexes.
      CREATE INDEX rejections_by_enterprise ON rejections (enterprise_id) WHERE enterprise_id <> '';
      CREATE INDEX follow_ups_by_enterprise ON follow_ups (enterprise_id) WHERE enterprise_id <> '';
      CREATE INDEX rejection_entries_by_enterprise ON rejection_entries (enterprise_id) WHERE enterprise_id <> '';
      CREATE INDEX user_profiles_by_enterprise ON user_profiles (enterprise_id) WHERE enterprise_id <> '';`,
  },
  {
    version: 18,
    name: 'create_shares',
    sql: `
      -- Notes a person chose to share with someone, so Stop sharing and /rejected delete can
      -- remove them from the recipient's DM. Which parts went in, never the note's text.
      CREATE TABLE shares (
        id TEXT PRIMARY KEY,
        rejection_id TEXT NOT NULL REFERENCES rejections (id),
        team_id TEXT NOT NULL,
        enterprise_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        recipient_id TEXT NOT NULL,
        parts TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        message_ts TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX shares_by_user ON shares (team_id, enterprise_id, user_id, created_at);
      CREATE INDEX shares_by_rejection ON shares (rejection_id);`,
  },
  {
    version: 19,
    name: 'remember_home_opened',
    sql: `
      -- When the person first opened Rebound's Home: a Home nobody has opened is not
      -- published after every change (Slack asks for it on their first visit).
      ALTER TABLE user_profiles ADD COLUMN home_opened_at BIGINT;`,
  },
  {
    version: 20,
    name: 'open_draft_without_sorting',
    sql: `
      -- Every /rejected looks up the person's open draft, newest first with two tie-breakers;
      -- with those in the index it is read in index order, without a sort.
      DROP INDEX rejections_by_user;
      CREATE INDEX rejections_by_user
        ON rejections (team_id, enterprise_id, user_id, status, updated_at, created_at, id);`,
  },
];
