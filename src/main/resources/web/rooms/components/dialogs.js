// The room's dialogs: ping someone you follow, and leaving (loudly or quietly).
import { h } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { listFollowing } from '../../core/api.js';
import { button, withBusy, PROGRESS_DELAY_MS } from '../../core/ui/buttons.js';
import { memberRow } from '../../core/ui/members.js';
import { errorMessage } from '../../core/ui/errors.js';
import { skeletonLines } from '../../core/ui/skeletons.js';
import { openDialog } from '../../core/ui/dialogs.js';
import { command } from '../../core/socket/connection.js';

/** "Ping": pick someone you follow; the answer says whether they were online to hear it. */
export function openPingDialog({ me, inRoom }) {
  const list = h('ul', { class: 'member-list', 'data-testid': 'ping-list' });
  const status = h('div', { class: 'dialog-status' });
  const d = openDialog({
    title: t('room.ping.title'), testid: 'ping-dialog',
    content: [h('p', { class: 'dialog-text' }, t('room.ping.explain')), status, list],
  });
  const timer = setTimeout(() => status.replaceChildren(...skeletonLines(3)), PROGRESS_DELAY_MS);
  listFollowing(me.username, { limit: 100, offset: 0 })
    .then((page) => {
      clearTimeout(timer);
      status.replaceChildren();
      const people = page.items.filter((m) => !inRoom(m.username));
      if (!people.length) {
        status.append(h('p', { class: 'empty', 'data-testid': 'ping-empty' },
          t(page.items.length ? 'room.ping.allHere' : 'room.ping.nobody')));
        return;
      }
      for (const person of people) list.append(pingRow(person));
    })
    .catch((error) => {
      clearTimeout(timer);
      status.replaceChildren(h('p', { class: 'alert', role: 'alert' }, errorMessage(error)));
    });
  return d;
}

function pingRow(person) {
  const result = h('span', { class: 'ping-result', 'data-testid': 'ping-result', hidden: true });
  const ping = button(t('room.ping.send'), { class: 'btn btn-sm btn-primary', 'data-testid': 'ping-send' });
  ping.addEventListener('click', async () => {
    try {
      const ack = await withBusy(ping, () => command('ping', { username: person.username }));
      result.textContent = t(ack.delivered ? 'room.ping.delivered' : 'room.ping.offline');
      result.dataset.state = ack.delivered ? 'delivered' : 'offline';
    } catch (error) {
      result.textContent = error.message;
      result.dataset.state = 'error';
    }
    result.hidden = false;
    ping.hidden = true;
  });
  return memberRow(person, h('span', { class: 'ping-cell' }, ping, result), 'ping-member');
}

/** "Leave": with a notice to the room, or quietly. Resolves to {quietly} or null when cancelled. */
export function chooseLeave() {
  return new Promise((resolve) => {
    let choice = null;
    const leave = button(t('room.leave.loud'), { class: 'btn btn-primary btn-block', 'data-testid': 'leave-confirm' });
    const quiet = button(t('room.leave.quiet'), { class: 'btn btn-block', 'data-testid': 'leave-quietly' });
    const d = openDialog({
      title: t('room.leave.title'), testid: 'leave-dialog', sheet: true,
      content: [h('p', { class: 'dialog-text' }, t('room.leave.explain')), h('div', { class: 'stack' }, leave, quiet)],
      onClose: () => resolve(choice),
    });
    leave.addEventListener('click', () => {
      choice = { quietly: false };
      d.close();
    });
    quiet.addEventListener('click', () => {
      choice = { quietly: true };
      d.close();
    });
  });
}
