// Boot: load the message catalogue, learn who is signed in, draw the top bar, start routing.
import { initI18n, t, translateStatic, onLocaleChange } from './core/i18n.js';
import { chosenLanguage, followMember } from './core/language.js';
import { onUnauthenticated } from './core/api.js';
import { loadMe, onMeChange, setMe, currentMe } from './core/session.js';
import { route, startRouter, navigate } from './core/router.js';
import { h, icon } from './core/dom.js';
import { avatar } from './core/ui/members.js';
import { start as startLive, stop as stopLive } from './core/socket/connection.js';
import { mountBanner } from './core/ui/live-banner.js';
import { startRoomStore } from './rooms/store.js';
import { listenForHallwayNotices } from './rooms/hallway-notices.js';
import { listenForPings } from './rooms/ping.js';
import { mountMiniBar } from './rooms/components/mini-bar.js';
import { mountAudio } from './rooms/audio/audio.js';
import { mountInterpretation } from './rooms/audio/interpretation.js';
import { mountAudioStatus } from './rooms/components/audio-status.js';
import { startUnread } from './notifications/unread.js';
import { bellLink } from './notifications/bell.js';
import { listenForEvents } from './schedule/live.js';
import { mountAnnouncer } from './rooms/announcer.js';
import { registerWorker } from './core/pwa/register.js';
import { mountActingBanner } from './organizations/acting.js';
import { mountTopSearch } from './search/top-search.js';

route('/', () => import('./core/pages/home.js'));
route('/hallway', () => import('./rooms/hallway.js'));
route('/room/:id', () => import('./rooms/room-page.js'));
route('/login', () => import('./account/login.js'));
route('/invite/:code', () => import('./invites/invite.js'));
route('/me/edit', () => import('./account/edit.js'));
route('/u/:username', () => import('./people/profile.js'));
route('/u/:username/followers', () => import('./people/members.js'), { list: 'followers' });
route('/u/:username/following', () => import('./people/members.js'), { list: 'following' });
route('/invites', () => import('./invites/invites.js'));
route('/invites/tree', () => import('./invites/tree.js'));
route('/settings', () => import('./account/settings.js'));
route('/notifications', () => import('./notifications/notifications.js'));
route('/events/new', () => import('./schedule/event-form.js'));
route('/events/:id', () => import('./schedule/event-page.js'));
route('/events/:id/edit', () => import('./schedule/event-form.js'));
route('/admin', () => import('./organizations/admin.js'));
route('/privacy', () => import('./yourdata/privacy-page.js'));
route('/proposals', () => import('./conversations/proposals.js'));
route('/proposals/new', () => import('./conversations/proposal-form.js'));
route('/proposals/:id', () => import('./conversations/proposal-page.js'));
route('/search', () => import('./search/search-page.js'));
route('/clubs', () => import('./clubs/my-clubs.js'));
route('/c/new', () => import('./clubs/club-form.js'));
route('/c/:slug', () => import('./clubs/club-page.js'));
route('/c/:slug/edit', () => import('./clubs/club-form.js'));

let currentPath = location.pathname;
let routing = false; // true once the router drew the first page

function drawTopNav() {
  const nav = document.getElementById('topnav');
  const me = currentMe();
  nav.hidden = !me;
  if (!me) {
    nav.replaceChildren();
    return;
  }
  // A link's picture is an icon name, or a node (the member's own face on "Profile").
  const link = (href, picture, label, testid) =>
    h('a', { href, class: 'topnav-link', 'data-testid': testid,
      'aria-current': currentPath === href || (href === '/hallway' && (currentPath.startsWith('/room/') || currentPath.startsWith('/events/')))
        || (href === '/invites' && currentPath === '/invites/tree')
        || (href === '/clubs' && currentPath.startsWith('/c/')) ? 'page' : null },
    typeof picture === 'string' ? icon(picture, 20) : picture, h('span', { class: 'topnav-label' }, label));
  nav.setAttribute('aria-label', t('nav.label'));
  nav.replaceChildren(
    link('/hallway', 'radio', t('nav.hallway'), 'nav-hallway'),
    link('/proposals', 'chat', t('nav.proposals'), 'nav-proposals'),
    link(`/u/${encodeURIComponent(me.username)}`, avatar(me, 'xs'), t('nav.profile'), 'nav-profile'),
    link('/clubs', 'users', t('nav.clubs'), 'nav-clubs'),
    link('/invites', 'ticket', t('nav.invites'), 'nav-invites'),
    bellLink(currentPath === '/notifications'),
    link('/settings', 'gear', t('nav.settings'), 'nav-settings'));
}

async function boot() {
  // The shared catalogue (/i18n/) and these features' own, merged (core/i18n.js).
  // Until the server says who is signed in, the language this browser last used (core/language.js).
  await initI18n(['account', 'people', 'invites', 'rooms', 'notifications', 'schedule', 'organizations', 'yourdata', 'conversations',
    'search', 'clubs'], chosenLanguage(null));
  const topSearch = mountTopSearch(document.getElementById('topbar-search'));
  const translateShell = () => {
    translateStatic();
    document.querySelector('.brand').setAttribute('aria-label', t('nav.home'));
  };
  translateShell();
  // Another language (the switcher, or a member whose account says so): redraw what is on screen,
  // without a reload. Parts mounted once (banners, the mini bar's button) carry data-i18n.
  onLocaleChange(() => {
    translateShell();
    drawTopNav();
    topSearch.translate();
    if (routing) return navigate(location.pathname + location.search, { replace: true });
    return undefined;
  });
  onMeChange(drawTopNav);
  // The live connection runs while someone is signed in. Each feature takes its own message types
  // off it (core/socket/dispatcher.js); the room store first, so after a reconnect the room is
  // rejoined before the hallway subscription is renewed.
  startRoomStore();
  listenForHallwayNotices();
  listenForPings();
  startUnread();
  listenForEvents();
  mountBanner();
  mountActingBanner(); // "Acting as …" under the top bar while this session acts as an organization
  onMeChange((me) => (me ? startLive() : stopLive()));
  const miniBar = mountMiniBar();
  // The room's sound follows the room this tab is in, on every page (rooms/audio/audio.js).
  mountAudio();
  mountInterpretation();
  mountAudioStatus();
  mountAnnouncer();
  // A session that ended (expired, logged out elsewhere, password changed) sends the reader to log in,
  // returning them afterwards to where they were.
  onUnauthenticated(() => {
    setMe(null);
    if (location.pathname === '/login') return;
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    navigate(`/login${next}`, { replace: true });
  });
  try {
    await loadMe();
    await followMember(currentMe()); // the account's language, before the first page is drawn
  } catch {
    // The server is unreachable or failing; pages show their own errors.
  }
  onMeChange((me) => followMember(me).catch(() => {}));
  registerWorker(); // installable, an offline page, and "a new version is available" (core/pwa/)
  routing = true;
  await startRouter(document.getElementById('main'), {
    onChange(path) {
      currentPath = path;
      drawTopNav();
      miniBar.routeChanged(path);
    },
  });
}

boot();
