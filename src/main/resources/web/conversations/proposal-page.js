// "/proposals/{id}": one proposal — what is proposed, by whom to whom, its times (in the reader's
// zone), its status and history, the thread, and what the reader may do: a recipient accepts a time,
// proposes another or declines; the proposer accepts a time a recipient proposed; both write on the
// thread. Once accepted it leads to its event.
import { h, icon } from '../core/dom.js';
import { t, tNodes } from '../core/i18n.js';
import { getProposal, answerProposal, askOnProposal } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { field, formAlert, showProblem } from '../core/ui/forms.js';
import { errorMessage } from '../core/ui/errors.js';
import { avatar, memberLink } from '../core/ui/members.js';
import { backLink, notice, pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { formatDateTime, formatRelative, timeElement } from '../core/format.js';
import { toast } from '../core/ui/toasts.js';
import { requireMe } from '../core/auth.js';
import { languageName } from '../rooms/languages.js';
import { formatLength, formatSpan, toInstant, zoneName } from '../schedule/when.js';
import { storyLine } from './feed.js';

const LENGTHS = [15, 30, 45, 60, 90, 120, 180, 240];

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(5))));
  let proposal;
  try {
    proposal = await getProposal(ctx.params.id, { signal: ctx.signal });
  } catch (error) {
    if (error.code !== 'proposal_not_found') throw error;
    ctx.view.replaceChildren(h('div', { class: 'narrow' }, notice({
      title: t('proposals.notFound.title'), body: t('proposals.notFound.body'), testid: 'proposal-not-found',
      action: h('a', { class: 'btn btn-primary', href: '/proposals' }, t('proposals.list.title')),
    })));
    ctx.ready(t('proposals.notFound.title'));
    return;
  } finally {
    stopSkeleton();
  }
  const page = h('div', { class: 'narrow proposal-page', 'data-testid': 'proposal-page', 'data-status': proposal.status });
  const draw = (p) => {
    page.dataset.status = p.status;
    page.replaceChildren(...sections(p, draw).filter(Boolean));
  };
  draw(proposal);
  ctx.view.replaceChildren(page);
  ctx.ready(proposal.topic);
}

export function statusBadge(status) {
  return h('span', { class: `badge proposal-status proposal-status-${status}`, 'data-testid': 'proposal-status' },
    t(`proposals.status.${status}`));
}

function sections(p, redraw) {
  const alert = h('p', { class: 'alert', role: 'alert', 'data-testid': 'proposal-error', hidden: true });
  const act = (btn, work) => async () => {
    alert.hidden = true;
    try {
      redraw(await withBusy(btn, work));
    } catch (error) {
      if (error.name === 'AbortError') return;
      alert.textContent = errorMessage(error);
      alert.hidden = false;
    }
  };
  return [
    backLink('/proposals', t('proposals.list.title')),
    h('article', { class: 'card proposal-card' },
      h('div', { class: 'event-badges' }, statusBadge(p.status),
        h('span', { class: 'badge badge-soft', 'data-testid': 'proposal-visibility' },
          icon(p.visibility === 'public' ? 'globe' : 'lock', 14), ' ', t(`proposals.visibility.${p.visibility}`))),
      pageHeading(p.topic, { 'data-testid': 'proposal-topic', class: 'page-title proposal-topic' }),
      storyLine(p),
      p.status === 'open' ? h('p', { class: 'hint', 'data-testid': 'proposal-expiry' },
        t('proposals.expires', { date: formatDateTime(p.expiresAt) })) : null,
      p.event ? h('a', { class: 'btn btn-primary', href: p.event.url, 'data-testid': 'proposal-event-link' },
        icon('calendar', 18), ' ', t('proposals.seeEvent')) : null,
      p.note ? h('blockquote', { class: 'proposal-note', 'data-testid': 'proposal-note' }, p.note) : null,
      what(p),
      p.you.delegateOf && !p.you.recipient ? h('p', { class: 'event-question', 'data-testid': 'proposal-act-as-hint' },
        tNodes('proposals.actAsHint', { org: h('a', { href: `/u/${encodeURIComponent(p.you.delegateOf)}` }, `@${p.you.delegateOf}`) })) : null,
      alert),
    timesCard(p, act),
    p.you.recipient && p.you.canAnswer ? answerCard(p, act) : null,
    threadCard(p, redraw),
    historyCard(p),
  ];
}

/** What is proposed: the description, format, languages, guests, audience, and that nothing is recorded. */
function what(p) {
  const row = (label, value, testid) => (value ? h('div', { class: 'proposal-fact', 'data-testid': testid },
    h('dt', {}, label), h('dd', {}, value)) : null);
  return h('section', { class: 'proposal-what-read', 'aria-labelledby': 'proposal-what-title' },
    h('h2', { class: 'card-title', id: 'proposal-what-title' }, t('proposals.form.what')),
    p.description ? h('p', { class: 'event-description', 'data-testid': 'proposal-description' }, p.description) : null,
    h('dl', { class: 'proposal-facts' },
      row(t('proposals.form.format'), p.format, 'proposal-format'),
      row(t('proposals.languages'), p.languages.map(languageName).join(', '), 'proposal-languages'),
      row(t('proposals.form.guests'), p.guests, 'proposal-guests'),
      row(t('proposals.form.audience'), p.audience, 'proposal-audience'),
      row(t('proposals.recording'), t('proposals.recording.none'), 'proposal-recording')));
}

function timesCard(p, act) {
  const mayAccept = (time) => p.you.canAnswer && (p.you.recipient
    ? (p.status === 'open' || time.id === p.acceptedTimeId) : time.proposedBy !== null && time.proposedBy !== p.proposer?.username);
  return h('section', { class: 'card', 'aria-labelledby': 'proposal-times-title' },
    h('h2', { class: 'card-title', id: 'proposal-times-title' }, t('proposals.times')),
    h('p', { class: 'hint' }, t('proposals.zone', { zone: zoneName() })),
    h('ul', { class: 'proposal-times', 'data-testid': 'proposal-times' }, p.times.map((time) => {
      const accept = mayAccept(time) && new Date(time.startsAt) > new Date()
        ? button(t('proposals.accept'), { class: 'btn btn-primary btn-sm', 'data-testid': 'proposal-accept' }) : null;
      accept?.addEventListener('click', act(accept, async () => {
        const next = await answerProposal(p.id, { action: 'accept', timeId: time.id });
        toast(t('proposals.accepted'));
        return next;
      }));
      const by = time.proposedBy && time.proposedBy !== p.proposer?.username
        ? h('span', { class: 'badge badge-soft' }, t('proposals.proposedBy', { name: `@${time.proposedBy}` })) : null;
      return h('li', { class: `proposal-time${time.id === p.acceptedTimeId ? ' chosen' : ''}`, 'data-testid': 'proposal-time', 'data-time-id': String(time.id) },
        h('span', { class: 'proposal-time-text' }, icon('calendar', 16), ' ',
          h('time', { datetime: time.startsAt }, formatSpan(time.startsAt, time.endsAt)),
          h('span', { class: 'hint' }, ` · ${formatLength(time.lengthMinutes)}`)),
        by, time.id === p.acceptedTimeId ? h('span', { class: 'badge proposal-status-accepted', 'data-testid': 'proposal-time-chosen' }, t('proposals.chosen')) : null,
        accept);
    })));
}

/** A recipient's other answers: another time, or no (with a reason, public or not). */
function answerCard(p, act) {
  const parts = [];
  if (p.status === 'open') {
    const date = field({ name: 'counter-date', type: 'date', label: t('proposals.form.date'), testid: 'counter-date' });
    const time = field({ name: 'counter-time', type: 'time', label: t('proposals.form.time'), step: 300, testid: 'counter-time' });
    const length = h('select', { id: 'counter-length', class: 'input', 'data-testid': 'counter-length' },
      LENGTHS.map((m) => h('option', { value: String(m), selected: m === 60 }, formatLength(m))));
    const counterAlert = formAlert('counter-error');
    const send = button(t('proposals.counter.submit'), { type: 'submit', class: 'btn', 'data-testid': 'counter-submit' });
    const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'counter-form' }, counterAlert.element,
      h('div', { class: 'when-row' }, date.element, time.element),
      h('div', { class: 'field' }, h('label', { for: 'counter-length' }, t('proposals.form.length')), length),
      h('div', { class: 'form-actions start' }, send));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const startsAt = toInstant(date.input.value, time.input.value);
      if (!startsAt) {
        date.setError(t('proposals.form.missingWhen'));
        return;
      }
      act(send, () => answerProposal(p.id, { action: 'counter', startsAt, lengthMinutes: Number(length.value) })
        .catch((error) => { showProblem(error, { startsAt: date }, counterAlert); throw error; }))();
    });
    parts.push(h('details', { class: 'proposal-answer', 'data-testid': 'counter-details' },
      h('summary', {}, t('proposals.counter.title')), form));
  }
  const reason = field({ name: 'reason', label: t('proposals.decline.reason'), multiline: true, rows: 2, counter: 500, maxlength: 1000 });
  const reasonPublic = h('input', { type: 'checkbox', id: 'decline-public', 'data-testid': 'decline-public' });
  const decline = button(t('proposals.decline.submit'), { type: 'submit', class: 'btn btn-danger-text', 'data-testid': 'decline-submit' });
  const declineForm = h('form', { class: 'form', novalidate: true, 'data-testid': 'decline-form' }, reason.element,
    h('label', { class: 'check', for: 'decline-public' }, reasonPublic, ' ', t('proposals.decline.public')),
    h('div', { class: 'form-actions start' }, decline));
  declineForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(decline, () => answerProposal(p.id, { action: 'decline', reason: reason.input.value.trim() || null, reasonPublic: reasonPublic.checked }))();
  });
  parts.push(h('details', { class: 'proposal-answer', 'data-testid': 'decline-details' },
    h('summary', {}, t('proposals.decline.title')), declineForm));
  return h('section', { class: 'card', 'aria-labelledby': 'proposal-answer-title' },
    h('h2', { class: 'card-title', id: 'proposal-answer-title' }, t('proposals.answer.title')), ...parts);
}

/** The thread: short text messages between the two sides, oldest first; no likes, no replies to replies. */
function threadCard(p, redraw) {
  const list = h('ol', { class: 'proposal-thread', 'data-testid': 'proposal-thread' }, p.thread.map((m) =>
    h('li', { class: 'proposal-message', 'data-testid': 'proposal-message' },
      m.author ? avatar(m.author, 'sm') : null,
      h('div', { class: 'proposal-message-body' },
        h('p', { class: 'proposal-message-head' }, m.author ? memberLink(m.author) : t('proposals.formerMember'), ' ',
          h('span', { class: 'hint' }, timeElement(m.at, formatRelative(m.at)))),
        h('p', { class: 'proposal-message-text', 'data-testid': 'proposal-message-text' }, m.text)))));
  let form = null;
  if (p.you.canAsk) {
    const text = field({ name: 'text', label: t(p.you.proposer ? 'proposals.thread.reply' : 'proposals.thread.ask'),
      multiline: true, rows: 2, counter: 500, maxlength: 1000, testid: 'proposal-thread-text' });
    const alert = formAlert('thread-error');
    const send = button(t('proposals.thread.send'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'proposal-thread-send' });
    form = h('form', { class: 'form', novalidate: true, 'data-testid': 'proposal-thread-form' }, alert.element, text.element,
      h('div', { class: 'form-actions start' }, send));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.input.value.trim()) {
        text.setError(t('proposals.thread.empty'));
        text.input.focus();
        return;
      }
      try {
        redraw(await withBusy(send, () => askOnProposal(p.id, text.input.value.trim())));
        document.querySelector('[data-testid=proposal-thread-text]')?.focus();
      } catch (error) {
        if (error.name !== 'AbortError') showProblem(error, { text }, alert);
      }
    });
  }
  return h('section', { class: 'card', 'aria-labelledby': 'proposal-thread-title' },
    h('h2', { class: 'card-title', id: 'proposal-thread-title' }, t('proposals.thread.title')),
    p.thread.length ? list : h('p', { class: 'hint', 'data-testid': 'proposal-thread-empty' }, t('proposals.thread.none')),
    form);
}

function historyCard(p) {
  return h('section', { class: 'card', 'aria-labelledby': 'proposal-history-title' },
    h('h2', { class: 'card-title', id: 'proposal-history-title' }, t('proposals.history.title')),
    h('ol', { class: 'proposal-history', 'data-testid': 'proposal-history' }, p.history.map((s) =>
      h('li', { class: 'proposal-step', 'data-testid': 'proposal-step', 'data-kind': s.kind },
        h('p', {}, tNodes(`proposals.step.${s.kind}`, { name: s.actor ? memberLink(s.actor) : t('proposals.formerMember') }),
          ' ', h('span', { class: 'hint' }, timeElement(s.at, formatDateTime(s.at)))),
        s.reason ? h('p', { class: 'proposal-reason', 'data-testid': 'proposal-reason' },
          s.reason, ' ', h('span', { class: 'badge badge-soft' }, t(s.reasonPublic ? 'proposals.reason.public' : 'proposals.reason.private'))) : null))));
}
