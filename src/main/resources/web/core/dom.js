// A tiny element builder. Text always goes in as text nodes, never as HTML, so member-supplied
// names and bios cannot inject markup.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'readOnly', 'selected', 'htmlFor']);

/**
 * h('a', {href: '/x', class: 'link', 'data-testid': 'x', onclick: fn}, 'text', otherNode)
 * Attributes with null/undefined/false values are skipped; arrays of children are flattened.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (PROPERTIES.has(name)) {
      element[name] = value;
    } else if (name === 'text') {
      element.textContent = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Like replaceChildren, but skips null/false children the way h() does. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let idCounter = 0;
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Inline SVG icon from a small built-in set (paths are 24×24, stroked). */
const ICONS = {
  eye: 'M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  eyeOff: 'M3 3l18 18 M10.6 5.1A10.9 10.9 0 0 1 12 5c6.4 0 10 7 10 7a17.6 17.6 0 0 1-3.2 4.2 M6.6 6.6C3.9 8.4 2 12 2 12s3.6 7 10 7c1.8 0 3.4-.5 4.8-1.3 M9.9 9.9a3 3 0 0 0 4.2 4.2',
  copy: 'M9 9h11v11H9z M5 15H4V4h11v1',
  check: 'M4 12.5l5 5L20 6.5',
  verified: 'M12 2.5l2.4 1.7 2.9-.2 1 2.8 2.5 1.5-.8 2.8.8 2.8-2.5 1.5-1 2.8-2.9-.2L12 21.5l-2.4-1.7-2.9.2-1-2.8-2.5-1.5.8-2.8-.8-2.8 2.5-1.5 1-2.8 2.9.2z M8.5 12.2l2.4 2.4 4.6-4.8',
  building: 'M4 21V5l8-3v19 M12 8h8v13 M2 21h20 M7 8h2 M7 12h2 M7 16h2 M15 12h2 M15 16h2',
  user: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9z M3.5 21c1.3-4 4.6-6 8.5-6s7.2 2 8.5 6',
  ticket: 'M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z M14 7v10',
  gear: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M19.4 13.5l1.6 1.2-2 3.4-1.9-.7a7.6 7.6 0 0 1-2 1.2L14.8 21h-4l-.3-2.4a7.6 7.6 0 0 1-2-1.2l-1.9.7-2-3.4 1.6-1.2a7.8 7.8 0 0 1 0-2.3L4.6 10l2-3.4 1.9.7a7.6 7.6 0 0 1 2-1.2L10.8 3.7h4l.3 2.4a7.6 7.6 0 0 1 2 1.2l1.9-.7 2 3.4-1.6 1.2a7.8 7.8 0 0 1 0 2.3z',
  plus: 'M12 5v14 M5 12h14',
  arrowLeft: 'M19 12H5 M11 6l-6 6 6 6',
  arrowUp: 'M12 19V5 M6 11l6-6 6 6',
  arrowDown: 'M12 5v14 M6 13l6 6 6-6',
  radio: 'M12 13.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z M8.5 8.5a5 5 0 0 0 0 7 M15.5 8.5a5 5 0 0 1 0 7 M5.6 5.6a9 9 0 0 0 0 12.8 M18.4 5.6a9 9 0 0 1 0 12.8',
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z M19 11a7 7 0 0 1-14 0 M12 18v3',
  micOff: 'M3 3l18 18 M9 9v3a3 3 0 0 0 5.1 2.1 M15 9.3V6a3 3 0 0 0-5.7-1.3 M19 11a7 7 0 0 1-1.1 3.8 M5 11a7 7 0 0 0 10.6 6 M12 18v3',
  hand: 'M8 13V5.5a1.5 1.5 0 0 1 3 0V11 M11 10.5V4a1.5 1.5 0 0 1 3 0v7 M14 10.5V5.5a1.5 1.5 0 0 1 3 0V12 M17 9.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-1a7 7 0 0 1-5.6-2.8L3.7 14.4a1.6 1.6 0 0 1 2.4-2.1L8 14',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M2 21c.8-3.5 3.6-5.5 7-5.5s6.2 2 7 5.5 M16 3.5a4 4 0 0 1 0 7.5 M18.5 15.5c1.8.8 3 2.6 3.5 5.5',
  leave: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9',
  chat: 'M4 5h16v11H9l-5 4z M8 9h8 M8 12.5h5',
  bell: 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9 M10.3 21a1.9 1.9 0 0 0 3.4 0',
  star: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1L3.2 9.5l6.1-.9z',
  pencil: 'M4 20h4L19 9l-4-4L4 16z M13.5 6.5l4 4',
  lock: 'M6 11h12v10H6z M8.5 11V7.5a3.5 3.5 0 0 1 7 0V11',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M3 12h18 M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9 M12 3c-2.5 2.5-3.8 5.5-3.8 9s1.3 6.5 3.8 9',
  x: 'M6 6l12 12 M18 6L6 18',
  ban: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M5.6 5.6l12.8 12.8',
  power: 'M12 3v9 M6.3 6.3a8 8 0 1 0 11.4 0',
  userX: 'M10 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M3 21c.8-3.5 3.6-5.5 7-5.5 2 0 3.7.6 5 1.8 M17 14l5 5 M22 14l-5 5',
  more: 'M5 12h.01 M12 12h.01 M19 12h.01',
  volume: 'M4 9h4l5-4v14l-5-4H4z M16 9a4 4 0 0 1 0 6 M18.5 6.5a8 8 0 0 1 0 11',
  share: 'M12 3v12 M7.5 7.5L12 3l4.5 4.5 M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7',
  chevronDown: 'M6 9l6 6 6-6',
  calendar: 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5',
  signalWeak: 'M4 20v-3 M9 20v-7 M14 20v-3 M19 20v-3 M13 4l6 6 M19 4l-6 6',
  search: 'M4 11a7 7 0 1 0 14 0a7 7 0 1 0-14 0 M20 20l-4.2-4.2',
};

export function icon(name, size = 18) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  for (const d of ICONS[name].split(' M')) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d.startsWith('M') ? d : `M${d}`);
    svg.append(path);
  }
  return svg;
}

/**
 * Makes container's children match `items` in order, reusing the element already built for an item
 * whose key and version are unchanged (so focus and hover survive live updates). build(item) makes a
 * new element; version(item) is anything compared with === (e.g. the immutable participant object).
 */
export function reconcile(container, items, { key, version = (item) => item, build }) {
  const old = new Map();
  for (const child of container.children) {
    if (child.__key !== undefined) old.set(child.__key, child);
  }
  let cursor = container.firstElementChild;
  for (const item of items) {
    const k = key(item);
    const v = version(item);
    let element = old.get(k);
    if (element && element.__version === v) {
      old.delete(k);
    } else {
      if (element) {
        old.delete(k);
        if (element === cursor) cursor = cursor.nextElementSibling;
        element.remove();
      }
      element = build(item);
      element.__key = k;
      element.__version = v;
    }
    if (element !== cursor) container.insertBefore(element, cursor);
    else cursor = cursor.nextElementSibling;
  }
  // Everything from the cursor on was not asked for: old items that went, or an empty-state line.
  while (cursor) {
    const next = cursor.nextElementSibling;
    cursor.remove();
    cursor = next;
  }
  return container;
}
