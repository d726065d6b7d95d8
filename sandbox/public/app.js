// The sandbox page: a small stand-in for Slack's client. It polls the sandbox for the workspace as the
// emulator holds it (modal stack, DMs, ephemeral replies, Home tab, problems) and sends what the
// person does (a slash command, a submit, a click) to the emulator, which delivers it to the app.

import { collectValues, h, renderBlocks, renderMrkdwn, renderText } from './block-kit.js';
import { formatSlackDate } from './mrkdwn.js';

const POLL_MS = 400;
const HOUR = 3_600_000;

const $ = (id) => document.getElementById(id);

const ui = {
  selected: null,
  tab: 'messages',
  /** conversation id → how many of its items the person has seen */
  seen: {},
  /** conversation id → how many of its messages already popped up as a notification */
  notified: {},
  seenNotices: 0,
  seenProblems: 0,
  keys: {},
  modalViewId: null,
  offline: false,
};
let state = null;
let pollTimer = null;

// ---- talking to the sandbox ---------------------------------------------------------------------

async function api(path, body = {}, { quiet = false } = {}) {
  let answer;
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    answer = await response.json();
  } catch {
    answer = { ok: false, error: 'The sandbox is not answering. Is `npm run sandbox` still running?' };
  }
  if (!answer.ok && !quiet) toast(answer.error ?? 'Something went wrong.', 'error');
  await refresh();
  return answer;
}

async function refresh() {
  clearTimeout(pollTimer);
  try {
    const response = await fetch('/api/state', { cache: 'no-store' });
    const answer = await response.json();
    if (!answer.ok) throw new Error(answer.error);
    state = answer;
    setOffline(false);
    render();
  } catch {
    setOffline(true);
  }
  pollTimer = setTimeout(refresh, ui.offline ? 2000 : POLL_MS);
}

function setOffline(offline) {
  if (ui.offline === offline) return;
  ui.offline = offline;
  $('offline').hidden = !offline;
}

// ---- small helpers ------------------------------------------------------------------------------

function mrkdwnContext() {
  return {
    now: state.now,
    userNames: Object.fromEntries(state.people.map((person) => [person.id, person.name])),
  };
}

function renderContext(surface, extra = {}) {
  return {
    surface,
    mrkdwn: mrkdwnContext(),
    users: state.people,
    ...extra,
  };
}

function personName(id) {
  return state.people.find((person) => person.id === id)?.name ?? id;
}

/** The items of a shortcuts menu inside `details`; `run` sends the chosen one. */
function shortcutItems(shortcuts, details, run) {
  const menu = h('div', { className: 'bk-overflow-menu' }, [], { role: 'menu' });
  for (const shortcut of shortcuts) {
    const item = h(
      'button',
      { type: 'button', className: 'bk-overflow-item', textContent: shortcut.name },
      [],
      {
        role: 'menuitem',
      },
    );
    item.addEventListener('click', () => {
      details.open = false;
      run(shortcut);
    });
    menu.append(item);
  }
  return menu;
}

/** A ⋮-style menu of shortcuts, as Slack shows on a message. */
function shortcutMenu(label, summaryText, shortcuts, run) {
  const details = h('details', { className: 'bk-overflow shortcut-menu' }, [
    h('summary', { className: 'bk-button', textContent: summaryText }, [], { 'aria-label': label }),
  ]);
  details.append(shortcutItems(shortcuts, details, run));
  return details;
}

function when(ms, format) {
  return formatSlackDate(Math.floor(ms / 1000), format, { now: state.now });
}

function toast(text, kind = 'info') {
  const node = h('div', { className: `toast ${kind}`, textContent: text }, [], { role: 'status' });
  $('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 9000 : 5000);
}

/** Only re-renders a part when what it shows has changed, so typing and open menus survive polls. */
function changed(part, key) {
  if (ui.keys[part] === key) return false;
  ui.keys[part] = key;
  return true;
}

function confirmFirst(confirm) {
  if (!confirm) return Promise.resolve(true);
  const dialog = $('confirm');
  dialog.replaceChildren(
    h('form', { method: 'dialog', className: 'confirm' }, [
      h(
        'h2',
        {},
        renderText(confirm.title ?? { type: 'plain_text', text: 'Are you sure?' }, renderContext('modal')),
      ),
      renderText(confirm.text, renderContext('modal'), 'confirm-text'),
      h('div', { className: 'modal-footer' }, [
        h('button', { value: 'no', className: 'bk-button', textContent: confirm.deny?.text ?? 'Cancel' }),
        h('button', {
          value: 'yes',
          className: `bk-button ${confirm.style === 'danger' ? 'danger' : 'primary'}`,
          textContent: confirm.confirm?.text ?? 'Yes',
        }),
      ]),
    ]),
  );
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
  });
}

// ---- rendering ----------------------------------------------------------------------------------

function render() {
  ui.selected ??= state.conversations[0]?.id;
  renderSidebar();
  renderConversation();
  renderModal();
  renderProblems();
  renderNotices();
}

function itemsOf(conversationId) {
  const messages = (state.messages[conversationId] ?? []).map((message) => ({ kind: 'message', ...message }));
  const ephemerals = state.ephemerals
    .filter((ephemeral) => ephemeral.channel === conversationId)
    .map((ephemeral) => ({ kind: 'ephemeral', ...ephemeral }));
  return [...messages, ...ephemerals].sort((a, b) => a.at - b.at);
}

function renderSidebar() {
  $('clock-now').textContent = when(state.now, '{date_long} · {time}');
  $('user-tz').textContent = state.user.tz ?? 'not set';
  const viewing = (id) => id === ui.selected && !(ui.tab === 'home' && isApp(id));
  for (const conversation of state.conversations) {
    if (viewing(conversation.id)) ui.seen[conversation.id] = itemsOf(conversation.id).length;
    // What a phone's lock screen would show for a new message: its top-level text only.
    const messages = state.messages[conversation.id] ?? [];
    const before = ui.notified[conversation.id];
    if (before !== undefined && !viewing(conversation.id)) {
      for (const message of messages.slice(before)) {
        if (message.text) toast(`🔔 ${conversation.name}: ${message.text}`, 'notification');
      }
    }
    ui.notified[conversation.id] = messages.length;
  }
  const key = JSON.stringify([
    state.conversations,
    ui.selected,
    ui.seen,
    state.conversations.map((c) => itemsOf(c.id).length),
  ]);
  if (!changed('sidebar', key)) return;
  const entry = (conversation) => {
    const unread = itemsOf(conversation.id).length - (ui.seen[conversation.id] ?? 0);
    const button = h(
      'button',
      {
        type: 'button',
        className: `conversation-link${conversation.id === ui.selected ? ' selected' : ''}${unread > 0 ? ' unread' : ''}`,
      },
      [
        h('span', { className: 'sigil', textContent: conversation.kind === 'channel' ? '#' : '●' }),
        h('span', { className: 'name', textContent: conversation.name }),
        unread > 0
          ? h('span', { className: 'badge', textContent: String(unread) }, [], {
              'aria-label': `${unread} new`,
            })
          : null,
      ],
      { 'aria-current': conversation.id === ui.selected ? 'page' : null },
    );
    button.addEventListener('click', () =>
      select(conversation.id, conversation.kind === 'app' ? 'messages' : null),
    );
    return h('li', {}, button);
  };
  $('channels').replaceChildren(...state.conversations.filter((c) => c.kind === 'channel').map(entry));
  $('apps').replaceChildren(...state.conversations.filter((c) => c.kind === 'app').map(entry));
  $('peeks').replaceChildren(...state.conversations.filter((c) => c.kind === 'peek').map(entry));
}

function isApp(id) {
  return state.conversations.find((c) => c.id === id)?.kind === 'app';
}

function select(conversationId, tab) {
  ui.selected = conversationId;
  if (tab) ui.tab = tab;
  render();
  // Slack tells the app each time the person opens its Home or Messages tab.
  if (isApp(conversationId)) api('/api/home/open', { tab: ui.tab }, { quiet: true });
}

function renderConversation() {
  const conversation = state.conversations.find((c) => c.id === ui.selected);
  if (!conversation) return;
  const app = conversation.kind === 'app';
  const peek = conversation.kind === 'peek';
  const showHome = app && ui.tab === 'home';
  $('composer').hidden = peek;
  const headerKey = JSON.stringify([conversation, ui.tab]);
  if (changed('header', headerKey)) {
    $('conversation-title').replaceChildren(
      ...[
        app || peek ? null : h('span', { className: 'sigil', textContent: '#' }),
        conversation.name,
        app ? h('span', { className: 'app-badge', textContent: 'APP' }) : null,
      ].filter((node) => node !== null),
    );
    const tabs = app
      ? ['home', 'messages'].map((tab) => {
          const button = h(
            'button',
            { type: 'button', className: 'tab', textContent: tab === 'home' ? 'Home' : 'Messages' },
            [],
            {
              role: 'tab',
              'aria-selected': String(ui.tab === tab),
            },
          );
          button.addEventListener('click', () => select(conversation.id, tab));
          return button;
        })
      : [];
    $('tabs').replaceChildren(...tabs);
    $('composer-input').placeholder = app ? `Message ${conversation.name}` : `Message #${conversation.name}`;
  }
  $('messages').hidden = showHome;
  $('home').hidden = !showHome;
  if (showHome) renderHome();
  else renderMessages(conversation);
}

function renderMessages(conversation) {
  const items = itemsOf(conversation.id);
  const key = JSON.stringify([conversation.id, items, Math.floor(state.now / 60_000)]);
  if (!changed('messages', key)) return;
  const list = $('messages');
  const nodes = [];
  if (conversation.kind === 'channel') {
    nodes.push(
      h('div', { className: 'intro' }, [
        h('h2', { textContent: `This is the very beginning of #${conversation.name}` }),
        h('p', {}, [
          'Type ',
          h('code', { textContent: `${state.commands[0] ?? '/command'} Acme` }),
          ` below to start ${state.appName}'s routine. Whatever ${state.appName} sends back appears here, in its modals and in its DM.`,
        ]),
      ]),
    );
  }
  let lastDay = null;
  for (const item of items) {
    const day = when(item.at, '{date_num}');
    if (day !== lastDay) {
      nodes.push(
        h(
          'div',
          { className: 'day-divider' },
          h('span', { textContent: when(item.at, '{day_divider_pretty}') }),
        ),
      );
      lastDay = day;
    }
    nodes.push(renderMessage(item));
  }
  if (conversation.kind === 'peek') {
    nodes.unshift(
      h('div', { className: 'intro' }, [
        h('h2', { textContent: conversation.name }),
        h('p', {
          textContent: `What they see from ${state.appName}, read-only: a note you share with them arrives here, and leaves when you stop sharing.`,
        }),
      ]),
    );
  }
  if (items.length === 0 && conversation.kind !== 'channel') {
    nodes.push(h('p', { className: 'empty', textContent: `No messages from ${state.appName} yet.` }));
  }
  list.replaceChildren(...nodes);
  list.scrollTop = list.scrollHeight;
}

function renderMessage(item) {
  const fromSlackbot = item.kind === 'ephemeral' && item.from === 'slackbot';
  const fromPerson = item.kind === 'message' && item.user !== null;
  const name = fromSlackbot ? 'Slackbot' : fromPerson ? personName(item.user) : state.appName;
  const peek = state.conversations.find((c) => c.id === ui.selected)?.kind === 'peek';
  const messageShortcuts = state.shortcuts.filter((shortcut) => shortcut.type === 'message');
  const moreActions =
    item.kind === 'message' && !peek && messageShortcuts.length > 0
      ? shortcutMenu('More actions', '⋮', messageShortcuts, (shortcut) =>
          api('/api/message/shortcut', {
            channel: ui.selected,
            ts: item.ts,
            callbackId: shortcut.callbackId,
          }),
        )
      : null;
  const ctx = renderContext('message', {
    idPrefix: `m${item.ts ?? item.id}`,
    onAction: async (action, confirm) => {
      if (peek) {
        toast('This is their DM: only they can click in it.', 'error');
        return;
      }
      if (item.kind !== 'message') {
        toast(
          'The sandbox only sends clicks on messages in the conversation, not on ephemeral replies.',
          'error',
        );
        return;
      }
      if (await confirmFirst(confirm)) api('/api/message/action', { ts: item.ts, action });
    },
  });
  const content =
    item.blocks.length > 0
      ? renderBlocks(item.blocks, ctx)
      : renderMrkdwn(item.text ?? '', ctx, 'mrkdwn message-text');
  return h(
    'article',
    { className: `message${item.kind === 'ephemeral' ? ' ephemeral' : ''}` },
    [
      h('div', { className: `avatar${fromSlackbot ? ' slackbot' : ''}`, textContent: name.charAt(0) }, [], {
        'aria-hidden': 'true',
      }),
      h('div', { className: 'message-body' }, [
        h('div', { className: 'message-meta' }, [
          h('strong', { textContent: name }),
          fromSlackbot || fromPerson ? null : h('span', { className: 'app-badge', textContent: 'APP' }),
          h('time', { textContent: when(item.at, '{time}') }, [], {
            datetime: new Date(item.at).toISOString(),
          }),
          item.edited ? h('span', { className: 'edited', textContent: '(edited)' }) : null,
          moreActions,
        ]),
        item.kind === 'ephemeral'
          ? h('div', { className: 'only-you', textContent: 'Only visible to you' })
          : null,
        content,
      ]),
    ],
    { 'data-ts': item.ts ?? null },
  );
}

function renderHome() {
  const home = state.home;
  const key = JSON.stringify([home?.view.id, home?.view.hash, Math.floor(state.now / 60_000)]);
  if (!changed('home', key)) return;
  if (!home) {
    $('home').replaceChildren(
      h('p', {
        className: 'empty',
        textContent: `${state.appName} hasn't published a Home tab for you yet.`,
      }),
    );
    return;
  }
  const ctx = renderContext('home', {
    idPrefix: 'home',
    state: home.state,
    onAction: async (action, confirm) => {
      if (await confirmFirst(confirm)) api('/api/home/action', { action });
    },
  });
  $('home').replaceChildren(renderBlocks(home.view.blocks, ctx));
}

let enterTimer = null;

function renderModal() {
  const layer = $('modal-layer');
  const modal = state.modal;
  if (!modal) {
    if (changed('modal', 'none')) {
      layer.hidden = true;
      layer.replaceChildren();
      ui.modalViewId = null;
    }
    return;
  }
  const { view } = modal;
  const key = JSON.stringify([view.id, view.hash, modal.errors, modal.trouble]);
  if (!changed('modal', key)) return;
  const isNew = ui.modalViewId !== view.id;
  ui.modalViewId = view.id;

  const ctx = renderContext('modal', {
    idPrefix: 'modal',
    state: modal.state,
    errors: modal.errors,
    onAction: async (action, confirm) => {
      if (await confirmFirst(confirm)) send('/api/modal/action', { action });
    },
  });
  const body = h('div', { className: 'modal-body' }, renderBlocks(view.blocks, ctx));
  const values = () => collectValues(body);
  const send = async (path, extra = {}) => {
    clearTimeout(enterTimer);
    card.setAttribute('aria-busy', 'true');
    for (const button of card.querySelectorAll('button')) button.disabled = true;
    const answer = await api(path, { viewId: view.id, values: values(), ...extra });
    // Nothing re-rendered (e.g. an error toast): make the modal usable again.
    card.removeAttribute('aria-busy');
    for (const button of card.querySelectorAll('button')) button.disabled = false;
    return answer;
  };
  // Keep the emulator's view state in step with what is typed, as Slack's client does.
  body.addEventListener('change', () => {
    clearTimeout(enterTimer);
    enterTimer = setTimeout(
      () => api('/api/modal/enter', { viewId: view.id, hash: view.hash, values: values() }, { quiet: true }),
      300,
    );
  });

  const close = h('button', {
    type: 'button',
    className: 'bk-button',
    textContent: view.close?.text ?? 'Cancel',
  });
  close.addEventListener('click', () => send('/api/modal/close'));
  const x = h('button', { type: 'button', className: 'modal-x', textContent: '×' }, [], {
    'aria-label': 'Close',
  });
  x.addEventListener('click', () => send('/api/modal/close'));
  const submit = view.submit
    ? h('button', { type: 'submit', className: 'bk-button primary', textContent: view.submit.text })
    : null;
  const card = h(
    'form',
    { className: 'modal' },
    [
      h('header', { className: 'modal-header' }, [
        h('span', { className: 'app-icon', textContent: state.appName.charAt(0) }, [], {
          'aria-hidden': 'true',
        }),
        h('h2', { id: 'modal-title' }, renderText(view.title, ctx)),
        modal.depth > 1 ? h('span', { className: 'depth', textContent: `${modal.depth} views` }) : null,
        x,
      ]),
      modal.trouble
        ? h('div', { className: 'modal-trouble', textContent: modal.trouble }, [], { role: 'alert' })
        : null,
      body,
      h('footer', { className: 'modal-footer' }, [close, submit]),
    ],
    { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title', novalidate: true },
  );
  card.addEventListener('submit', (event) => {
    event.preventDefault();
    if (view.submit) send('/api/modal/submit');
  });
  const scroll = layer.querySelector('.modal-body')?.scrollTop ?? 0;
  layer.replaceChildren(h('div', { className: 'modal-backdrop' }, card));
  layer.hidden = false;
  if (isNew) card.querySelector('input, textarea, select')?.focus();
  else {
    body.scrollTop = scroll;
    card.querySelector('[aria-invalid="true"]')?.focus();
  }
}

function renderProblems() {
  const problems = state.problems;
  if (!changed('problems', String(problems.length))) return;
  $('problems-summary').textContent =
    problems.length === 0
      ? 'Everything the app sent kept to Slack’s rules.'
      : `${problems.length} thing${problems.length === 1 ? '' : 's'} Slack would refuse or show as an error:`;
  $('problems-panel').classList.toggle('has-problems', problems.length > 0);
  $('problems').replaceChildren(...problems.map((problem) => h('li', { textContent: problem })));
  for (const problem of problems.slice(ui.seenProblems))
    toast(`Slack would not accept this: ${problem}`, 'error');
  ui.seenProblems = problems.length;
}

function renderNotices() {
  for (const notice of state.notices.slice(ui.seenNotices)) toast(notice.text, 'error');
  ui.seenNotices = state.notices.length;
}

// ---- wiring -------------------------------------------------------------------------------------

// The ⚡ button beside the message box: the app's global shortcuts, as in Slack's composer.
$('composer-shortcuts').addEventListener('toggle', () => {
  const details = $('composer-shortcuts');
  details.querySelector('.bk-overflow-menu')?.remove();
  if (!details.open || !state) return;
  details.append(
    shortcutItems(
      state.shortcuts.filter((shortcut) => shortcut.type === 'global'),
      details,
      (shortcut) => api('/api/shortcut', { callbackId: shortcut.callbackId }),
    ),
  );
});

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text || !state) return;
  input.value = '';
  await api('/api/command', { channel: ui.selected, text });
});

for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', async () => {
    const hours = Number(button.getAttribute('data-advance'));
    button.disabled = true;
    const answer = await api('/api/clock/advance', { ms: hours * HOUR });
    button.disabled = false;
    if (!answer.ok) return;
    const arrived = answer.sent > 0 ? ` ${answer.sent} check-in${answer.sent === 1 ? '' : 's'} sent.` : '';
    toast(`It's now ${when(answer.now, '{date_long} at {time}')}.${arrived}`);
  });
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state?.modal && !$('confirm').open) {
    $('modal-layer').querySelector('.modal-x')?.click();
  }
});

refresh();
