// "/u/{username}": a member's profile, their place in the invitation tree, and Follow.
import { h, icon } from '../core/dom.js';
import { t, tNodes } from '../core/i18n.js';
import { getProfile, block, unblock } from '../core/api.js';
import { formatDate, formatNumber, timeElement } from '../core/format.js';
import { avatar, memberLink, memberRow, verifiedBadge } from '../core/ui/members.js';
import { currentMe } from '../core/session.js';
import { organizationSections, organizationTag } from '../organizations/profile-sections.js';
import { followButton } from './follow-button.js';
import { profileProposals, proposeLink } from '../conversations/feed.js';
import { notice, pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { toast } from '../core/ui/toasts.js';
import { errorMessage } from '../core/ui/errors.js';
import { confirmDialog } from '../core/ui/dialogs.js';
import { profilePath } from '../core/auth.js';

export async function render(ctx) {
  const stopSkeleton = delayedSkeleton(ctx.view, profileSkeleton);
  let profile;
  try {
    profile = await getProfile(ctx.params.username, { signal: ctx.signal });
  } catch (error) {
    if (error.status === 404) {
      ctx.view.replaceChildren(notice({
        title: t('profile.notFound.title'),
        body: t('profile.notFound.body', { username: ctx.params.username }),
        testid: 'profile-not-found',
      }));
      ctx.ready(t('profile.notFound.title'));
      return;
    }
    throw error;
  } finally {
    stopSkeleton();
  }
  if (profile.username !== ctx.params.username && !ctx.signal.aborted) {
    history.replaceState(null, '', profilePath(profile.username)); // /u/ADA → /u/ada, as typed at sign-up
  }
  ctx.view.replaceChildren(h('div', { class: 'profile-page' }, header(profile, ctx),
    ...organizationSections(profile, currentMe(), ctx), profileProposals(profile, ctx.signal),
    profile.organization ? null : invitedSection(profile)));
  ctx.ready(profile.displayName);
}

function profileSkeleton() {
  return h('div', { class: 'card profile-card' },
    h('div', { class: 'profile-top' }, h('div', { class: 'skeleton-avatar' }),
      h('div', { class: 'grow' }, skeletonLines(2))),
    skeletonLines(3));
}

function countLink(profile, list, count) {
  const number = h('span', { class: 'stat-number', 'data-testid': `${list === 'followers' ? 'follower' : 'following'}-count` },
    formatNumber(count));
  const link = h('a', { class: 'stat', href: `${profilePath(profile.username)}/${list}` },
    tNodes(`profile.${list}`, { count, number }));
  return { link, number };
}

function header(profile, ctx) {
  const followers = countLink(profile, 'followers', profile.followerCount);
  const following = countLink(profile, 'following', profile.followingCount);
  let followerCount = profile.followerCount;
  // The optimistic follow button moves this count before the server confirms (and back on failure).
  const refreshFollowers = () => {
    followers.number.textContent = formatNumber(followerCount);
    followers.link.replaceChildren(...tNodes('profile.followers', { count: followerCount, number: followers.number }));
  };

  const actions = profile.isMe
    ? h('div', { class: 'profile-actions' },
      h('a', { class: 'btn', href: '/me/edit', 'data-testid': 'edit-profile-link' }, t('profile.edit')),
      profile.organization ? null
        : h('a', { class: 'btn btn-primary', href: '/invites', 'data-testid': 'invite-friends-link' }, t('profile.inviteFriends')))
    : h('div', { class: 'profile-actions' },
      profile.blockedByMe ? null : followButton(profile.username, profile.followedByMe, {
        onChange(delta) {
          followerCount += delta;
          refreshFollowers();
        },
      }),
      profile.blockedByMe ? null : proposeLink(profile),
      blockButton(profile, ctx));

  const origin = profile.organization ? null : profile.invitedBy
    ? h('p', { class: 'meta-line', 'data-testid': 'profile-invited-by' },
      tNodes('profile.invitedBy', { inviter: memberLink(profile.invitedBy, { 'data-testid': 'profile-inviter-link' }) }))
    : h('p', { class: 'meta-line', 'data-testid': 'profile-founding-member' }, t('profile.foundingMember'));

  return h('section', { class: 'card profile-card', 'data-testid': 'profile', 'data-username': profile.username },
    h('div', { class: 'profile-top' },
      avatar(profile, 'lg'),
      h('div', { class: 'profile-names' },
        nameHeading(profile),
        profile.verified ? h('p', { class: 'verified-label', 'data-testid': 'profile-verified-label' }, profile.verified) : null,
        h('p', { class: 'member-handle', 'data-testid': 'profile-username' }, `@${profile.username}`, organizationTag(profile),
          profile.followsMe ? h('span', { class: 'badge badge-soft', 'data-testid': 'follows-you' }, t('profile.followsYou')) : null))),
    profile.bio
      ? h('p', { class: 'bio', 'data-testid': 'profile-bio' }, profile.bio)
      : (profile.isMe ? h('p', { class: 'bio bio-empty' }, t('profile.noBioOwn')) : null),
    h('div', { class: 'meta' },
      h('p', { class: 'meta-line', 'data-testid': 'member-since' },
        tNodes('profile.memberSince', { date: timeElement(profile.memberSince, formatDate(profile.memberSince)) })),
      origin),
    h('div', { class: 'stats' }, followers.link, following.link),
    profile.blockedByMe ? h('p', { class: 'note', 'data-testid': 'blocked-note' }, t('profile.blockedNote', { name: profile.displayName })) : null,
    actions);
}

/** The name as the page's heading, a verified account's check mark inside it, after the last word. */
function nameHeading(profile) {
  const heading = pageHeading(profile.displayName, { 'data-testid': 'profile-display-name' });
  const badge = verifiedBadge(profile, 22);
  if (badge) heading.append(badge);
  return heading;
}

function invitedSection(profile) {
  const invited = profile.invited || [];
  const heading = h('h2', { class: 'section-title' }, t('profile.invited.title'),
    h('span', { class: 'section-count' }, String(invited.length)));
  let body;
  if (invited.length) {
    body = h('ul', { class: 'member-list', 'data-testid': 'invited-list' },
      invited.map((ref) => memberRow(ref, null, 'invited-member')));
  } else if (profile.isMe) {
    body = h('p', { class: 'empty' }, t('profile.invited.emptyOwn'), ' ',
      h('a', { href: '/invites' }, t('profile.inviteFriends')));
  } else {
    body = h('p', { class: 'empty' }, t('profile.invited.empty', { name: profile.displayName }));
  }
  return h('section', { class: 'section', 'data-testid': 'invited-section' },
    heading, h('p', { class: 'section-sub' }, t('profile.invited.explain')), body);
}

/**
 * Block / Unblock, each behind a confirm step. Blocking ends follows both ways and keeps them out of
 * rooms the reader moderates, so the page is loaded again afterwards to show the new counts.
 */
function blockButton(profile, ctx) {
  const blocked = profile.blockedByMe;
  const btn = button(t(blocked ? 'profile.unblock' : 'profile.block'), {
    class: `btn ${blocked ? '' : 'btn-ghost btn-danger-text'}`, 'data-testid': 'block-button',
    'data-state': blocked ? 'blocked' : 'not-blocked',
  });
  if (!blocked) btn.prepend(icon('ban', 18));
  btn.addEventListener('click', async () => {
    const key = blocked ? 'profile.unblockConfirm' : 'profile.blockConfirm';
    const sure = await confirmDialog({
      title: t(`${key}.title`, { username: profile.username }),
      body: t(`${key}.body`, { name: profile.displayName }),
      confirm: t(`${key}.yes`),
      danger: !blocked,
      testid: 'block-confirm',
    });
    if (!sure) return;
    try {
      await withBusy(btn, () => (blocked ? unblock(profile.username) : block(profile.username)));
      toast(t(blocked ? 'profile.unblocked' : 'profile.blocked', { username: profile.username }));
      ctx.navigate(profilePath(profile.username), { replace: true });
    } catch (error) {
      if (error.status !== 401) toast(errorMessage(error), { kind: 'error' });
    }
  });
  return btn;
}
