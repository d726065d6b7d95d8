// The workspaces the app is (or may be) installed in, and which bot token belongs to which.
// The emulator's own team (options.teamId) starts installed with options.botToken; others
// are installed through OAuth: authorize() stands in for an admin approving the app on
// Slack's authorize page and hands out a single-use code, which oauth.v2.access exchanges
// for that team's bot token. An uninstall revokes the token.
//
// With token rotation on (the app's token_rotation_enabled), an install hands out a bot
// token that expires (Slack: after 12 h) and a refresh token; oauth.v2.access with
// grant_type=refresh_token trades a refresh token, once, for a new pair. An expired token
// is refused with token_expired; a token replaced by a refresh still works until it expires.

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
  /**
   * An Enterprise Grid org-wide install: `id` is the enterprise id, and the one bot token
   * serves every workspace of the org that has no install of its own.
   */
  orgWide?: boolean;
}

export interface InstallGrant {
  team: TeamRecord;
  scopes: string[];
  /** The user who approved the install (Slack's authed_user). */
  userId: string;
}

export interface TokenRotation {
  /** How long an access token lives; Slack's is 43200 (12 h). */
  expiresInSeconds: number;
}

/** What an install or a refresh hands out (refreshToken and expiresIn only with rotation). */
export interface TokenGrant {
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number;
}

export class TeamRegistry {
  private readonly teams = new Map<string, TeamRecord>();
  /** Live bot tokens → their team id. */
  private readonly tokens = new Map<string, string>();
  private readonly revoked = new Set<string>();
  private readonly codes = new Map<string, InstallGrant & { used: boolean }>();
  /** Rotating tokens → when they expire (ms, by `now`). */
  private readonly expiries = new Map<string, number>();
  /** Refresh tokens → their team; each works once. */
  private readonly refreshTokens = new Map<string, { teamId: string; scopes: string[]; used: boolean }>();

  constructor(
    home: TeamSpec,
    homeToken: string,
    private readonly rotation: TokenRotation | null = null,
    private readonly now: () => number = Date.now,
  ) {
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

  /** Registers an Enterprise Grid org for an org-wide install (its id is the enterprise id). */
  ensureOrg(spec: { id: string; name?: string }): TeamRecord {
    const known = this.teams.get(spec.id);
    if (known) return known;
    const org = { id: spec.id, name: spec.name ?? `Org ${spec.id}`, enterpriseId: spec.id, orgWide: true };
    this.teams.set(org.id, org);
    return org;
  }

  /**
   * The installation that serves a person of `teamId` (in `enterpriseId`): their workspace's
   * own, else their org's org-wide install; undefined when the app is in neither.
   */
  servingInstall(teamId: string, enterpriseId: string | null): TeamRecord | undefined {
    if (this.tokenOf(teamId) !== undefined) return this.teams.get(teamId) ?? this.ensure({ id: teamId });
    if (enterpriseId === null) return undefined;
    const org = this.teams.get(enterpriseId);
    return org?.orgWide && this.tokenOf(org.id) !== undefined ? org : undefined;
  }

  /** The team a live bot token belongs to. */
  teamOfToken(token: string): TeamRecord | undefined {
    const teamId = this.tokens.get(token);
    return teamId === undefined ? undefined : this.teams.get(teamId);
  }

  isRevoked(token: string): boolean {
    return this.revoked.has(token);
  }

  /** A rotating token past its expiry (Slack: token_expired). */
  isExpired(token: string): boolean {
    const expiresAt = this.expiries.get(token);
    return expiresAt !== undefined && expiresAt <= this.now();
  }

  /** The team's newest bot token, if the app is installed there. */
  tokenOf(teamId: string): string | undefined {
    let newest: string | undefined;
    for (const [token, owner] of this.tokens) if (owner === teamId) newest = token;
    return newest;
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

  /**
   * Installing again keeps the team's token, as Slack does for the same bot scopes; with
   * rotation every install hands out a new pair.
   */
  install(teamId: string, scopes: string[] = []): TokenGrant {
    if (this.rotation) return this.rotatingGrant(teamId, scopes);
    const existing = this.tokenOf(teamId);
    if (existing) return { accessToken: existing };
    const token = `xoxb-${teamId}-${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, teamId);
    return { accessToken: token };
  }

  /** A refresh token's new pair, once; undefined for an unknown or used one (invalid_refresh_token). */
  refresh(
    refreshToken: string | undefined,
  ): { teamId: string; scopes: string[]; grant: TokenGrant } | undefined {
    const known = refreshToken === undefined ? undefined : this.refreshTokens.get(refreshToken);
    if (!known || known.used || !this.rotation) return undefined;
    known.used = true;
    return {
      teamId: known.teamId,
      scopes: known.scopes,
      grant: this.rotatingGrant(known.teamId, known.scopes),
    };
  }

  /** Revokes the team's bot tokens; returns the newest (undefined when the app was not installed there). */
  uninstall(teamId: string): string | undefined {
    const newest = this.tokenOf(teamId);
    if (newest === undefined) return undefined;
    for (const [token, owner] of this.tokens)
      if (owner === teamId) {
        this.tokens.delete(token);
        this.revoked.add(token);
      }
    for (const [refreshToken, owner] of this.refreshTokens)
      if (owner.teamId === teamId) this.refreshTokens.delete(refreshToken);
    return newest;
  }

  private rotatingGrant(teamId: string, scopes: string[]): TokenGrant {
    const { expiresInSeconds } = this.rotation as TokenRotation;
    const accessToken = `xoxe.xoxb-${teamId}-${randomBytes(12).toString('hex')}`;
    const refreshToken = `xoxe-1-${teamId}-${randomBytes(12).toString('hex')}`;
    this.tokens.set(accessToken, teamId);
    this.expiries.set(accessToken, this.now() + expiresInSeconds * 1000);
    this.refreshTokens.set(refreshToken, { teamId, scopes, used: false });
    return { accessToken, refreshToken, expiresIn: expiresInSeconds };
  }
}
