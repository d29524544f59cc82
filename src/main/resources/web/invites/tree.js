// "/invites/tree": who invited whom across the whole network, from the founders down — the public
// accountability an invitation-only network promises. Branches open on demand (a network may have
// thousands of members), and a search opens the branches that lead to each match.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { getInviteTree } from '../core/api.js';
import { formatDate } from '../core/format.js';
import { pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { avatar, displayName } from '../core/ui/members.js';
import { requireMe } from '../core/auth.js';
import { buildTree, search, pathTo } from './tree-model.js';

/** Levels open when the page is first drawn: the founders and whom they invited. */
const OPEN_DEPTH = 1;
/** Matches a search shows at most; more means the words should be more precise. */
const MAX_MATCHES = 50;

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(5))));
  let data;
  try {
    data = await getInviteTree({ signal: ctx.signal });
  } finally {
    stopSkeleton();
  }
  const tree = buildTree(data.members);
  const open = new Set(); // usernames whose branch is open
  for (const node of tree.byName.values()) if (node.depth < OPEN_DEPTH && node.children.length) open.add(node.member.username);
  let matches = new Set();

  const list = h('ul', { class: 'tree', 'data-testid': 'invite-tree' });
  const status = h('p', { class: 'tree-status', role: 'status', 'data-testid': 'tree-status' });
  const draw = () => list.replaceChildren(...tree.roots.map((node) => nodeItem(node)));

  function nodeItem(node) {
    const m = node.member;
    const isOpen = open.has(m.username);
    const toggle = node.children.length
      ? h('button', {
        type: 'button', class: 'tree-toggle', 'aria-expanded': String(isOpen), 'data-testid': 'tree-toggle',
        'aria-label': t(isOpen ? 'tree.collapse' : 'tree.expand', { name: m.former ? t('tree.former') : m.displayName }),
        onclick: () => { (isOpen ? open.delete(m.username) : open.add(m.username)); draw(); focusToggle(m.username); },
      }, isOpen ? '−' : '+')
      : h('span', { class: 'tree-leaf', 'aria-hidden': 'true' });
    const badges = [
      m.invitedBy ? null : h('span', { class: 'badge badge-soft' }, t('tree.founder')),
      m.username === me.username ? h('span', { class: 'badge badge-you' }, t('tree.you')) : null,
    ];
    // A deleted account keeps its place in the tree, without a name or a link (docs/api.md, "Your data").
    const names = m.former
      ? h('span', { class: 'member-names tree-former', 'data-testid': 'tree-former' }, t('tree.former'))
      : h('a', { class: 'member-names', href: `/u/${encodeURIComponent(m.username)}` },
        displayName(m),
        h('span', { class: 'member-handle' }, `@${m.username}`));
    const row = h('div', { class: `tree-row${matches.has(m.username) ? ' tree-match' : ''}` },
      toggle, m.former ? h('span', { class: 'tree-former-dot', 'aria-hidden': 'true' }) : avatar(m, 'sm'),
      names,
      ...badges,
      h('span', { class: 'tree-meta' }, node.descendants
        ? t('tree.invitedCount', { count: node.descendants }) : t('tree.since', { date: formatDate(m.memberSince) })));
    return h('li', { class: 'tree-item', 'data-testid': 'tree-item', 'data-username': m.username },
      row, isOpen ? h('ul', { class: 'tree-children' }, ...node.children.map(nodeItem)) : null);
  }

  function focusToggle(username) {
    list.querySelector(`[data-username="${CSS.escape(username)}"] > .tree-row .tree-toggle`)?.focus();
  }

  function reveal(nodes) {
    for (const node of nodes) for (const n of pathTo(node).slice(1)) open.add(n.member.username);
  }

  const input = h('input', {
    type: 'search', class: 'input', id: 'tree-search', 'data-testid': 'tree-search', autocomplete: 'off',
    placeholder: t('tree.searchPlaceholder'),
  });
  input.addEventListener('input', () => {
    const found = search(tree, input.value);
    matches = new Set(found.slice(0, MAX_MATCHES).map((n) => n.member.username));
    reveal(found.slice(0, MAX_MATCHES));
    status.textContent = input.value.trim()
      ? (found.length > MAX_MATCHES ? t('tree.tooMany', { count: found.length }) : t('tree.matches', { count: found.length }))
      : '';
    draw();
  });
  const showMe = h('button', { type: 'button', class: 'btn', 'data-testid': 'tree-show-me' }, t('tree.showMe'));
  showMe.addEventListener('click', () => {
    const mine = tree.byName.get(me.username.toLowerCase());
    if (!mine) return;
    reveal([mine]);
    matches = new Set([me.username]);
    draw();
    list.querySelector(`[data-username="${CSS.escape(me.username)}"] .member-names`)?.focus();
  });

  draw();
  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    pageHeading(t('tree.title')),
    h('p', { class: 'section-sub' }, t('tree.explain', { count: data.members.length })),
    data.truncated ? h('p', { class: 'note', 'data-testid': 'tree-truncated' }, t('tree.truncated', { count: data.members.length })) : null,
    h('div', { class: 'tree-tools' },
      h('label', { class: 'visually-hidden', for: 'tree-search' }, t('tree.searchLabel')), input, showMe),
    status,
    h('section', { class: 'card tree-card' }, list)));
  ctx.ready(t('tree.title'));
}
