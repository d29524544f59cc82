// The "Reconnecting…" banner under the top bar while the live connection is down.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { onStatus } from '../socket/connection.js';
import { PROGRESS_DELAY_MS } from './buttons.js';

let bannerTimer = null;

/** Shows after PROGRESS_DELAY_MS of being down, so blips do not flash it. */
export function mountBanner() {
  const banner = h('div', { class: 'live-banner', role: 'status', 'data-testid': 'live-banner', hidden: true },
    h('span', { class: 'spinner live-spinner', 'aria-hidden': 'true' }), h('span', { 'data-i18n': 'live.reconnecting' }, t('live.reconnecting')));
  // Inside the sticky top bar: it stays in view, in the banner landmark.
  document.querySelector('.topbar').append(banner);
  onStatus((s) => {
    clearTimeout(bannerTimer);
    if (s === 'reconnecting') bannerTimer = setTimeout(() => { banner.hidden = false; }, PROGRESS_DELAY_MS);
    else banner.hidden = true;
  });
}
