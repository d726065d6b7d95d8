// What app_uninstalled and tokens_revoked mean for distributed mode: the workspace's (or the
// org's) installation is deleted, so no request is authorized and no follow-up is sent with its
// token again. Kept apart from the listeners so whatever else an uninstall triggers (the
// retention of the team's data) can run beside it, in the same listener or its own.

import type { Logger } from '@slack/bolt';
import type { InstallationKey } from '../../store/store.js';
import { teamScopeFromContext } from '../platform/scope.js';
import { describeKey } from './installation-store.js';

export interface InstallationForgetter {
  /** Deletes the installation and drops any client holding its token; true if there was one. */
  forget(key: InstallationKey): Promise<boolean>;
}

/**
 * The installation an event is about (Bolt skips authorize for these events): the
 * workspace's scope, by the one rule in platform/scope.ts; null when it names none.
 */
export function uninstalledKey(context: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): InstallationKey | null {
  try {
    return teamScopeFromContext({ isEnterpriseInstall: false, ...context });
  } catch {
    return null;
  }
}

/** tokens_revoked matters only when it lists bot tokens: Rebound keeps no user tokens. */
export function revokesBotToken(event: { tokens?: { bot?: unknown } }): boolean {
  const bot = event.tokens?.bot;
  return Array.isArray(bot) && bot.length > 0;
}

/** No-op in single-workspace mode, where the token lives in the environment, not the store. */
export async function forgetInstallation(
  deps: { installations?: InstallationForgetter | undefined; logger: Logger },
  context: Parameters<typeof uninstalledKey>[0],
): Promise<void> {
  if (!deps.installations) return;
  const key = uninstalledKey(context);
  if (!key) {
    deps.logger.warn('An uninstall event named no team or org; nothing was deleted.');
    return;
  }
  const removed = await deps.installations.forget(key);
  deps.logger.info(
    removed
      ? `Rebound was uninstalled from ${describeKey(key)}: its installation was deleted.`
      : `Rebound was uninstalled from ${describeKey(key)}, which had no installation left.`,
  );
}
