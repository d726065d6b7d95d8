import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';

/** Event listeners (App Home, uninstall) arrive with their issues; nothing to register yet. */
export function register(_app: App, _deps: ListenerDeps): void {}
