// Modal dialogs and bottom sheets on the native <dialog> element: focus is trapped and restored,
// Escape closes, and the page behind is inert. Built with h(), so text stays text.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { button } from './buttons.js';

/**
 * Opens a modal. content: nodes for the body; footer: nodes for the action row (optional);
 * sheet: slides up from the bottom on phones (menus). Returns {dialog, body, close()}; onClose runs
 * once however it was closed.
 */
export function openDialog({ title, content = [], footer = null, testid = 'dialog', sheet = false, onClose = () => {} }) {
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const body = h('div', { class: 'dialog-body' }, content);
  const closeButton = h('button', { type: 'button', class: 'icon-btn dialog-close', 'aria-label': t('common.close'),
    'data-testid': `${testid}-close` }, icon('x', 20));
  const dialog = h('dialog', { class: `dialog${sheet ? ' dialog-sheet' : ''}`, 'aria-labelledby': titleId, 'data-testid': testid },
    h('div', { class: 'dialog-head' }, h('h2', { id: titleId, class: 'dialog-title' }, title), closeButton),
    body,
    footer ? h('div', { class: 'dialog-foot' }, footer) : null);
  const close = () => {
    if (dialog.open) dialog.close();
  };
  closeButton.addEventListener('click', close);
  // A click on the backdrop (the dialog element itself, outside its box) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    const inside = event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
    if (!inside) close();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose();
  }, { once: true });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, body, close };
}

/** Asks a yes/no question; resolves to true when confirmed. */
export function confirmDialog({ title, body, confirm, cancel = t('common.cancel'), danger = false, testid = 'confirm' }) {
  return new Promise((resolve) => {
    let answer = false;
    const yes = button(confirm, { class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, 'data-testid': `${testid}-yes` });
    const no = button(cancel, { class: 'btn btn-ghost', 'data-testid': `${testid}-no` });
    const d = openDialog({
      title, testid, content: body ? [h('p', { class: 'dialog-text' }, body)] : [], footer: [no, yes],
      onClose: () => resolve(answer),
    });
    yes.addEventListener('click', () => {
      answer = true;
      d.close();
    });
    no.addEventListener('click', d.close);
    no.focus();
  });
}
