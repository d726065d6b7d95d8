// `/rejected [company | list | export | delete | prep | help]`: routes each subcommand. Help (and
// anything that looks like a mistyped subcommand) is answered in the ack itself; starting
// the routine acknowledges at once and opens the modal well inside the trigger's 3 s.

import { prepCommand } from '../home/open-prep.js';
import type { ListenerDeps } from '../platform/deps.js';
import { OPEN_FAILED_TEXT } from '../platform/errors-message.js';
import { scopeFromContext } from '../platform/scope.js';
import { type CommandArgs, deleteCommand, exportCommand, listCommand } from '../privacy/commands.js';
import { openRoutine } from '../routine/open-routine.js';
import { parseRejectedCommand } from './command-text.js';
import { buildHelpMessage } from './help-message.js';

export function rejectedCommandCallback(deps: ListenerDeps) {
  const subcommands = {
    list: listCommand(deps),
    export: exportCommand(deps),
    delete: deleteCommand(deps),
    prep: prepCommand(deps),
  };
  return async (args: CommandArgs): Promise<void> => {
    const request = parseRejectedCommand(args.command.text);
    if (request.kind === 'help' || request.kind === 'unknown') {
      const suggestion = request.kind === 'unknown' ? request.suggestion : null;
      await args.ack({ response_type: 'ephemeral', ...buildHelpMessage(suggestion) });
      return;
    }
    if (request.kind === 'start') {
      await args.ack();
      await openRoutine({
        deps,
        client: args.client,
        scope: scopeFromContext(args.context),
        triggerId: args.command.trigger_id,
        company: request.company,
        role: request.role,
        // Nothing was typed yet, so say what did not happen and what to do, not "answers kept".
        onFailure: () => args.respond({ response_type: 'ephemeral', text: OPEN_FAILED_TEXT }).then(() => {}),
      });
    } else {
      await subcommands[request.kind](args);
    }
    await deps.teamInstalls.note(args.context);
  };
}
