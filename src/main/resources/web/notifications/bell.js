// The bell in the navigation: a link to the notifications with the unread count on it, read out as
// part of its name ("Notifications, 3 unread").
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { formatNumber } from '../core/format.js';
import { unread } from './unread.js';

let shown = null; // the bell now in the navigation (the navigation is redrawn on every route)

function draw(count) {
  if (!shown) return;
  shown.badge.hidden = count === 0;
  shown.badge.textContent = count > 99 ? '99+' : formatNumber(count);
  shown.label.textContent = t('notifications.nav');
  shown.link.setAttribute('aria-label', count ? t('notifications.navUnread', { count }) : t('notifications.nav'));
}

unread.subscribe(draw);

export function bellLink(current) {
  const badge = h('span', { class: 'bell-badge', 'aria-hidden': 'true', 'data-testid': 'bell-count' });
  const label = h('span', { class: 'topnav-label' });
  const link = h('a', {
    href: '/notifications', class: 'topnav-link bell', 'data-testid': 'nav-notifications',
    'aria-current': current ? 'page' : null,
  }, h('span', { class: 'bell-icon' }, icon('bell', 20), badge), label);
  shown = { badge, label, link };
  draw(unread.get());
  return link;
}
