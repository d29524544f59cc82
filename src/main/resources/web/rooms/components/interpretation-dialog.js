// "Interpretation": a moderator chooses the languages the floor is interpreted into (at most four,
// never the floor's own), then names interpreters from each speaker's menu (menu.js). Each change is
// sent at once (`setInterpretation` replaces the whole list) and the dialog follows the room live, so
// another moderator's change redraws it; it closes when the reader stops being a moderator.
import { h } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { openDialog } from '../../core/ui/dialogs.js';
import { command } from '../../core/socket/connection.js';
import { currentRoom, onRoomChange } from '../store.js';
import { autonym, languageName, languageOptions } from '../languages.js';

/** Rules.INTERPRETATION_MAX. */
const MAX = 4;

export function openInterpretationDialog() {
  const list = h('ul', { class: 'spoken-list', 'data-testid': 'interpretation-languages' });
  const empty = h('p', { class: 'empty small', 'data-testid': 'interpretation-empty' }, t('room.interpretation.none'));
  const add = h('select', { id: 'interpretation-add', class: 'input', 'data-testid': 'interpretation-add' });
  const error = h('p', { class: 'alert', role: 'alert', 'data-testid': 'interpretation-error', hidden: true });
  let stop = () => {};
  const d = openDialog({
    title: t('room.interpretation.title'), testid: 'interpretation-dialog',
    content: [h('p', { class: 'dialog-text' }, t('room.interpretation.explain')), error, list, empty,
      h('label', { class: 'visually-hidden', for: 'interpretation-add' }, t('room.interpretation.add')), add],
    onClose: () => stop(),
  });

  async function save(languages) {
    error.hidden = true;
    add.disabled = true;
    try {
      await command('setInterpretation', { languages });
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      draw(currentRoom());
    }
  }

  function draw({ state, me }) {
    if (!state || state.ended || me?.role !== 'moderator') {
      d.close();
      return;
    }
    const chosen = state.interpretation;
    list.replaceChildren(...chosen.map((code) => h('li', { class: 'spoken-item', lang: code, 'data-testid': `interpretation-${code}` },
      h('span', {}, autonym(code)),
      h('button', {
        type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': `interpretation-remove-${code}`,
        'aria-label': t('room.interpretation.remove', { language: languageName(code) }),
        onclick: () => save(chosen.filter((c) => c !== code)),
      }, '×'))));
    empty.hidden = chosen.length > 0;
    add.replaceChildren(h('option', { value: '' }, t(chosen.length >= MAX ? 'room.interpretation.full' : 'room.interpretation.add')),
      ...languageOptions().filter(([code]) => !chosen.includes(code) && code !== state.language)
        .map(([code, name]) => h('option', { value: code }, name)));
    add.disabled = chosen.length >= MAX;
  }

  add.addEventListener('change', () => {
    if (add.value) save([...currentRoom().state.interpretation, add.value]);
  });
  draw(currentRoom());
  stop = onRoomChange((current) => draw(current));
  return d;
}
