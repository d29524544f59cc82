// A room's audience: listeners followed by the people on stage first (followed.js), then the others,
// then "…and N more" for the part of a big audience no client holds (state.js).
//
// "Followed by the speakers" is a social cue about other people: a group holding only me says
// nothing, so then I stand with the others (or "In the room") instead.
import { h, reconcile } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { formatNumber } from '../../core/format.js';
import { audience, listenerCount } from '../state.js';

/** Returns {element, draw(state, me, followed, tile)}; tile(testid) is the reconcile spec for a person. */
export function audienceSection() {
  const followedList = h('ul', { class: 'audience-grid', 'data-testid': 'audience-followed' });
  const othersList = h('ul', { class: 'audience-grid', 'data-testid': 'audience-others' });
  const followedGroup = h('div', { class: 'audience-group' }, h('h3', { class: 'group-title' }, t('room.audience.followed')), followedList);
  const othersTitle = h('h3', { class: 'group-title' });
  const othersGroup = h('div', { class: 'audience-group' }, othersTitle, othersList);
  const empty = h('p', { class: 'empty small', 'data-testid': 'audience-empty' }, t('room.audience.empty'));
  // A big audience: the page every client holds is shown in full, the rest as a number.
  const more = h('p', { class: 'audience-more small', 'data-testid': 'audience-more', hidden: true });
  const count = h('span', { class: 'section-count' });
  const element = h('section', { class: 'room-section' }, h('h2', { class: 'section-title' }, t('room.audience.title'), count),
    followedGroup, othersGroup, more, empty);

  function draw(state, me, followed, tile) {
    const held = audience(state);
    // Far back in a big audience the room's state does not hold me; I still see myself.
    const listeners = me.role === 'listener' && !state.participants.has(me.memberId) ? [...held, me] : held;
    const total = listenerCount(state);
    let inFollowed = listeners.filter((p) => followed.has(p.username));
    if (inFollowed.every((p) => p.memberId === me.memberId)) inFollowed = [];
    const others = listeners.filter((p) => !inFollowed.includes(p));
    count.textContent = formatNumber(total);
    followedGroup.hidden = !inFollowed.length;
    othersGroup.hidden = !others.length;
    othersTitle.textContent = t(inFollowed.length || total > listeners.length ? 'room.audience.others' : 'room.audience.everyone');
    empty.hidden = total > 0;
    const unseen = total - listeners.length;
    more.hidden = unseen <= 0;
    more.dataset.count = String(Math.max(0, unseen));
    if (unseen > 0) more.textContent = t('room.audience.more', { count: unseen });
    reconcile(followedList, inFollowed, tile('audience-member'));
    reconcile(othersList, others, tile('audience-member'));
  }

  return { element, draw };
}
