// What a person reads around `/rejected export` and `/rejected delete`. Short and calm, and
// always says what happened to their data.

export const EXPORT_READY_TEXT =
  'Your export is in your DM with Rebound: a JSON file to take elsewhere and a journal to read, visible only to you.';

export const EXPORT_NEEDS_SCOPE_TEXT =
  'Rebound can’t send files in this workspace yet, so no export was made. It needs the `files:write` ' +
  'permission: whoever manages Slack apps here can add it by reinstalling Rebound.';

export const EXPORT_FAILED_TEXT =
  'We couldn’t put your export together just now. Nothing was shared. Please try `/rejected export` again in a moment.';

export const DELETE_OPEN_FAILED_TEXT =
  'We couldn’t open that just now. Nothing was deleted. Please try `/rejected delete` again in a moment.';

export const DELETE_FAILED_TEXT =
  'We couldn’t delete your data just now, so nothing was removed. Please close this and try `/rejected delete` again in a moment.';
