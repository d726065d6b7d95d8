// The workspaces the app is (or may be) installed in, and which bot token belongs to which.
// The emulator's own team (options.teamId) starts installed with options.botToken; others
// are installed through OAuth: authorize() stands in for an admin approving the app on
// Slack's authorize page and hands out a single-use code, which oauth.v2.access exchanges
// for that team's bot token. An uninstall revokes the token.

import { randomBytes } from 'node:crypto';

export interface TeamSpec {
  id: string;
  name?: string;
  enterpriseId?: string | null;
}

export interface TeamRecord {
  id: string;
  name: string;
  enterpriseId: string | null;
}

export interface InstallGrant {
  team: TeamRecord;
  scopes: string[];
  /** The user who approved the install (Slack's authed_user). */
  userId: string;
}

export class TeamRegistry {
  private readonly teams = new Map<string, TeamRecord>();
  /** Live bot tokens → their team id. */
  private readonly tokens = new Map<string, string>();
  private readonly revoked = new Set<string>();
  private readonly codes = new Map<string, InstallGrant & { used: boolean }>();

  constructor(home: TeamSpec, homeToken: string) {
    this.tokens.set(homeToken, this.ensure(home).id);
  }

  ensure(spec: TeamSpec): TeamRecord {
    const known = this.teams.get(spec.id);
    if (known) return known;
    const team = {
      id: spec.id,
      name: spec.name ?? `Workspace ${spec.id}`,
      enterpriseId: spec.enterpriseId ?? null,
    };
    this.teams.set(team.id, team);
    return team;
  }

  get(teamId: string): TeamRecord | undefined {
    return this.teams.get(teamId);
  }

  /** The team a live bot token belongs to. */
  teamOfToken(token: string): TeamRecord | undefined {
    const teamId = this.tokens.get(token);
    return teamId === undefined ? undefined : this.teams.get(teamId);
  }

  isRevoked(token: string): boolean {
    return this.revoked.has(token);
  }

  /** The team's live bot token, if the app is installed there. */
  tokenOf(teamId: string): string | undefined {
    for (const [token, owner] of this.tokens) if (owner === teamId) return token;
    return undefined;
  }

  issueCode(grant: InstallGrant): string {
    const code = `${Date.now()}.${randomBytes(12).toString('hex')}`;
    this.codes.set(code, { ...grant, used: false });
    return code;
  }

  /** A code works once; unknown and used codes get nothing (Slack: invalid_code). */
  redeemCode(code: string | undefined): InstallGrant | undefined {
    const grant = code === undefined ? undefined : this.codes.get(code);
    if (!grant || grant.used) return undefined;
    grant.used = true;
    return grant;
  }

  /** Installing again keeps the team's token, as Slack does for the same bot scopes. */
  install(teamId: string): string {
    const existing = this.tokenOf(teamId);
    if (existing) return existing;
    const token = `xoxb-${teamId}-${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, teamId);
    return token;
  }

  /** Revokes the team's bot token; returns it (undefined when the app was not installed there). */
  uninstall(teamId: string): string | undefined {
    const token = this.tokenOf(teamId);
    if (token === undefined) return undefined;
    this.tokens.delete(token);
    this.revoked.add(token);
    return token;
  }
}
