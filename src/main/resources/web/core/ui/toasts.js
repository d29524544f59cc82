// Notices that come and go: the one-line status toast, and action toasts that carry a link.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';

let toastTimer;
export function toast(message, { kind = 'info' } = {}) {
  const region = document.getElementById('toast');
  region.textContent = message;
  region.dataset.kind = kind;
  region.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => region.classList.remove('visible'), 4000);
}

/**
 * A notice with a link that stays a while (e.g. "Ada pinged you into a room — Join"). Unlike
 * toast() it can be clicked, and it has its own dismiss button.
 */
export function actionToast(message, { label, href, testid = 'action-toast', timeoutMs = 12000 }) {
  let region = document.getElementById('action-toasts');
  if (!region) {
    region = h('div', { id: 'action-toasts', class: 'action-toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  const close = () => item.remove();
  const item = h('div', { class: 'action-toast', 'data-testid': testid },
    h('p', { class: 'action-toast-text' }, message),
    h('a', { class: 'btn btn-primary btn-sm', href, onclick: close, 'data-testid': `${testid}-link` }, label),
    h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('common.dismiss'), onclick: close }, icon('x', 18)));
  region.append(item);
  setTimeout(close, timeoutMs);
  return item;
}
