// The one rule for whose workspace a request is, payload kind by payload kind. Each case is
// a payload as Slack sends it (docs/ARCHITECTURE.md, "Whose workspace is it") with the ids
// Bolt 5 puts on the context for it (App.ts buildSource, then the installation's ids).

import { describe, expect, it } from 'vitest';
import { deriveScopes, installationSource } from '../../../src/slack/platform/scope.js';

const plain = { enterpriseId: undefined, isEnterpriseInstall: false };

describe('the person and the workspace of a request', () => {
  it('scopes a slash command by its team, in and out of Grid', () => {
    const inGrid = deriveScopes(
      {
        command: '/rejected',
        team_id: 'T1',
        enterprise_id: 'E1',
        user_id: 'U1',
        is_enterprise_install: 'false',
      },
      { teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false, userId: 'U1' },
    );
    expect(inGrid).toEqual({
      person: { teamId: 'T1', enterpriseId: 'E1', userId: 'U1' },
      workspace: { teamId: 'T1', enterpriseId: 'E1' },
      served: true,
      former: null,
    });
  });

  it('scopes an org-wide install’s person by the org, wherever Bolt’s teamId points', () => {
    const org = { enterpriseId: 'E1', isEnterpriseInstall: true, userId: 'U1' };
    const person = { teamId: 'E1', enterpriseId: 'E1', userId: 'U1' };
    const workspace = { teamId: null, enterpriseId: 'E1' };
    const command = deriveScopes(
      {
        command: '/rejected',
        team_id: 'T5',
        enterprise_id: 'E1',
        user_id: 'U1',
        is_enterprise_install: 'true',
      },
      { ...org, teamId: 'T5' },
    );
    // An org-wide install's views carry the enterprise id as app_installed_team_id, and
    // Bolt takes it for context.teamId (bolt-js#1720); commands and Home name the workspace.
    const submission = deriveScopes(
      {
        type: 'view_submission',
        team: null,
        enterprise: { id: 'E1' },
        user: { id: 'U1', team_id: 'T5' },
        view: { app_installed_team_id: 'E1' },
        is_enterprise_install: true,
      },
      { ...org, teamId: 'E1' },
    );
    const homeOpened = deriveScopes(
      { type: 'event_callback', team_id: 'T5', event: { type: 'app_home_opened', user: 'U1' } },
      { ...org, teamId: 'T5' },
    );
    for (const scopes of [command, submission, homeOpened]) {
      expect(scopes).toMatchObject({ person, workspace, served: true });
    }
    // Older versions kept some rows under the workspace the payload named: a delete finds them.
    const former = { teamId: 'T5', enterpriseId: 'E1', userId: 'U1' };
    expect([command.former, submission.former, homeOpened.former]).toEqual([former, former, null]);
  });

  it('does not serve a member of another workspace clicking the host’s message or modal (Slack Connect)', () => {
    // block_actions on Alpha's message: `team` is the message's workspace (Bolt's teamId).
    const onMessage = deriveScopes(
      {
        type: 'block_actions',
        team: { id: 'TA' },
        user: { id: 'UB', team_id: 'TB' },
        container: { type: 'message' },
      },
      { ...plain, teamId: 'TA', userId: 'UB' },
    );
    // view_submission in Alpha's modal: `team` is the person's, app_installed_team_id Alpha's.
    const submitted = deriveScopes(
      {
        type: 'view_submission',
        team: { id: 'TB' },
        user: { id: 'UB', team_id: 'TB' },
        view: { app_installed_team_id: 'TA' },
      },
      { ...plain, teamId: 'TA', userId: 'UB' },
    );
    // block_actions in Alpha's modal or Home: Bolt takes `team`, the person's workspace.
    const inView = deriveScopes(
      {
        type: 'block_actions',
        team: { id: 'TB' },
        user: { id: 'UB', team_id: 'TB' },
        view: { app_installed_team_id: 'TA' },
      },
      { ...plain, teamId: 'TB', userId: 'UB' },
    );
    for (const scopes of [onMessage, submitted, inView]) {
      expect(scopes).toMatchObject({ workspace: { teamId: 'TA', enterpriseId: null }, served: false });
    }
  });

  it('serves a member of another workspace through her own workspace’s copy', () => {
    const shortcut = deriveScopes(
      {
        type: 'message_action',
        team: { id: 'TB' },
        user: { id: 'UB', team_id: 'TB' },
        channel: { id: 'C0SHARED' },
      },
      { ...plain, teamId: 'TB', userId: 'UB' },
    );
    expect(shortcut).toMatchObject({
      person: { teamId: 'TB', userId: 'UB' },
      workspace: { teamId: 'TB' },
      served: true,
    });
  });

  it('takes an event’s person from event.user_team when it has one, else the installation', () => {
    const event = (inner: Record<string, unknown>) => ({
      type: 'event_callback',
      team_id: 'TA',
      event: inner,
    });
    const context = { ...plain, teamId: 'TA', userId: 'UB' };
    expect(deriveScopes(event({ type: 'app_home_opened', user: 'UB' }), context)).toMatchObject({
      person: { teamId: 'TA', userId: 'UB' },
      served: true,
    });
    expect(deriveScopes(event({ type: 'message', user: 'UB', user_team: 'TB' }), context)).toMatchObject({
      served: false,
    });
    expect(
      deriveScopes(event({ type: 'app_uninstalled' }), { ...plain, teamId: 'TA', userId: undefined }),
    ).toEqual({ person: null, workspace: { teamId: 'TA', enterpriseId: null }, served: true, former: null });
  });

  it('authorizes a click in a view with the installation whose view it is', () => {
    const body = { type: 'block_actions', team: { id: 'TB' }, view: { app_installed_team_id: 'TA' } };
    expect(installationSource({ teamId: 'TB', isEnterpriseInstall: false }, body)).toEqual({
      teamId: 'TA',
      isEnterpriseInstall: false,
    });
    const org = { teamId: 'T5', enterpriseId: 'E1', isEnterpriseInstall: true };
    expect(installationSource(org, { view: { app_installed_team_id: 'E1' } })).toBe(org);
    const command = { teamId: 'TB', isEnterpriseInstall: false };
    expect(installationSource(command, { team_id: 'TB' })).toBe(command);
  });
});
