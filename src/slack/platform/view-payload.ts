// A view goes to Slack's views.* methods as the JSON string the Web API takes for `view`,
// serialized here once. The bytes on the wire are the same either way (the WebClient posts a
// form and serializes an object itself), but handed an object the WebClient first copies it
// key by key and serializes the copy for a debug line it then drops: on a 5 KB modal about a
// tenth of a views.open's CPU (BENCHMARKS.md, issue 17).

import type { types } from '@slack/bolt';

/** `view` for views.open / push / update / publish. */
export function viewPayload(view: types.ModalView | types.HomeView): types.View {
  // The WebClient's argument types name only the object form; Slack documents the string.
  return JSON.stringify(view) as unknown as types.View;
}
