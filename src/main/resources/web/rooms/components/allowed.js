// "Who can enter": a closed room's moderators see the members picked to enter, remove them, and add
// people they follow. It follows the room live (another moderator's change redraws it) and closes
// when the reader stops being a moderator or the room is over.
//
// Ids and names. The protocol addresses members by id (`allowed` in the snapshot, `setAllowed`), and
// the snapshot gives only ids. Names come from what the reader can already see:
//   - the room's participants (memberId, username, displayName);
//   - the people the reader follows: listFollowing items carry the member `id` (openapi.json's
//     MemberListItem; docs/api.md's MemberList line predates it), first page of 100 like the
//     start-room picker — that is also the list to add from;
//   - the reader themself (hello).
// An allowed id none of these name (picked by another moderator, not followed by the reader, not in
// the room) is shown as "N more people you don't follow" and kept in every list sent, since
// `setAllowed` replaces the whole list. Naming them needs the server to send names with `allowed`
// (e.g. `allowed: [{id, username, displayName}]`) or a lookup of members by id.
//
// Every Add/Remove sends the full new list at once, built from the room state at that moment. The
// commands run one after another: the ack comes after the delta that carries `allowedChanged`
// (docs/protocol.md), so each next list starts from the previous change and none is lost.
import { h } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { listFollowing } from '../../core/api.js';
import { button, withBusy, PROGRESS_DELAY_MS } from '../../core/ui/buttons.js';
import { memberRow } from '../../core/ui/members.js';
import { errorMessage } from '../../core/ui/errors.js';
import { skeletonLines } from '../../core/ui/skeletons.js';
import { openDialog } from '../../core/ui/dialogs.js';
import { command, liveMember } from '../../core/socket/connection.js';
import { currentRoom, onRoomChange } from '../store.js';

const FOLLOWING_PAGE = 100;
/** A filter field appears once the list to add from is this long. */
const FILTER_FROM = 8;

export function openAllowedDialog({ me }) {
  const pickedCount = h('span', { class: 'section-count', 'data-testid': 'allowed-count' });
  const pickedList = h('ul', { class: 'member-list', 'data-testid': 'allowed-list' });
  const pickedEmpty = h('p', { class: 'empty small', 'data-testid': 'allowed-empty', hidden: true }, t('room.allowed.none'));
  const unknown = h('p', { class: 'hint allowed-unknown', 'data-testid': 'allowed-unknown', hidden: true });
  const error = h('p', { class: 'alert', role: 'alert', 'data-testid': 'allowed-error', hidden: true });
  const status = h('div', { class: 'dialog-status' });
  const filter = h('input', {
    type: 'search', class: 'input', placeholder: t('room.allowed.filter'), 'aria-label': t('room.allowed.filter'), hidden: true,
  });
  const candidateList = h('ul', { class: 'member-list', 'data-testid': 'allowed-candidates' });
  const candidateEmpty = h('p', { class: 'empty small', 'data-testid': 'allowed-candidates-empty', hidden: true });

  let stop = () => {};
  const d = openDialog({
    title: t('room.allowed.title'), testid: 'allowed-dialog',
    content: [
      h('p', { class: 'dialog-text' }, t('room.allowed.explain')),
      error,
      h('section', { class: 'allowed-section' },
        h('h3', { class: 'group-title' }, t('room.allowed.picked'), pickedCount), pickedList, pickedEmpty, unknown),
      h('section', { class: 'allowed-section' },
        h('h3', { class: 'group-title' }, t('room.allowed.addTitle')), status, filter, candidateList, candidateEmpty),
    ],
    onClose: () => stop(),
  });

  /** id → {id, username, displayName} for everyone the reader can name. */
  let followed = null; // null while loading
  let loadFailed = false;
  let queue = Promise.resolve();

  function known(state) {
    const names = new Map();
    for (const m of followed || []) names.set(m.id, m);
    for (const p of state.participants.values()) {
      names.set(p.memberId, { id: p.memberId, username: p.username, displayName: p.displayName });
    }
    const self = liveMember();
    if (self) names.set(self.id, self);
    return names;
  }

  /** Sends setAllowed with change(list) applied to the room's list as it is when the turn comes. */
  function change(btn, edit) {
    error.hidden = true;
    btn.disabled = true; // at once: a turn may wait behind an earlier change
    const run = () => withBusy(btn, async () => {
      const allowed = currentRoom().state?.allowed || [];
      await command('setAllowed', { members: edit([...allowed]) });
    }).catch((e) => {
      error.textContent = e.message;
      error.hidden = false;
    });
    queue = queue.then(run);
    return queue;
  }

  function pickedRow(person) {
    const remove = button(t('room.allowed.remove'), {
      class: 'btn btn-sm', 'data-testid': 'allowed-remove', 'aria-label': t('room.allowed.removeLabel', { name: person.displayName }),
    });
    remove.addEventListener('click', () => change(remove, (list) => list.filter((id) => id !== person.id)));
    return closingRow(memberRow(person, remove, 'allowed-member'));
  }

  function candidateRow(person) {
    const add = button(t('room.allowed.add'), {
      class: 'btn btn-sm btn-primary', 'data-testid': 'allowed-add', 'aria-label': t('room.allowed.addLabel', { name: person.displayName }),
    });
    add.addEventListener('click', () => change(add, (list) => (list.includes(person.id) ? list : [...list, person.id])));
    const row = closingRow(memberRow(person, add, 'allowed-candidate'));
    row.dataset.search = `${person.username} ${person.displayName}`.toLowerCase();
    return row;
  }

  /** A row's profile link leaves the room page; the modal must not stay open over the profile. */
  function closingRow(row) {
    row.querySelector('a')?.addEventListener('click', () => d.close());
    return row;
  }

  function applyFilter() {
    const q = filter.value.trim().toLowerCase();
    for (const li of candidateList.children) li.hidden = !!q && !li.dataset.search.includes(q);
  }
  filter.addEventListener('input', applyFilter);

  function draw({ state, me: participant, gone }) {
    if (!state || state.ended || gone || participant?.role !== 'moderator' || state.type !== 'closed') {
      d.close();
      return;
    }
    const names = known(state);
    const allowed = new Set(state.allowed);
    const picked = state.allowed.filter((id) => names.has(id)).map((id) => names.get(id));
    const unnamed = state.allowed.length - picked.length;
    pickedCount.textContent = String(state.allowed.length);
    replaceRows(pickedList, picked, pickedRow);
    pickedEmpty.hidden = state.allowed.length > 0;
    unknown.hidden = unnamed === 0;
    unknown.textContent = unnamed ? t('room.allowed.unknown', { count: unnamed }) : '';

    if (!followed) return;
    const candidates = followed.filter((m) => !allowed.has(m.id));
    replaceRows(candidateList, candidates, candidateRow);
    filter.hidden = candidates.length < FILTER_FROM;
    applyFilter();
    candidateEmpty.hidden = loadFailed || candidates.length > 0;
    candidateEmpty.textContent = t(followed.length ? 'room.allowed.nobodyToAdd' : 'room.allowed.nobodyFollowed');
  }

  /**
   * Rebuilds a list only when who is on it changed, keeping the rows (and a busy button's spinner,
   * and focus) of an unchanged list.
   */
  function replaceRows(list, people, build) {
    const keys = people.map((p) => String(p.id)).join(',');
    if (list.dataset.keys === keys) return;
    list.dataset.keys = keys;
    list.replaceChildren(...people.map(build));
  }

  const timer = setTimeout(() => status.replaceChildren(...skeletonLines(3)), PROGRESS_DELAY_MS);
  listFollowing(me.username, { limit: FOLLOWING_PAGE, offset: 0 })
    .then((page) => {
      // Without ids (an older server) nobody could be added; such rows are left out.
      followed = page.items.filter((m) => Number.isInteger(m.id));
      status.replaceChildren();
    })
    .catch((e) => {
      followed = [];
      loadFailed = true;
      status.replaceChildren(h('p', { class: 'alert', role: 'alert' }, errorMessage(e)));
    })
    .finally(() => {
      clearTimeout(timer);
      if (d.dialog.isConnected) draw(currentRoom());
    });

  stop = onRoomChange((current) => draw(current));
  draw(currentRoom());
  return d;
}
