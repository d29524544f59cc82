// Public proposals as one-line stories: "Ada invited the Press Office to talk about energy — awaiting
// answer", with a link to the proposal and, once accepted, to its event. On a member's profile (their
// public proposals, made or received) and in the hallway (those of people the reader follows).
import { h, icon } from '../core/dom.js';
import { t, tNodes, currentFormatLocale } from '../core/i18n.js';
import { listProposals } from '../core/api.js';
import { memberLink } from '../core/ui/members.js';
import { errorMessage } from '../core/ui/errors.js';
import { formatRelative, timeElement } from '../core/format.js';

/** "Ada invited Bob and Cat to talk about {topic}" with the status after it. */
export function storyLine(p) {
  const names = p.recipients.map((r) => memberLink(r.member));
  const list = new Intl.ListFormat(currentFormatLocale(), { type: 'conjunction' });
  const parts = list.formatToParts(names.map((_, i) => `\u0000${i}`));
  const to = h('span', {}, parts.map((part) => (part.type === 'element' ? names[Number(part.value.slice(1))] : part.value)));
  const topic = h('a', { href: p.url, class: 'proposal-topic-link', 'data-testid': 'proposal-story-link' }, p.topic);
  return h('p', { class: 'proposal-story-text' },
    tNodes('proposals.story', { from: p.proposer ? memberLink(p.proposer) : t('proposals.formerMember'), to, topic }),
    ' — ', h('span', { class: `proposal-story-status status-${p.status}`, 'data-testid': 'proposal-story-status' },
      t(`proposals.storyStatus.${p.status}`)));
}

function storyItem(p) {
  return h('li', { class: 'proposal-story', 'data-testid': 'proposal-story', 'data-proposal-id': p.id },
    h('span', { class: 'proposal-story-icon', 'aria-hidden': 'true' }, icon('chat', 18)),
    h('div', { class: 'proposal-story-body' },
      storyLine(p),
      h('p', { class: 'proposal-story-meta' }, timeElement(p.updatedAt, formatRelative(p.updatedAt)),
        p.event ? h('a', { class: 'proposal-event-link', href: p.event.url, 'data-testid': 'proposal-story-event' },
          icon('calendar', 14), ' ', t('proposals.seeEvent')) : null)));
}

/** A section of stories, filled when they arrive; hidden while there are none. */
function storySection({ query, title, testid, signal, emptyHidden = true }) {
  const list = h('ul', { class: 'proposal-stories', 'data-testid': `${testid}-list` });
  const problem = h('p', { class: 'section-sub', hidden: true });
  const id = `${testid}-title`;
  const section = h('section', { class: 'section proposal-feed', 'aria-labelledby': id, 'data-testid': testid, hidden: emptyHidden },
    h('h2', { class: 'section-title', id }, title), problem, list);
  listProposals(query, { signal }).then(({ proposals }) => {
    list.replaceChildren(...proposals.map(storyItem));
    section.hidden = proposals.length === 0;
  }).catch((error) => {
    if (error.name === 'AbortError') return;
    problem.textContent = errorMessage(error);
    problem.hidden = false;
    section.hidden = false;
  });
  return section;
}

/** The profile's "Conversations": the member's public proposals, made or received. */
export function profileProposals(profile, signal) {
  return storySection({ query: { member: profile.username }, title: t('proposals.profile.title'),
    testid: 'profile-proposals', signal });
}

/** The hallway's "Invitations to talk": public proposals of people the reader follows. */
export function hallwayProposals(signal) {
  return storySection({ query: { box: 'following' }, title: t('proposals.hallway.title'), testid: 'hallway-proposals', signal });
}

/** "Propose a conversation" on another member's profile. */
export function proposeLink(profile) {
  return h('a', { class: 'btn', href: `/proposals/new?to=${encodeURIComponent(profile.username)}`, 'data-testid': 'propose-link' },
    icon('chat', 18), ' ', t('proposals.propose'));
}
