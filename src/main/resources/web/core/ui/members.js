// How a member appears anywhere in the client: avatar, name link, list row.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';

// Generated avatars: a deep two-colour gradient picked from the username, a soft disc placed by the
// same hash, and white initials. Every pair keeps white text above 4.5:1 (WCAG AA for small bold
// text) in light and dark themes, and the disc's position makes two members with the same
// colours still look different.
const PAIRS = [
  ['#6d28d9', '#c026d3'], ['#1d4ed8', '#0e7490'], ['#b91c1c', '#c2410c'], ['#047857', '#0f766e'],
  ['#be185d', '#be123c'], ['#4338ca', '#7e22ce'], ['#a16207', '#b45309'], ['#15803d', '#4d7c0f'],
  ['#0369a1', '#4338ca'], ['#86198f', '#be185d'], ['#334155', '#0f766e'], ['#9a3412', '#be123c'],
];

// Photo sizes the server keeps (docs/api.md, getAvatar), by the avatar's CSS size: 1× and 2× screens.
const PHOTO_SIZES = { xs: [48, 96], sm: [48, 96], md: [96, 256], lg: [256, 256] };

function hashOf(text) {
  let hash = 2166136261; // FNV-1a: cheap, and neighbouring usernames spread well
  for (const ch of text.toLowerCase()) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}

function initialsOf(member) {
  const words = (member.displayName || member.username || '?').trim().split(/\s+/);
  const first = [...(words[0] || '?')][0];
  const last = words.length > 1 ? [...words[words.length - 1]][0] : '';
  return (first + last).toUpperCase();
}

/**
 * A member's face: their photo (member.avatarUrl, from any API shape that carries a member) or,
 * without one, the generated avatar. Decorative (aria-hidden): a name always stands next to it.
 * If the photo cannot be loaded (changed meanwhile, offline), the generated one shows instead.
 */
export function avatar(member, size = 'md') {
  const hash = hashOf(member.username || member.displayName || '?');
  const [from, to] = PAIRS[hash % PAIRS.length];
  const x = 20 + ((hash >>> 8) % 61);
  const y = 15 + ((hash >>> 16) % 56);
  const face = h('span', {
    class: `avatar avatar-${size}`, 'aria-hidden': 'true', 'data-avatar': member.avatarUrl ? 'photo' : 'generated',
    style: `--avatar-from:${from};--avatar-to:${to};--avatar-x:${x}%;--avatar-y:${y}%`,
  }, h('span', { class: 'avatar-initials' }, initialsOf(member)));
  if (member.avatarUrl) {
    const [one, two] = PHOTO_SIZES[size] || PHOTO_SIZES.md;
    const img = h('img', {
      class: 'avatar-photo', alt: '', decoding: 'async', loading: 'lazy',
      src: `${member.avatarUrl}?size=${one}`, srcset: `${member.avatarUrl}?size=${one} 1x, ${member.avatarUrl}?size=${two} 2x`,
    });
    img.addEventListener('error', () => {
      img.remove();
      face.dataset.avatar = 'generated';
    }, { once: true });
    face.append(img);
  }
  return face;
}

/**
 * The check mark of a verified account (member.verified is the label an administrator gave it), or
 * null. The label is its accessible name and tooltip: "Verified: Official account of …".
 */
export function verifiedBadge(member, size = 16) {
  if (!member?.verified) return null;
  const text = verifiedText(member);
  return h('span', { class: 'verified-badge', role: 'img', 'aria-label': text, title: text, 'data-testid': 'verified-badge' },
    icon('verified', size));
}

/** What the badge says, for places that carry it in their own accessible name (room tiles). */
export function verifiedText(member) {
  return member?.verified ? t('verified.badge', { label: member.verified }) : '';
}

export function memberLink(ref, attrs = {}) {
  return h('a', { href: `/u/${encodeURIComponent(ref.username)}`, class: 'member-link', ...attrs }, ref.displayName,
    verifiedBadge(ref, 14));
}

/** A member's display name followed by their verified badge, for name lines. */
export function displayName(member, attrs = { class: 'member-display' }) {
  return h('span', attrs, member.displayName, verifiedBadge(member, 14));
}

/** One member row: avatar, names, optional trailing control. */
export function memberRow(member, trailing = null, testid = 'member-row') {
  return h('li', { class: 'member-row', 'data-testid': testid, 'data-username': member.username },
    avatar(member, 'sm'),
    h('a', { class: 'member-names', href: `/u/${encodeURIComponent(member.username)}` },
      displayName(member),
      h('span', { class: 'member-handle' }, `@${member.username}`)),
    trailing);
}
