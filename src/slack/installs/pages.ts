// The pages a person installing Rebound sees in their browser: the install page with its
// "Add to Slack" button, and what happened afterwards. Plain HTML, no scripts, nothing
// loaded from elsewhere; never a token, a secret or an error message from a library.

export interface Page {
  status: number;
  html: string;
}

/** Where "Add to Slack" starts the OAuth flow (Bolt's installer serves it). */
export const INSTALL_PATH = '/slack/install';

/**
 * Sent with every OAuth page: never cached (the install page carries a fresh state each
 * time), never framed by another site (clickjacking the "Add to Slack" button), never
 * sniffed as anything but HTML. The pages load nothing and run no script; their only style
 * is inline.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The state cookie with `SameSite=Lax`: sent on the top-level redirect back from Slack, never
 * on a request another site makes in the background. Bolt sets no SameSite of its own.
 */
export function withSameSiteLax(setCookie: string): string {
  return /;\s*samesite=/i.test(setCookie) ? setCookie : `${setCookie}; SameSite=Lax`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1d1c1d; background: #f8f8f8; margin: 0; }
  main { max-width: 34rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); }
  h1 { font-size: 1.5rem; margin-top: 0; color: #2c4a6b; }
  .button { display: inline-block; padding: 0.6rem 1.2rem; border-radius: 4px; background: #4a154b;
            color: #fff; font-weight: 600; text-decoration: none; }
  .reason { color: #616061; font-size: 0.875rem; }
  code { background: #f2f2f2; padding: 0 0.25rem; border-radius: 3px; }
</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

/** GET /slack/install: what Rebound does, what it may do in Slack, and the button. */
export function installPage(authorizeUrl: string): string {
  return layout(
    'Add Rebound to Slack',
    `<h1>Add Rebound to your Slack workspace</h1>
<p>Rebound turns a job rejection into a next step: <code>/rejected</code> walks you through four
short steps, and a few days later it checks in with a gentle follow-up.</p>
<p>What it may do in Slack, and why:</p>
<ul>
<li><code>commands</code>: add the <code>/rejected</code> command.</li>
<li><code>chat:write</code>, <code>im:write</code>: send each person their own direct messages.</li>
<li><code>users:read</code>: read people's profiles; Rebound keeps only the timezone, so check-ins come at a sensible hour.</li>
<li><code>im:history</code>: find its own DMs again, so a check-in is never sent twice and a person's delete can remove them.</li>
<li><code>files:write</code>: send a person their export, and delete it again when they delete their data.</li>
</ul>
<p>What it keeps, per person, in its own database: their rejections and answers, what they add
later, their check-ins, their privacy settings and their timezone. Everything they type is
encrypted (AES-256-GCM), kept until they delete it (unfinished drafts for 30 days), and shown
only to them, in modals, their DM with Rebound and its Home tab. Notifications name no company
or answer unless they turn details on.</p>
<p class="reason">What Rebound cannot protect: on some Slack plans, workspace owners can export
direct messages with apps. Someone searching for a job while employed here may prefer a personal
workspace.</p>
<p><a class="button" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>
<p class="reason">Slack asks you to confirm on the next page.</p>`,
  );
}

export interface InstalledWhere {
  teamId: string | null;
  teamName: string | null;
  enterpriseName: string | null;
  appId: string | null;
}

export function successPage(where: InstalledWhere): Page {
  const name = where.teamName ?? where.enterpriseName ?? 'your workspace';
  const openLinks =
    where.teamId && where.appId
      ? `<p><a class="button" href="slack://app?team=${encodeURIComponent(where.teamId)}&amp;id=${encodeURIComponent(where.appId)}">Open Rebound in Slack</a></p>
<p class="reason">Using Slack in a browser? <a href="https://app.slack.com/client/${encodeURIComponent(where.teamId)}">Open your workspace</a>.</p>`
      : '';
  return {
    status: 200,
    html: layout(
      'Rebound is installed',
      `<h1>Rebound is installed</h1>
<p>Rebound is now part of <strong>${escapeHtml(name)}</strong>.</p>
<p>Type <code>/rejected</code> in any channel or DM to start. Only you see Rebound's modals and messages.</p>
${openLinks}`,
    ),
  };
}

export type FailureKind =
  | 'denied'
  | 'bad_state'
  | 'no_code'
  | 'slack_refused'
  | 'misconfigured'
  | 'slack_unreachable'
  | 'not_saved'
  | 'unexpected';

const FAILURES: Record<FailureKind, { status: number; title: string; text: string }> = {
  denied: {
    status: 403,
    title: 'Rebound was not installed',
    text: 'You chose not to allow Rebound in Slack, so nothing was installed. Changed your mind?',
  },
  bad_state: {
    status: 400,
    title: 'This install link is no longer valid',
    text: 'It has expired, was already used, or was started in another browser, so nothing was installed. Start again from this browser:',
  },
  no_code: {
    status: 400,
    title: 'Slack did not finish the install',
    text: 'Slack sent you back without an approval, so nothing was installed. Start again:',
  },
  slack_refused: {
    status: 400,
    title: 'Slack did not accept the install',
    text: 'Slack refused to complete it (the approval may have expired or been used already), so nothing was installed. Start again:',
  },
  misconfigured: {
    status: 500,
    title: 'Rebound is not set up correctly',
    text: 'Slack did not accept Rebound’s app credentials, so nothing was installed. Please tell whoever runs Rebound: check SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and the redirect URL. Then start again:',
  },
  slack_unreachable: {
    status: 502,
    title: 'Slack could not be reached',
    text: 'Rebound could not reach Slack to finish the install, so nothing was installed. Please try again in a minute:',
  },
  not_saved: {
    status: 503,
    title: 'Rebound could not save the install',
    text: 'Its database did not answer, so the install was not kept. Please try again in a minute:',
  },
  unexpected: {
    status: 500,
    title: 'Something went wrong',
    text: 'The install did not complete and nothing was saved. Please try again:',
  },
};

/** `reason` is a short code (e.g. `invalid_code`) for whoever runs Rebound; it is sanitised here. */
export function failurePage(kind: FailureKind, reason: string): Page {
  const { status, title, text } = FAILURES[kind];
  const code = reason.replace(/[^a-z0-9_]/gi, '').slice(0, 64) || 'unknown';
  return {
    status,
    html: layout(
      title,
      `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
<p><a class="button" href="${INSTALL_PATH}">Add Rebound to Slack</a></p>
<p class="reason">Reason: <code>${code}</code></p>`,
    ),
  };
}
