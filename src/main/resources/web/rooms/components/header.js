// The top of a room: type, counts and share; the title and description (moderators edit both,
// room-edit.js); who hosts it (the moderators' names); and the moderators' tools (hand-raising on/off,
// who can enter a closed room, interpretation languages, end the room).
import { languageBadge } from '../languages.js';
import { h, icon, replace } from '../../core/dom.js';
import { t, currentFormatLocale } from '../../core/i18n.js';
import { button, withBusy } from '../../core/ui/buttons.js';
import { toast } from '../../core/ui/toasts.js';
import { pageHeading } from '../../core/ui/page.js';
import { confirmDialog } from '../../core/ui/dialogs.js';
import { command } from '../../core/socket/connection.js';
import { stage, listenerCount, moderators } from '../state.js';
import { roomEditForm } from './room-edit.js';
import { shareButton } from './share.js';
import { openInterpretationDialog } from './interpretation-dialog.js';

const TYPE_ICONS = { open: 'globe', social: 'users', closed: 'lock', members: 'users' };

export function typeBadge(type) {
  return h('span', { class: `badge type-badge type-${type}`, 'data-testid': 'room-type' }, icon(TYPE_ICONS[type] || 'globe', 14),
    t(`room.type.${type}`));
}

/**
 * Returns {element, update(state, me)}. onEnded() runs after the reader ended the room;
 * onAllowed() opens "Who can enter" (closed rooms).
 */
export function roomHeader({ onEnded, onAllowed }) {
  const badgeSlot = h('span', {});
  const counts = h('p', { class: 'room-counts', 'data-testid': 'room-counts' });
  const title = pageHeading('', { 'data-testid': 'room-title', class: 'page-title room-title' });
  const edit = h('button', { type: 'button', class: 'icon-btn', 'data-testid': 'edit-title', 'aria-label': t('room.editTitle'), hidden: true },
    icon('pencil', 18));
  const titleRow = h('div', { class: 'room-title-row' }, title, edit);
  const description = h('p', { class: 'room-description', 'data-testid': 'room-description', hidden: true });
  const hosts = h('p', { class: 'room-hosts', 'data-testid': 'room-hosts' });
  const club = h('a', { class: 'room-club', 'data-testid': 'room-club', hidden: true });
  const share = shareButton(() => ({ id: state.id, title: state.title }));
  const editSlot = h('div', { hidden: true });
  const handSwitch = h('input', { type: 'checkbox', role: 'switch', class: 'switch-input', 'data-testid': 'hand-raising-toggle' });
  const endButton = button(t('room.end'), { class: 'btn btn-sm btn-ghost btn-danger-text', 'data-testid': 'end-room' });
  endButton.prepend(icon('power', 16));
  const allowedButton = button(t('room.allowed.open'), { class: 'btn btn-sm', 'data-testid': 'allowed-open', 'aria-haspopup': 'dialog', hidden: true });
  allowedButton.prepend(icon('lock', 16));
  allowedButton.addEventListener('click', () => onAllowed());
  const interpretationButton = button(t('room.interpretation.open'), {
    class: 'btn btn-sm', 'data-testid': 'interpretation-open', 'aria-haspopup': 'dialog',
  });
  interpretationButton.prepend(icon('globe', 16));
  interpretationButton.addEventListener('click', () => openInterpretationDialog());
  const tools = h('div', { class: 'room-tools', 'data-testid': 'moderator-tools', hidden: true },
    h('label', { class: 'switch' }, handSwitch, h('span', { class: 'switch-track', 'aria-hidden': 'true' }),
      h('span', {}, t('room.handRaising'))),
    h('div', { class: 'room-tools-actions' }, allowedButton, interpretationButton, endButton));
  const element = h('header', { class: 'room-head' },
    h('div', { class: 'room-head-top' }, badgeSlot, counts, share), club, titleRow, description, hosts, editSlot, tools);

  let state = null;
  let editing = false;

  handSwitch.addEventListener('change', async () => {
    const enabled = handSwitch.checked;
    handSwitch.disabled = true;
    try {
      await command('setHandRaising', { enabled });
    } catch (error) {
      handSwitch.checked = !enabled;
      toast(error.message, { kind: 'error' });
    } finally {
      handSwitch.disabled = false;
    }
  });

  endButton.addEventListener('click', async () => {
    const sure = await confirmDialog({
      title: t('room.endConfirm.title'), body: t('room.endConfirm.body'), confirm: t('room.endConfirm.yes'),
      danger: true, testid: 'end-confirm',
    });
    if (!sure) return;
    try {
      await withBusy(endButton, () => command('endRoom'));
      onEnded();
    } catch (error) {
      toast(error.message, { kind: 'error' });
    }
  });

  edit.addEventListener('click', () => startEditing());

  function startEditing() {
    editing = true;
    const form = roomEditForm(state, () => {
      editing = false;
      editSlot.hidden = true;
      titleRow.hidden = false;
      description.hidden = !state.description;
      edit.focus();
    });
    replace(editSlot, form.element);
    editSlot.hidden = false;
    titleRow.hidden = true;
    description.hidden = true;
    form.focus();
  }

  function update(next, me) {
    state = next;
    const moderator = me?.role === 'moderator';
    if (badgeSlot.dataset.type !== state.type || badgeSlot.dataset.language !== (state.language || '')) {
      badgeSlot.dataset.type = state.type;
      badgeSlot.dataset.language = state.language || '';
      replace(badgeSlot, typeBadge(state.type), languageBadge(state.language));
    }
    if (state.club && club.getAttribute('href') !== state.club.url) {
      club.setAttribute('href', state.club.url);
      replace(club, icon('users', 14), t('hallway.inClub', { name: state.club.name }));
    }
    club.hidden = !state.club;
    if (title.textContent !== state.title) title.textContent = state.title;
    if (description.textContent !== (state.description || '')) description.textContent = state.description || '';
    description.hidden = editing || !state.description;
    const names = moderators(state).map((m) => m.displayName);
    const hostLine = names.length ? t('room.hosts', { names: new Intl.ListFormat(currentFormatLocale(), { type: 'conjunction' }).format(names) }) : '';
    if (hosts.textContent !== hostLine) hosts.textContent = hostLine;
    hosts.hidden = !names.length;
    const onStageCount = stage(state).length;
    const listening = listenerCount(state);
    counts.dataset.listeners = String(listening);
    counts.textContent = `${t('room.count.stage', { count: onStageCount })} · ${t('room.count.listening', { count: listening })}`;
    edit.hidden = !moderator;
    tools.hidden = !moderator;
    allowedButton.hidden = !moderator || state.type !== 'closed';
    if (!handSwitch.disabled) handSwitch.checked = state.handRaisingEnabled;
    if (!moderator && editing) {
      editing = false;
      editSlot.hidden = true;
      titleRow.hidden = false;
      description.hidden = !state.description;
    }
  }

  return { element, update, title };
}
