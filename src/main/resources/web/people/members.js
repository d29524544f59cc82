// "/u/{username}/followers" and "/u/{username}/following": paged member lists with Follow buttons.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { getProfile, listFollowers, listFollowing } from '../core/api.js';
import { isMe } from '../core/session.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { memberRow } from '../core/ui/members.js';
import { followButton } from './follow-button.js';
import { pageHeading, backLink, notice } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { errorMessage } from '../core/ui/errors.js';
import { formAlert } from '../core/ui/forms.js';
import { profilePath } from '../core/auth.js';

const PAGE_SIZE = 50;

export async function render(ctx) {
  const { username, list } = ctx.params;
  const fetchPage = list === 'followers' ? listFollowers : listFollowing;
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('ul', { class: 'member-list' },
    Array.from({ length: 4 }, () => h('li', { class: 'member-row' }, h('div', { class: 'skeleton-avatar sm' }),
      h('div', { class: 'grow' }, skeletonLines(2))))));
  let profile;
  let first;
  try {
    [profile, first] = await Promise.all([
      getProfile(username, { signal: ctx.signal }),
      fetchPage(username, { limit: PAGE_SIZE, offset: 0 }, { signal: ctx.signal }),
    ]);
  } catch (error) {
    if (error.status === 404) {
      ctx.view.replaceChildren(notice({
        title: t('profile.notFound.title'),
        body: t('profile.notFound.body', { username }),
        testid: 'profile-not-found',
      }));
      ctx.ready(t('profile.notFound.title'));
      return;
    }
    throw error;
  } finally {
    stopSkeleton();
  }

  const title = t(`members.${list}.title${profile.isMe ? 'Own' : ''}`, { name: profile.displayName });
  const ul = h('ul', { class: 'member-list', 'data-testid': `${list}-list` });
  const alert = formAlert('members-error');
  const more = button(t('members.loadMore'), { class: 'btn btn-block', 'data-testid': 'load-more' });
  const summary = h('p', { class: 'section-sub', 'data-testid': 'members-total' });
  let loaded = 0;
  let total = 0;

  const add = (page) => {
    total = page.total;
    loaded += page.items.length;
    for (const member of page.items) {
      const trailing = isMe(member.username)
        ? h('span', { class: 'badge badge-soft' }, t('members.you'))
        : followButton(member.username, member.followedByMe, { small: true });
      ul.append(memberRow(member, trailing));
    }
    summary.textContent = t(`members.${list}.count`, { count: total });
    // A page shorter than asked for also means the end, should the total have moved meanwhile.
    more.hidden = loaded >= total || page.items.length < PAGE_SIZE;
  };
  add(first);

  more.addEventListener('click', async () => {
    alert.clear();
    try {
      const next = await withBusy(more, () => fetchPage(username, { limit: PAGE_SIZE, offset: loaded }, { signal: ctx.signal }));
      add(next);
    } catch (error) {
      if (error.name !== 'AbortError') alert.show(errorMessage(error));
    }
  });

  const empty = total === 0
    ? h('p', { class: 'empty', 'data-testid': 'members-empty' },
      t(`members.${list}.empty${profile.isMe ? 'Own' : ''}`, { name: profile.displayName }))
    : null;

  const tabs = h('nav', { class: 'tabs', 'aria-label': t('members.tabs') },
    ['followers', 'following'].map((kind) => h('a', {
      class: 'tab', href: `${profilePath(profile.username)}/${kind}`,
      'aria-current': kind === list ? 'page' : null,
    }, t(`members.${kind}.tab`))));

  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    backLink(profilePath(profile.username),
      profile.isMe ? t('members.backOwn') : t('members.back', { name: profile.displayName })),
    pageHeading(title),
    tabs,
    summary,
    empty || ul,
    alert.element,
    more));
  ctx.ready(title);
}
