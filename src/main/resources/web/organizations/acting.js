// Acting as an organization: the banner under the top bar while this session acts as one, and the
// switch itself. The server keeps who the session acts as (PUT/DELETE /api/session/acting); after a
// switch the page reloads, so the live connection and every view start again as the new identity.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { actAs, stopActing } from '../core/api.js';
import { onMeChange } from '../core/session.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { toast } from '../core/ui/toasts.js';
import { errorMessage } from '../core/ui/errors.js';

/** Switches to acting as `username` (or back to the person, null), then starts the client afresh. */
export async function switchTo(username, trigger) {
  try {
    await withBusy(trigger, () => (username ? actAs(username) : stopActing()));
    location.assign(username ? `/u/${encodeURIComponent(username)}` : '/hallway');
  } catch (error) {
    if (error.status !== 401) toast(errorMessage(error), { kind: 'error' });
  }
}

export function mountActingBanner() {
  const banner = h('div', { class: 'acting-banner', role: 'region', 'data-testid': 'acting-banner', hidden: true });
  document.querySelector('.topbar').append(banner);
  onMeChange((me) => {
    banner.hidden = !me?.operatedBy;
    if (!me?.operatedBy) {
      banner.replaceChildren();
      return;
    }
    banner.setAttribute('aria-label', t('acting.region'));
    const back = button(t('acting.stop'), { class: 'btn btn-sm', 'data-testid': 'stop-acting' });
    back.addEventListener('click', () => switchTo(null, back));
    banner.replaceChildren(
      icon('building', 18),
      h('span', { class: 'acting-text', 'data-testid': 'acting-text' },
        t('acting.as', { name: me.displayName, operator: me.operatedBy.displayName })),
      back);
  });
}
