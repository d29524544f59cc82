// The people of a room as tiles: the stage grid, the audience, and the raised-hand queue.
import { h, icon } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { avatar, verifiedBadge, verifiedText } from '../../core/ui/members.js';
import { button } from '../../core/ui/buttons.js';
import { autonym } from '../languages.js';

/** Short name for small tiles: the first word of the display name. */
function shortName(p) {
  return (p.displayName || p.username).trim().split(/\s+/)[0];
}

/** The tile's accessible name: it starts with the words the tile shows (WCAG 2.5.3, label in name). */
function describe(p, meId) {
  const parts = p.memberId === meId ? [t('room.you'), p.displayName] : [p.displayName];
  if (p.verified) parts.push(verifiedText(p));
  if (p.role === 'moderator') parts.push(t('room.role.moderator'));
  if (p.interpreting) parts.push(t('room.interpreting', { language: autonym(p.interpreting) }));
  if (p.role !== 'listener') parts.push(t(p.muted ? 'room.muted' : 'room.unmuted'));
  if (p.handOrder > 0) parts.push(t('room.handRaised'));
  if (p.away) parts.push(t('room.away'));
  return parts.join(', ');
}

/** One person: a button opening their menu. `size` lg on stage, md in the audience. */
export function personTile(p, { meId, onOpen, testid }) {
  const badges = [];
  if (p.role === 'moderator') {
    badges.push(h('span', { class: 'tile-mod', 'data-testid': 'moderator-badge', title: t('room.role.moderator') }, icon('star', 12)));
  }
  const mic = p.role !== 'listener' && p.muted
    ? h('span', { class: 'tile-mic', 'data-testid': 'muted-icon', title: t('room.muted') }, icon('micOff', 14))
    : null;
  const hand = p.handOrder > 0 ? h('span', { class: 'tile-hand', 'data-testid': 'hand-icon', title: t('room.handRaised') }, icon('hand', 14)) : null;
  return h('li', {
    class: `tile${p.away ? ' is-away' : ''}${p.memberId === meId ? ' is-me' : ''}`,
    'data-testid': testid, 'data-username': p.username, 'data-member-id': String(p.memberId), 'data-role': p.role,
    'data-muted': String(p.muted), 'data-away': String(p.away),
  },
  h('button', {
    type: 'button', class: 'tile-button', 'aria-haspopup': 'dialog', 'aria-label': describe(p, meId),
    onclick: () => onOpen(p),
    oncontextmenu: (event) => {
      event.preventDefault();
      onOpen(p);
    },
  },
  h('span', { class: 'tile-avatar' }, avatar(p, testid === 'stage-member' ? 'lg' : 'md'), mic, hand,
    // Shown by the stylesheet while this person speaks and the sound breaks up (listening.js says why).
    testid === 'stage-member'
      ? h('span', { class: 'tile-quality', 'data-testid': 'quality-badge', title: t('room.tile.breakingUp') }, icon('signalWeak', 14))
      : null),
  h('span', { class: 'tile-name' }, badges, h('span', { class: 'tile-name-text' }, p.memberId === meId ? t('room.you') : shortName(p)), verifiedBadge(p, 14)),
  p.interpreting
    ? h('span', { class: 'tile-note tile-interpreting', 'data-testid': 'interpreter-badge', lang: p.interpreting },
      icon('globe', 12), autonym(p.interpreting))
    : null,
  p.away ? h('span', { class: 'tile-note' }, t('room.away')) : null));
}

/** A raised hand in the moderators' queue, with "Invite to speak". */
export function queueRow(p, { onInvite, position }) {
  const invite = p.invitedToSpeak
    ? h('span', { class: 'badge badge-soft', 'data-testid': 'invited-badge' }, t('room.queue.invited'))
    : button(t('room.queue.invite'), { class: 'btn btn-sm btn-primary', 'data-testid': 'queue-invite' });
  if (!p.invitedToSpeak) invite.addEventListener('click', () => onInvite(p, invite));
  return h('li', { class: 'queue-row', 'data-testid': 'queue-member', 'data-username': p.username },
    h('span', { class: 'queue-pos', 'aria-hidden': 'true' }, String(position)),
    avatar(p, 'sm'),
    h('span', { class: 'member-names' },
      h('span', { class: 'member-display' }, p.displayName, verifiedBadge(p, 14)),
      h('span', { class: 'member-handle' }, `@${p.username}`)),
    invite);
}
