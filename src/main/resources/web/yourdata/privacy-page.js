// "/privacy": what this deployment keeps, for how long, who sees what — worded here in the reader's
// language from the facts the server reads off its configuration (getPrivacy). Open to everyone.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { getPrivacy } from '../core/api.js';
import { currentMe } from '../core/session.js';
import { pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';

const section = (title, testid, ...lines) => h('section', { class: 'card privacy-section', 'data-testid': testid },
  h('h2', { class: 'card-title' }, title),
  h('ul', { class: 'privacy-list' }, ...lines.filter(Boolean).map((line) => h('li', {}, line))));

export async function render(ctx) {
  const stop = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(6))));
  let f;
  try {
    f = await getPrivacy({ signal: ctx.signal });
  } finally {
    stop();
  }
  const signedIn = !!currentMe();
  const settings = (text) => (signedIn ? h('a', { href: '/settings' }, text) : text);
  ctx.view.replaceChildren(h('div', { class: 'narrow privacy-page', 'data-testid': 'privacy-page' },
    pageHeading(t('privacy.title')),
    h('p', { class: 'section-sub' }, t('privacy.intro')),
    section(t('privacy.storedTitle'), 'privacy-stored',
      t('privacy.stored.profile'), t('privacy.stored.graph'), t('privacy.stored.password'),
      h('span', { 'data-testid': 'privacy-audio' }, t('privacy.stored.noAudio')), t('privacy.stored.noContacts')),
    section(t('privacy.howLongTitle'), 'privacy-retention',
      t('privacy.keep.sessions', { count: f.sessionDays, minutes: f.lastUsedMinutes }),
      t('privacy.keep.notifications', { count: f.notificationDays }),
      h('span', { 'data-testid': 'privacy-exports' }, t('privacy.keep.exports', { count: f.exportHours })),
      t('privacy.keep.invitations', { count: f.invitationDays }),
      t('privacy.keep.deletion')),
    section(t('privacy.ipTitle'), 'privacy-ip',
      h('span', { 'data-testid': 'privacy-networks' }, t(f.sessionNetworks ? 'privacy.ip.sessionsOn' : 'privacy.ip.sessionsOff')),
      t(f.ipsRedactedInLogs ? 'privacy.ip.logsRedacted' : 'privacy.ip.logsFull')),
    section(t('privacy.whoTitle'), 'privacy-who',
      t('privacy.who.profile'), t('privacy.who.tree'), t('privacy.who.blocks'), t('privacy.who.rooms'),
      t('privacy.who.limits', { session: f.memberReadsPerSession, ip: f.memberReadsPerIp })),
    section(t('privacy.rightsTitle'), 'privacy-rights',
      settings(t('privacy.rights.export')), settings(t('privacy.rights.delete')), settings(t('privacy.rights.devices')))));
  ctx.ready(t('privacy.title'));
}
