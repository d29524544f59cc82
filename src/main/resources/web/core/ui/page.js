// Page furniture: the focusable page heading, back links and full-page notices.
import { h, icon } from '../dom.js';

export function pageHeading(text, attrs = {}) {
  return h('h1', { class: 'page-title', tabindex: '-1', ...attrs }, text);
}

export function backLink(href, text) {
  return h('a', { class: 'back-link', href }, icon('arrowLeft', 16), h('span', {}, text));
}

/** A full-page message (not found, invitation unusable, load failure). */
export function notice({ title, body, testid, action }) {
  return h('section', { class: 'card notice', 'data-testid': testid },
    pageHeading(title), body ? h('p', { class: 'notice-body' }, body) : null, action || null);
}
