// "/c/{slug}": a club — about, rules, its live rooms, its members (leaders first, paged) — with what
// the reader may do by the club's policy and their role: join, ask to join, leave, follow; leaders
// start rooms; admins answer requests, invite, give roles, remove and ban (admin.js).
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { requireMe } from '../core/auth.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { confirmDialog } from '../core/ui/dialogs.js';
import { errorMessage } from '../core/ui/errors.js';
import { memberRow } from '../core/ui/members.js';
import { backLink, notice, pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { toast } from '../core/ui/toasts.js';
import { languageName } from '../rooms/languages.js';
import { getClub, joinClub, leaveClub, followClub, unfollowClub, listClubMembers, listClubRooms, listClubEvents } from './api.js';
import { adminTools, memberControls } from './admin.js';
import { startRoomForm } from './start-room.js';
import { clubPhoto } from './photo.js';
import { formatShort } from '../schedule/when.js';

const PAGE = 20;
const RANK = { member: 0, leader: 1, admin: 2, founder: 3 };

export const atLeast = (club, role) => club.you.role != null && RANK[club.you.role] >= RANK[role];

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const stop = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(6))));
  let club;
  try {
    club = await getClub(ctx.params.slug, { signal: ctx.signal });
  } catch (error) {
    if (error.code !== 'club_not_found') throw error;
    showNotFound(ctx);
    return;
  } finally {
    stop();
  }
  const page = h('div', { class: 'narrow club-page', 'data-testid': 'club-page' });
  const draw = async (next) => {
    club = next || await getClub(club.id);
    page.replaceChildren(...clubPage(club, me, ctx, draw).filter(Boolean));
  };
  await draw(club);
  ctx.view.replaceChildren(page);
  ctx.ready(club.name);
}

export function showNotFound(ctx) {
  ctx.view.replaceChildren(h('div', { class: 'narrow' }, notice({
    title: t('clubs.notFound.title'), body: t('clubs.notFound.body'), testid: 'club-not-found',
    action: h('a', { class: 'btn btn-primary', href: '/clubs' }, t('clubs.mine.title')),
  })));
  ctx.ready(t('clubs.notFound.title'));
}

function clubPage(club, me, ctx, redraw) {
  const alert = h('p', { class: 'alert', role: 'alert', 'data-testid': 'club-error', hidden: true });
  const act = (btn, work) => async () => {
    alert.hidden = true;
    try {
      await withBusy(btn, work);
    } catch (error) {
      if (error.name === 'AbortError') return;
      alert.textContent = errorMessage(error);
      alert.hidden = false;
    }
  };
  return [
    backLink('/clubs', t('clubs.mine.title')),
    h('article', { class: 'card club-head' },
      h('div', { class: 'club-head-top' }, clubPhoto(club, 'lg'),
        h('div', { class: 'club-head-names' },
          pageHeading(club.name, { 'data-testid': 'club-name', class: 'page-title club-name' }),
          h('p', { class: 'club-slug' }, club.url),
          h('p', { class: 'club-badges' },
            h('span', { class: 'badge badge-soft', 'data-testid': 'club-policy' }, t(`clubs.policy.${club.joinPolicy}`)),
            club.languages.map((code) => h('span', { class: 'badge badge-soft' }, languageName(code)))))),
      h('p', { class: 'club-counts', 'data-testid': 'club-counts' },
        t('clubs.memberCount', { count: club.memberCount }), ' · ', t('clubs.followerCount', { count: club.followerCount })),
      club.topics.length ? h('ul', { class: 'club-topics', 'aria-label': t('clubs.topics') },
        club.topics.map((topic) => h('li', { class: 'badge' }, topic))) : null,
      standing(club),
      alert,
      actions(club, act, redraw)),
    club.description ? section('about', t('clubs.about'), h('p', { class: 'club-text', 'data-testid': 'club-about' }, club.description)) : null,
    club.rules ? section('rules', t('clubs.rules'), h('p', { class: 'club-text', 'data-testid': 'club-rules' }, club.rules)) : null,
    roomsSection(club, ctx),
    eventsSection(club),
    membersSection(club, me, redraw),
    atLeast(club, 'admin') ? adminTools(club, redraw) : null,
  ];
}

function section(id, title, ...body) {
  return h('section', { class: 'card', 'aria-labelledby': `club-${id}-title`, 'data-testid': `club-section-${id}` },
    h('h2', { class: 'card-title', id: `club-${id}-title` }, title), ...body);
}

/** One line that says where the reader stands, when it is not obvious from the buttons. */
function standing(club) {
  const you = club.you;
  const key = you.banned ? 'banned' : you.role ? `role.${you.role}` : you.requested ? 'requested' : you.invited ? 'invited' : null;
  return key ? h('p', { class: 'club-standing', 'data-testid': 'club-standing' }, t(`clubs.you.${key}`)) : null;
}

function actions(club, act, redraw) {
  const row = h('div', { class: 'club-actions' });
  const you = club.you;
  if (!you.role && !you.banned && !you.requested && (club.joinPolicy !== 'invitation' || you.invited)) {
    const asks = club.joinPolicy === 'approval' && !you.invited;
    const join = button(t(asks ? 'clubs.request' : 'clubs.join'), { class: 'btn btn-primary', 'data-testid': 'club-join' });
    join.addEventListener('click', act(join, async () => {
      const next = await joinClub(club.id);
      toast(t(next.you.role ? 'clubs.joined' : 'clubs.requested'));
      await redraw(next);
    }));
    row.append(join);
  }
  if (you.requested) {
    const withdraw = button(t('clubs.withdraw'), { class: 'btn', 'data-testid': 'club-withdraw' });
    withdraw.addEventListener('click', act(withdraw, async () => {
      await leaveClub(club.id);
      await redraw();
    }));
    row.append(withdraw);
  }
  if (!you.banned) {
    const follow = button(t(you.following ? 'clubs.unfollow' : 'clubs.follow'), {
      class: 'btn', 'data-testid': 'club-follow', 'aria-pressed': String(you.following),
    });
    follow.prepend(icon('star'));
    follow.addEventListener('click', act(follow, async () => {
      await (you.following ? unfollowClub(club.id) : followClub(club.id));
      await redraw();
      document.querySelector('[data-testid=club-follow]')?.focus();
    }));
    row.append(follow);
  }
  if (atLeast(club, 'admin')) {
    row.append(h('a', { class: 'btn', href: `/c/${encodeURIComponent(club.slug)}/edit`, 'data-testid': 'club-edit' },
      icon('pencil'), ' ', t('clubs.edit')));
  }
  if (you.role && you.role !== 'founder') {
    const leave = button(t('clubs.leave'), { class: 'btn btn-danger-text', 'data-testid': 'club-leave' });
    leave.addEventListener('click', async () => {
      const yes = await confirmDialog({
        title: t('clubs.leaveConfirm.title', { name: club.name }), body: t('clubs.leaveConfirm.body'),
        confirm: t('clubs.leave'), cancel: t('clubs.leaveConfirm.no'), danger: true, testid: 'confirm-leave-club',
      });
      if (yes) await act(leave, async () => redraw(await leaveClub(club.id).then(() => getClub(club.id))))();
    });
    row.append(leave);
  }
  return row;
}

function roomsSection(club, ctx) {
  const list = h('ul', { class: 'club-rooms', 'data-testid': 'club-rooms' });
  const empty = h('p', { class: 'hint', 'data-testid': 'club-rooms-empty', hidden: true }, t('clubs.rooms.empty'));
  listClubRooms(club.id).then(({ items }) => {
    list.replaceChildren(...items.map((room) => h('li', {},
      h('a', { class: 'club-room', href: room.url, 'data-testid': 'club-room' },
        h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'club-room-title' }, room.title),
        h('span', { class: 'hint' }, t(`clubs.roomType.${room.type}`))))));
    empty.hidden = items.length > 0;
  }).catch((error) => {
    empty.textContent = errorMessage(error);
    empty.hidden = false;
  });
  return section('live', t('clubs.rooms.title'), list, empty,
    atLeast(club, 'leader') ? startRoomForm(club, ctx) : null);
}

/** The club's upcoming events (scheduled by its leaders); leaders schedule another from here. */
function eventsSection(club) {
  const list = h('ul', { class: 'club-rooms', 'data-testid': 'club-events' });
  const empty = h('p', { class: 'hint', 'data-testid': 'club-events-empty', hidden: true }, t('clubs.events.empty'));
  listClubEvents(club.id).then(({ items }) => {
    list.replaceChildren(...items.map((e) => h('li', {},
      h('a', { class: 'club-room', href: e.url, 'data-testid': 'club-event' },
        icon('calendar', 16),
        h('span', { class: 'club-room-title' }, e.title),
        h('time', { class: 'hint', datetime: e.startsAt }, formatShort(e.startsAt))))));
    empty.hidden = items.length > 0;
  }).catch((error) => {
    empty.textContent = errorMessage(error);
    empty.hidden = false;
  });
  const schedule = atLeast(club, 'leader')
    ? h('div', { class: 'form-actions start' }, h('a', { class: 'btn', href: `/events/new?club=${encodeURIComponent(club.slug)}`,
      'data-testid': 'club-schedule-event' }, icon('calendar'), ' ', t('clubs.events.schedule')))
    : null;
  return section('events', t('clubs.events.title'), list, empty, schedule);
}

function membersSection(club, me, redraw) {
  const list = h('ul', { class: 'member-list club-members', 'data-testid': 'club-members' });
  const more = button(t('clubs.members.more'), { class: 'btn btn-ghost', 'data-testid': 'club-members-more', hidden: true });
  let offset = 0;
  const load = async () => {
    const page = await listClubMembers(club.id, { limit: PAGE, offset });
    offset += page.items.length;
    list.append(...page.items.map((m) => memberRow(m,
      h('span', { class: 'club-member-end' },
        m.role !== 'member' ? h('span', { class: `badge badge-soft club-role club-role-${m.role}`, 'data-testid': 'club-member-role' },
          t(`clubs.role.${m.role}`)) : null,
        m.username !== me.username ? memberControls(club, m, redraw) : null), 'club-member')));
    more.hidden = offset >= page.total;
  };
  more.addEventListener('click', () => withBusy(more, load).catch(() => {}));
  load().catch((error) => list.replaceChildren(h('li', { class: 'hint' }, errorMessage(error))));
  return section('members', t('clubs.members.title'), list, more);
}
