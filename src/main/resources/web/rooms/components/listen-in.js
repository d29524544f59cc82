// "Listen in": the listener's one menu for interpretation (docs/protocol.md "Interpretation"), shown
// in the listening strip while the room offers languages: Original · English · Русский, each in its
// own language, as radio buttons (one choice, arrow keys move it); with a language chosen, how loud
// the original stays underneath. Interpreters see which language they interpret into instead: they
// hear the original only.
import { h, icon, replace, uid } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { toast } from '../../core/ui/toasts.js';
import { autonym } from '../languages.js';
import { floorLevel, listenIn, listeningIn, onListeningChange, setFloorLevel } from '../audio/interpretation.js';

/** Returns {element, update(state, me), stop()}. */
export function listenInControl() {
  const name = uid('listen-in');
  const options = h('div', { class: 'listen-in-options' });
  const group = h('fieldset', { class: 'listen-in', 'data-testid': 'listen-in' },
    h('legend', { class: 'listen-in-legend' }, icon('globe', 16), h('span', {}, t('room.listenIn.label'))), options);
  const levelId = uid('floor-level');
  const level = h('input', {
    id: levelId, type: 'range', min: '0', max: '100', step: '5', class: 'volume-slider', 'data-testid': 'floor-level',
    value: String(Math.round(floorLevel() * 100)),
  });
  const underneath = h('label', { class: 'floor-level', for: levelId, hidden: true },
    h('span', { class: 'floor-level-text' }, t('room.listenIn.floorLevel')), level);
  const note = h('p', { class: 'listen-in-note', 'data-testid': 'interpreting-note', hidden: true });
  const element = h('div', { class: 'listen-in-row', hidden: true }, group, underneath, note);
  let drawn = '';

  level.addEventListener('input', () => setFloorLevel(Number(level.value) / 100));
  options.addEventListener('change', async (event) => {
    const language = event.target.value || null;
    options.querySelectorAll('input').forEach((input) => { input.disabled = true; });
    try {
      await listenIn(language);
    } catch (error) {
      toast(error.message, { kind: 'error' });
    } finally {
      options.querySelectorAll('input').forEach((input) => { input.disabled = false; });
      check();
    }
  });

  /** Marks the radio of the language I listen in (the server's word, not the click). */
  function check() {
    const current = listeningIn() || '';
    for (const input of options.querySelectorAll('input')) input.checked = input.value === current;
    underneath.hidden = !current;
  }

  function option(value, label, lang) {
    return h('label', { class: 'listen-in-option', 'data-testid': `listen-in-${value || 'floor'}`, lang },
      h('input', { type: 'radio', name, value }), h('span', {}, label));
  }

  const off = onListeningChange(check);
  return {
    element,
    update(state, me) {
      const languages = state.interpretation || [];
      element.hidden = languages.length === 0;
      const key = `${languages.join(',')}|${me?.interpreting || ''}`;
      if (key === drawn) return;
      drawn = key;
      if (me?.interpreting) {
        group.hidden = true;
        underneath.hidden = true;
        note.hidden = false;
        replace(note, icon('globe', 16), h('span', {}, t('room.listenIn.interpreting', { language: autonym(me.interpreting) })));
        return;
      }
      group.hidden = false;
      note.hidden = true;
      replace(options, option('', t('room.listenIn.original')), ...languages.map((code) => option(code, autonym(code), code)));
      check();
    },
    stop: off,
  };
}
