// Home's privacy section: the two settings save at once and Home is published again; "Delete
// my data" opens the same confirmation as `/rejected delete`.

import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RadioButtonsAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { PrivacySettings } from '../../domain/notification-text.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { PrivacyChoice } from '../platform/ids.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { buildDeleteConfirmView } from '../privacy/delete-modal.js';
import { publishHome } from './publish-home.js';

type RadioArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<RadioButtonsAction>>;
type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** The setting a radio value stands for; null for a value we never sent. */
export function settingFromChoice(value: unknown): Partial<PrivacySettings> | null {
  switch (value) {
    case PrivacyChoice.detailsOn:
      return { showDetails: true };
    case PrivacyChoice.detailsOff:
      return { showDetails: false };
    case PrivacyChoice.employedYes:
      return { employedHere: true };
    case PrivacyChoice.employedNo:
      return { employedHere: false };
    default:
      return null;
  }
}

export function homePrivacySettingCallback(deps: ListenerDeps) {
  return async ({ ack, action, client, context }: RadioArgs): Promise<void> => {
    await ack();
    const change = settingFromChoice(action.selected_option?.value);
    if (!change) return;
    const scope = scopeFromContext(context);
    try {
      await deps.store.savePrivacySettings(scope, change, deps.clock());
    } catch (error) {
      deps.logger.error('A privacy setting could not be saved from Home:', errorCode(error));
    }
    // Either way Home shows what is stored now.
    await publishHome(client, deps, scope);
  };
}

export function homeDeleteDataCallback(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: viewPayload(buildDeleteConfirmView()) });
    } catch (error) {
      deps.logger.warn('The delete confirmation did not open from Home:', errorCode(error));
    }
  };
}
