// The menu for one person in a room: their profile, and the actions the rules allow the reader
// to take on them (permissions.js). It follows the room live: actions change with roles, and it
// closes when the person leaves. Removing someone is permanent for this room, so it asks first, in
// the same confirm dialog as "End room" and "Block" (DESTRUCTIVE).
import { h, icon, replace } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { avatar, verifiedBadge } from '../../core/ui/members.js';
import { button, withBusy } from '../../core/ui/buttons.js';
import { openDialog, confirmDialog } from '../../core/ui/dialogs.js';
import { actionsFor, commandFor } from '../permissions.js';
import { command } from '../../core/socket/connection.js';
import { currentRoom, onRoomChange } from '../store.js';
import { autonym } from '../languages.js';
import { listRoomOperators } from '../../core/api.js';

/** Actions that cannot be undone from the room, and ask before they run. */
const DESTRUCTIVE = new Set(['remove']);

const ACTION_ICONS = {
  inviteToSpeak: 'arrowUp', moveToAudience: 'arrowDown', stepDown: 'arrowDown', makeModerator: 'star',
  mute: 'micOff', remove: 'userX', toFloor: 'globe', interpret: 'globe',
};

/** A menu action's label: `interpret:ru` reads "Interpret into Русский". */
function actionLabel(action) {
  if (action.startsWith('interpret:')) return t('room.action.interpret', { language: autonym(action.slice(10)) });
  return t(`room.action.${action}`);
}

export function openParticipantMenu(person) {
  const actions = h('div', { class: 'menu-actions', role: 'group' });
  const error = h('p', { class: 'alert', role: 'alert', 'data-testid': 'menu-error', hidden: true });
  const head = h('div', { class: 'menu-person' });
  let stop = () => {};
  const d = openDialog({
    title: person.displayName,
    testid: 'participant-menu',
    sheet: true,
    content: [head, error, actions],
    onClose: () => stop(),
  });
  d.dialog.dataset.username = person.username;
  // Who operates an organization: moderators only may ask the server (GET /api/rooms/{id}/operators).
  let operator = null;
  const opened = currentRoom();
  if (opened.me?.role === 'moderator' && opened.me.memberId !== person.memberId) {
    listRoomOperators(opened.id).then(({ items }) => {
      operator = items.find((o) => o.memberId === person.memberId)?.operatedBy || null;
      if (operator) draw(currentRoom());
    }).catch(() => {}); // the menu works without it
  }

  function draw({ state, me }) {
    const p = state?.participants.get(person.memberId);
    if (!p || !me) {
      d.close();
      return;
    }
    replace(head,
      avatar(p, 'md'),
      h('div', { class: 'member-names' },
        h('span', { class: 'member-handle' }, `@${p.username}`, verifiedBadge(p, 14)),
        h('span', { class: 'menu-role' }, t(`room.role.${p.role}`),
          p.interpreting ? ` · ${t('room.interpreting', { language: autonym(p.interpreting) })}` : '',
          p.role !== 'listener' && p.muted ? ` · ${t('room.muted')}` : '',
          p.away ? ` · ${t('room.away')}` : ''),
        operator ? h('span', { class: 'menu-role', 'data-testid': 'menu-operated-by' },
          t('room.operatedBy', { name: operator.displayName, username: operator.username })) : null),
      h('a', { class: 'btn btn-sm', href: `/u/${encodeURIComponent(p.username)}`, 'data-testid': 'menu-profile', onclick: () => d.close() },
        t('room.menu.profile')));
    const allowed = actionsFor(state, me.memberId, p.memberId);
    replace(actions, allowed.map((action) => {
      const b = button(actionLabel(action), {
        class: `btn menu-item${action === 'remove' ? ' is-danger' : ''}`, 'data-testid': `action-${action.replace(':', '-')}`,
      });
      b.prepend(icon(ACTION_ICONS[action.split(':')[0]], 20));
      b.addEventListener('click', async () => {
        error.hidden = true;
        if (DESTRUCTIVE.has(action) && !(await confirmAction(action, p))) return;
        try {
          const [type, fields] = commandFor(action, p.memberId);
          await withBusy(b, () => command(type, fields));
          d.close();
        } catch (e) {
          error.textContent = e.message;
          error.hidden = false;
        }
      });
      return b;
    }));
    if (!allowed.length && p.memberId !== me.memberId) {
      actions.append(h('p', { class: 'menu-empty' }, t('room.menu.nothing')));
    }
  }

  draw(currentRoom());
  stop = onRoomChange((current) => draw(current));
  return d;
}

/** "Remove Bea from the room?": resolves true when confirmed. */
function confirmAction(action, p) {
  return confirmDialog({
    title: t(`room.${action}Confirm.title`, { name: p.displayName }), body: t(`room.${action}Confirm.body`),
    confirm: t(`room.${action}Confirm.yes`), danger: true, testid: `${action}-confirm`,
  });
}
