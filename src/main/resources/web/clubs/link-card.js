// A club's invitation link opened by someone who already has an account: instead of the sign-up
// form, the club it invites to and a button to join it (joinClubByLink). Null when the link names no club.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { request } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { errorMessage } from '../core/ui/errors.js';
import { pageHeading } from '../core/ui/page.js';
import { clubPhoto } from './photo.js';

export async function clubLinkPage(code, ctx) {
  let club;
  try {
    club = await request('GET', `/api/club-links/${encodeURIComponent(code)}`, { signal: ctx.signal });
  } catch (error) {
    if (error.status === 404) return false;
    throw error;
  }
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const join = button(t('clubs.link.join', { name: club.name }), { class: 'btn btn-primary', 'data-testid': 'club-link-join' });
  join.addEventListener('click', () => withBusy(join, async () => {
    const joined = await request('POST', `/api/club-links/${encodeURIComponent(code)}`);
    ctx.navigate(joined.url);
  }).catch((error) => {
    alert.textContent = errorMessage(error);
    alert.hidden = false;
  }));
  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    h('section', { class: 'card club-head', 'data-testid': 'club-link-page' },
      h('div', { class: 'club-head-top' }, clubPhoto(club, 'lg'),
        h('div', { class: 'club-head-names' }, pageHeading(t('clubs.link.title', { name: club.name })),
          h('p', { class: 'club-slug' }, club.url))),
      h('p', {}, t('clubs.link.body')), alert, h('div', { class: 'club-actions' }, join))));
  ctx.ready(t('clubs.link.title', { name: club.name }));
  return true;
}
