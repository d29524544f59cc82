// "/events/{id}": a scheduled event — when (in the reader's zone, named), who hosts it, how many want
// to be notified — with what the reader may do: RSVP ("notify me"), add it to a calendar (.ics), answer
// a co-host request, and for hosts start it (around its start time), edit or cancel it. Once live, the
// page leads into the room.
import { h, icon } from '../core/dom.js';
import { t, tNodes } from '../core/i18n.js';
import { getEvent, rsvpEvent, unrsvpEvent, cancelEvent, startEvent, answerCohostRequest } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { confirmDialog } from '../core/ui/dialogs.js';
import { errorMessage } from '../core/ui/errors.js';
import { avatar } from '../core/ui/members.js';
import { backLink, notice, pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { toast } from '../core/ui/toasts.js';
import { requireMe, profilePath } from '../core/auth.js';
import { typeBadge } from '../rooms/components/header.js';
import { languageBadge } from '../rooms/languages.js';
import { formatLength, formatShort, formatSpan, zoneName } from './when.js';

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(5))));
  let event;
  try {
    event = await getEvent(ctx.params.id, { signal: ctx.signal });
  } catch (error) {
    if (error.code !== 'event_not_found') throw error;
    showNotFound(ctx);
    return;
  } finally {
    stopSkeleton();
  }
  const page = h('div', { class: 'narrow event-page', 'data-testid': 'event-page' });
  const draw = (e) => page.replaceChildren(...eventPage(e, ctx, draw).filter(Boolean));
  draw(event);
  ctx.view.replaceChildren(page);
  ctx.ready(event.title);
}

/** The page for an event that does not exist or is not shown to the reader. */
export function showNotFound(ctx) {
  ctx.view.replaceChildren(h('div', { class: 'narrow' }, notice({
    title: t('events.notFound.title'), body: t('events.notFound.body'), testid: 'event-not-found',
    action: h('a', { class: 'btn btn-primary', href: '/hallway' }, t('events.backToHallway')),
  })));
  ctx.ready(t('events.notFound.title'));
}

/** A status badge: "Live now" stands out; the others are quiet. */
export function statusBadge(status) {
  return h('span', { class: `badge event-status event-status-${status}`, 'data-testid': 'event-status' },
    status === 'live' ? h('span', { class: 'live-dot', 'aria-hidden': 'true' }) : null, t(`events.status.${status}`));
}

function eventPage(e, ctx, redraw) {
  const alert = h('p', { class: 'alert', role: 'alert', 'data-testid': 'event-error', hidden: true });
  const fail = (error) => {
    if (error.name === 'AbortError') return;
    alert.textContent = errorMessage(error);
    alert.hidden = false;
  };
  const act = (btn, work) => async () => {
    alert.hidden = true;
    try {
      await withBusy(btn, work);
    } catch (error) {
      fail(error);
    }
  };
  const ended = ['cancelled', 'missed', 'ended'].includes(e.status);
  return [
    backLink('/hallway', t('events.backToHallway')),
    h('article', { class: 'card event-card' },
      h('div', { class: 'event-badges' }, statusBadge(e.status), typeBadge(e.type), languageBadge(e.language)),
      pageHeading(e.title, { 'data-testid': 'event-title', class: 'page-title event-title' }),
      h('p', { class: 'event-when', 'data-testid': 'event-when' }, icon('calendar', 18),
        h('time', { datetime: e.startsAt }, formatSpan(e.startsAt, e.endsAt))),
      h('p', { class: 'event-length hint' }, formatLength(e.lengthMinutes), ' · ',
        h('span', { 'data-testid': 'event-zone' }, t('events.zone', { zone: zoneName(new Date(e.startsAt)) }))),
      ended ? h('p', { class: 'event-outcome', 'data-testid': 'event-outcome' }, t(`events.outcome.${e.status}`)) : null,
      e.you.askedToHost && e.status === 'scheduled' ? cohostQuestion(e, act, redraw) : null,
      alert,
      actions(e, ctx, act, redraw),
      h('p', { class: 'event-rsvps', 'data-testid': 'event-rsvp-count' }, t('events.rsvpCount', { count: e.rsvpCount })),
      e.description ? h('p', { class: 'event-description', 'data-testid': 'event-description' }, e.description) : null,
      e.type === 'closed' ? h('p', { class: 'hint' }, icon('lock', 14), ' ', t('events.closedNote')) : null),
    h('section', { class: 'card', 'aria-labelledby': 'event-hosts-title' },
      h('h2', { class: 'card-title', id: 'event-hosts-title' }, t('events.hosts')),
      h('ul', { class: 'event-hosts', 'data-testid': 'event-hosts' }, e.hosts.map((host) => h('li', { class: 'event-host', 'data-testid': 'event-host' },
        avatar(host, 'md'),
        h('span', { class: 'member-names' },
          h('a', { class: 'member-display member-link', href: profilePath(host.username) }, host.displayName),
          h('span', { class: 'member-handle' }, `@${host.username}`)),
        host.accepted ? null : h('span', { class: 'badge badge-soft', 'data-testid': 'host-pending' }, t('events.hostPending')))))),
    e.you.host && e.status === 'scheduled' ? hostTools(e, ctx, act) : null,
  ];
}

/** The main actions: join when live, start (hosts), notify me, add to calendar. */
function actions(e, ctx, act, redraw) {
  const row = h('div', { class: 'event-actions' });
  if (e.room) {
    row.append(h('a', { class: 'btn btn-primary', href: e.room.url, 'data-testid': 'event-join' }, icon('radio'), ' ', t('events.join')));
  }
  if (e.you.canStart) {
    const start = button(t('events.start'), { class: 'btn btn-primary', 'data-testid': 'event-start' });
    start.prepend(icon('mic'));
    start.addEventListener('click', act(start, async () => {
      const room = await startEvent(e.id);
      ctx.navigate(room.url);
    }));
    row.append(start);
  }
  if (!e.you.host && (e.status === 'scheduled' || e.status === 'live')) {
    const rsvp = button(t(e.you.rsvp ? 'events.unrsvp' : 'events.rsvp'), {
      class: `btn ${e.you.rsvp || e.room ? '' : 'btn-primary'}`, 'data-testid': 'event-rsvp', 'aria-pressed': String(e.you.rsvp),
    });
    rsvp.prepend(icon('bell'));
    rsvp.addEventListener('click', act(rsvp, async () => {
      const next = await (e.you.rsvp ? unrsvpEvent(e.id) : rsvpEvent(e.id));
      redraw(next);
      if (next.you.rsvp) toast(t('events.rsvpOn'));
      document.querySelector('[data-testid=event-rsvp]')?.focus();
    }));
    row.append(rsvp);
  }
  if (e.status !== 'ended' && e.status !== 'missed') {
    row.append(h('a', { class: 'btn', href: e.icsUrl, download: `parley-event-${e.id}.ics`, 'data-testid': 'event-ics' },
      icon('arrowDown'), ' ', t('events.download')));
  }
  const hint = e.you.host && e.status === 'scheduled' && !e.you.canStart && new Date(e.startOpensAt) > new Date()
    ? h('p', { class: 'hint', 'data-testid': 'event-start-hint' }, t('events.startFrom', { time: formatShort(e.startOpensAt) }))
    : null;
  return h('div', {}, row, hint);
}

function cohostQuestion(e, act, redraw) {
  const creator = e.hosts[0];
  const accept = button(t('events.cohost.accept'), { class: 'btn btn-primary', 'data-testid': 'cohost-accept' });
  const decline = button(t('events.cohost.decline'), { class: 'btn', 'data-testid': 'cohost-decline' });
  accept.addEventListener('click', act(accept, async () => redraw(await answerCohostRequest(e.id, true))));
  decline.addEventListener('click', act(decline, async () => {
    await answerCohostRequest(e.id, false);
    toast(t('events.cohost.declined'));
    redraw(await getEvent(e.id).catch(() => ({ ...e, you: { ...e.you, askedToHost: false } })));
  }));
  return h('div', { class: 'event-question', 'data-testid': 'cohost-question' },
    h('p', {}, tNodes('events.cohost.question', { name: h('strong', {}, creator.displayName) })),
    h('div', { class: 'form-actions start' }, accept, decline));
}

/** Edit and cancel, for hosts of a scheduled event. */
function hostTools(e, ctx, act) {
  const cancel = button(t('events.cancel'), { class: 'btn btn-danger-text', 'data-testid': 'event-cancel' });
  cancel.addEventListener('click', async () => {
    const yes = await confirmDialog({
      title: t('events.cancelConfirm.title'), body: t('events.cancelConfirm.body'), confirm: t('events.cancel'),
      cancel: t('events.cancelConfirm.no'), danger: true, testid: 'confirm-cancel-event',
    });
    if (!yes) return;
    await act(cancel, async () => {
      await cancelEvent(e.id);
      toast(t('events.cancelled'));
      ctx.navigate(`/events/${encodeURIComponent(e.id)}`, { replace: true });
    })();
  });
  return h('div', { class: 'event-host-tools' },
    h('a', { class: 'btn', href: `/events/${encodeURIComponent(e.id)}/edit`, 'data-testid': 'event-edit' }, icon('pencil'), ' ', t('events.edit')),
    cancel);
}
