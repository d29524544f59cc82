// "/hallway": the live rooms this member may enter, people they follow first (the server ranks
// them). The list refreshes itself on `hallwayChanged` notices; "Start a room" opens a dialog.
// Each card carries the social cues: the faces on stage, the faces of listeners the reader follows,
// counts, and when it started; a reader whose own blocks hide rooms is told so (hiddenByBlocks; never
// rooms hidden because their host blocked the reader).
import { h, icon, reconcile } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { getHallway } from '../core/api.js';
import { formatRelative, timeElement } from '../core/format.js';
import { currentFormatLocale } from '../core/i18n.js';
import { avatar, verifiedBadge } from '../core/ui/members.js';
import { button } from '../core/ui/buttons.js';
import { pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { errorMessage } from '../core/ui/errors.js';
import { requireMe } from '../core/auth.js';
import { start } from '../core/socket/connection.js';
import { onHallwayChanged } from './hallway-notices.js';
import { typeBadge } from './components/header.js';
import { openStartRoom } from './start-room.js';
import { languageBadge, languageName } from './languages.js';
import { upcomingSection } from '../schedule/upcoming.js';
import { hallwayProposals } from '../conversations/feed.js';

/** Names written out on a card; the rest are counted. */
const NAMES_SHOWN = 3;

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  start();
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' },
    Array.from({ length: 3 }, () => h('div', { class: 'card' }, skeletonLines(3)))));
  // ?language=xx keeps one floor language (a chip below the heading; the URL keeps it for reloads).
  let only = new URLSearchParams(location.search).get('language');
  let data;
  try {
    data = await getHallway({ signal: ctx.signal, language: only });
  } finally {
    stopSkeleton();
  }

  const startButton = button(t('hallway.start'), { class: 'btn btn-primary', 'data-testid': 'start-room' });
  startButton.prepend(icon('plus'));
  startButton.addEventListener('click', () => openStartRoom({ me, navigate: ctx.navigate }));
  const list = h('ul', { class: 'room-list', 'data-testid': 'room-list' });
  const empty = h('div', { class: 'empty hallway-empty', 'data-testid': 'hallway-empty' },
    h('span', { class: 'empty-icon', 'aria-hidden': 'true' }, icon('radio', 32)),
    h('p', { class: 'empty-title' }, t('hallway.empty.title')),
    h('p', {}, t('hallway.empty.body')));
  const problem = h('p', { class: 'alert', role: 'alert', 'data-testid': 'hallway-error', hidden: true });
  const hidden = h('p', { class: 'hallway-hidden', 'data-testid': 'hallway-hidden', hidden: true });

  const chips = h('div', { class: 'language-chips', role: 'group', 'aria-label': t('hallway.languages'), 'data-testid': 'language-chips' });
  let seen = new Set(); // languages of the rooms shown without a filter, so the chips stay while one is on
  const drawChips = (rooms) => {
    if (!only) seen = new Set(rooms.map((r) => r.language).filter(Boolean));
    if (only) seen.add(only);
    const chip = (code, label) => h('button', {
      type: 'button', class: 'chip', 'aria-pressed': String((only || null) === code), 'data-testid': `language-chip-${code || 'all'}`,
      onclick: () => {
        only = code;
        history.replaceState(history.state, '', code ? `?language=${code}` : location.pathname);
        refresh();
      },
    }, label);
    chips.hidden = seen.size < 2 && !only;
    chips.replaceChildren(chip(null, t('hallway.allLanguages')), ...[...seen].sort().map((c) => chip(c, languageName(c))));
  };
  const draw = ({ rooms, hiddenByBlocks = 0 }) => {
    drawChips(rooms);
    reconcile(list, rooms, { key: (r) => r.id, version: (r) => JSON.stringify(r), build: roomCard });
    empty.hidden = rooms.length > 0;
    list.hidden = rooms.length === 0;
    hidden.hidden = hiddenByBlocks === 0;
    hidden.dataset.count = String(hiddenByBlocks);
    hidden.replaceChildren(icon('ban', 16), h('span', {}, t('hallway.hiddenByBlocks', { count: hiddenByBlocks })));
  };
  draw(data);

  // Notices come at most twice a second; a newer fetch replaces one still running.
  let inflight = null;
  const refresh = async () => {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    ctx.signal.addEventListener('abort', () => controller.abort(), { once: true });
    try {
      const next = await getHallway({ signal: controller.signal, language: only });
      problem.hidden = true;
      draw(next);
    } catch (error) {
      if (error.name === 'AbortError') return;
      problem.textContent = errorMessage(error);
      problem.hidden = false;
    }
  };
  const stop = onHallwayChanged(refresh);
  ctx.signal.addEventListener('abort', stop, { once: true });

  ctx.view.replaceChildren(h('div', { class: 'narrow hallway' },
    h('div', { class: 'page-head' }, pageHeading(t('hallway.title')), startButton),
    h('p', { class: 'section-sub' }, t('hallway.explain')),
    chips, problem, empty, list, hidden,
    upcomingSection(ctx.signal),
    hallwayProposals(ctx.signal)));
  ctx.ready(t('hallway.title'));
}

function roomCard(room) {
  const people = room.stage.slice(0, NAMES_SHOWN);
  const shown = people.map((m) => m.displayName);
  const rest = room.stageCount - shown.length;
  if (rest > 0) shown.push(t('hallway.more', { count: rest }));
  // The names as a list in the reader's language, each verified one followed by its check mark.
  let element = 0;
  const names = shown.length
    ? new Intl.ListFormat(currentFormatLocale(), { type: 'conjunction' }).formatToParts(shown).map((part) => {
      if (part.type !== 'element') return part.value;
      const person = people[element++];
      return person?.verified ? h('span', {}, part.value, verifiedBadge(person, 14)) : part.value;
    })
    : '';
  const listeners = room.followedListeners || [];
  return h('li', { class: room.club ? 'room-card-in-club' : null },
    // The club a room was started in: its own link, outside the card's (links do not nest).
    room.club ? h('a', { class: 'room-club', href: room.club.url, 'data-testid': 'room-card-club' }, icon('users', 14),
      t('hallway.inClub', { name: room.club.name })) : null,
    h('a', { class: 'card room-card', href: `/room/${encodeURIComponent(room.id)}`, 'data-testid': 'room-card', 'data-room-id': room.id },
      h('div', { class: 'room-card-top' },
        typeBadge(room.type),
        languageBadge(room.language),
        h('span', { class: 'room-card-when' }, timeElement(room.createdAt, t('hallway.started', { when: formatRelative(room.createdAt) })))),
      h('h2', { class: 'room-card-title', 'data-testid': 'room-card-title' }, room.title),
      room.description ? h('p', { class: 'room-card-description', 'data-testid': 'room-card-description' }, room.description) : null,
      h('div', { class: 'room-card-stage' },
        faces(room.stage, 'md', 'room-card-stage-face'),
        h('span', { class: 'room-card-people' },
          h('span', { class: 'room-card-names' }, names),
          room.followedOnStage > 0
            ? h('span', { class: 'room-card-followed', 'data-testid': 'followed-on-stage' }, t('hallway.followedOnStage', { count: room.followedOnStage }))
            : null)),
      h('div', { class: 'room-card-foot' },
        h('p', { class: 'room-card-counts', 'data-testid': 'room-card-counts' },
          icon('mic', 16), h('span', {}, t('hallway.onStage', { count: room.stageCount })),
          icon('users', 16), h('span', { 'data-testid': 'room-card-listeners' }, t('hallway.listening', { count: room.listenerCount }))),
        listeners.length
          ? h('p', { class: 'room-card-friends', 'data-testid': 'room-card-friends' },
            faces(listeners, 'sm', 'room-card-listener-face'),
            h('span', {}, t('hallway.followedListening', { count: room.followedListenerCount || listeners.length })))
          : null)));
}

/** Overlapping faces; people the reader follows are ringed. Names are in the text next to them. */
function faces(people, size, testid) {
  return h('span', { class: `avatar-stack avatar-stack-${size}` }, people.map((m) => {
    const a = avatar(m, size);
    a.dataset.testid = testid;
    if (m.followed) a.classList.add('is-followed');
    return a;
  }));
}
