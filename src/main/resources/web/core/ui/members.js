// How a member appears anywhere in the client: avatar, name link, list row.
import { h } from '../dom.js';

const AVATAR_HUES = [12, 28, 42, 150, 190, 215, 265, 330];

/** Initials on a warm colour derived from the username (there are no photos, on purpose). */
export function avatar(member, size = 'md') {
  const words = (member.displayName || member.username).trim().split(/\s+/);
  const initials = [...(words[0] || '?')][0] + (words.length > 1 ? [...words[words.length - 1]][0] : '');
  let hash = 0;
  for (const ch of member.username.toLowerCase()) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const hue = AVATAR_HUES[hash % AVATAR_HUES.length];
  return h('span', { class: `avatar avatar-${size}`, style: `--hue:${hue}`, 'aria-hidden': 'true' },
    initials.toUpperCase());
}

export function memberLink(ref, attrs = {}) {
  return h('a', { href: `/u/${encodeURIComponent(ref.username)}`, class: 'member-link', ...attrs }, ref.displayName);
}

/** One member row: avatar, names, optional trailing control. */
export function memberRow(member, trailing = null, testid = 'member-row') {
  return h('li', { class: 'member-row', 'data-testid': testid, 'data-username': member.username },
    avatar(member, 'sm'),
    h('a', { class: 'member-names', href: `/u/${encodeURIComponent(member.username)}` },
      h('span', { class: 'member-display' }, member.displayName),
      h('span', { class: 'member-handle' }, `@${member.username}`)),
    trailing);
}
