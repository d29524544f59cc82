// A profile's organization parts: for its delegates "Act as", for its owners the delegates and the
// audit trail, and for administrators the verification of any account.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import {
  addDelegate, listDelegates, listOrganizationAudit, removeDelegate, setVerified, unsetVerified,
} from '../core/api.js';
import { formatDateTime, timeElement } from '../core/format.js';
import { field, formAlert, showProblem, showLocalErrors } from '../core/ui/forms.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { avatar, displayName, memberLink } from '../core/ui/members.js';
import { errorMessage } from '../core/ui/errors.js';
import { toast } from '../core/ui/toasts.js';
import { switchTo } from './acting.js';

const LABEL_MAX = 80;

/** Everything organization- and verification-related this reader may see on `profile`. */
export function organizationSections(profile, me, ctx) {
  const sections = [];
  if (profile.organization && profile.delegateRole) {
    sections.push(delegatePanel(profile, me));
    if (profile.delegateRole === 'owner') sections.push(delegatesSection(profile, ctx), auditSection(profile));
  }
  if (me?.admin) sections.push(verifySection(profile, ctx));
  return sections;
}

/** "Organization" under the name, for everyone. */
export function organizationTag(profile) {
  return profile.organization
    ? h('span', { class: 'badge badge-soft', 'data-testid': 'organization-tag' }, t('orgs.tag'))
    : null;
}

function delegatePanel(profile, me) {
  const acting = me?.username.toLowerCase() === profile.username.toLowerCase() && me.operatedBy;
  const act = button(t(acting ? 'acting.stop' : 'orgs.actAs'), {
    class: `btn${acting ? '' : ' btn-primary'}`, 'data-testid': 'profile-act-as',
  });
  act.addEventListener('click', () => switchTo(acting ? null : profile.username, act));
  return h('section', { class: 'card', 'data-testid': 'delegate-panel' },
    h('h2', { class: 'card-title' }, t(profile.delegateRole === 'owner' ? 'orgs.panel.owner' : 'orgs.panel.delegate')),
    h('p', { class: 'section-sub' }, t('orgs.panel.explain', { name: profile.displayName })),
    h('div', { class: 'form-actions start' }, act));
}

function delegatesSection(profile, ctx) {
  const list = h('ul', { class: 'member-list', 'data-testid': 'delegates' });
  const alert = formAlert('delegates-error');
  async function load() {
    try {
      const { items } = await listDelegates(profile.username, { signal: ctx.signal });
      list.replaceChildren(...items.map((d) => {
        const remove = button(t('orgs.delegates.remove'), { class: 'btn btn-sm btn-ghost', 'data-testid': 'remove-delegate' });
        remove.addEventListener('click', async () => {
          try {
            await withBusy(remove, () => removeDelegate(profile.username, d.member.username));
            await load();
          } catch (error) {
            if (error.status !== 401) alert.show(errorMessage(error));
          }
        });
        return h('li', { class: 'member-row', 'data-testid': 'delegate', 'data-username': d.member.username },
          avatar(d.member, 'sm'),
          h('a', { class: 'member-names', href: `/u/${encodeURIComponent(d.member.username)}` },
            displayName(d.member),
            h('span', { class: 'member-handle' }, `@${d.member.username} · ${t(d.owner ? 'orgs.role.owner' : 'orgs.role.delegate')}`)),
          remove);
      }));
    } catch (error) {
      if (error.name !== 'AbortError' && error.status !== 401) alert.show(errorMessage(error));
    }
  }
  const who = field({ name: 'member', label: t('orgs.delegates.username'), autocomplete: 'off', testid: 'delegate-username' });
  const owner = h('input', { type: 'checkbox', id: 'delegate-owner', 'data-testid': 'delegate-owner' });
  const submit = button(t('orgs.delegates.add'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'add-delegate' });
  const form = h('form', { class: 'form delegate-form', novalidate: true },
    who.element,
    h('label', { class: 'check-line', for: 'delegate-owner' }, owner, ' ', t('orgs.delegates.owner')),
    h('div', { class: 'form-actions start' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const username = who.input.value.trim().replace(/^@/, '');
    if (!showLocalErrors(username ? [] : [{ field: 'member', code: 'required' }], { member: who })) return;
    try {
      await withBusy(submit, () => addDelegate(profile.username, username, owner.checked));
      form.reset();
      await load();
    } catch (error) {
      if (error.status === 404) who.setError(t('orgs.delegates.noSuchMember', { username }));
      else if (error.name !== 'AbortError') showProblem(error, { member: who }, alert);
    }
  });
  load();
  return h('section', { class: 'card', 'data-testid': 'delegates-section' },
    h('h2', { class: 'card-title' }, t('orgs.delegates.title')),
    h('p', { class: 'section-sub' }, t('orgs.delegates.explain')),
    alert.element, list, form);
}

function auditSection(profile) {
  const list = h('ul', { class: 'audit-list', 'data-testid': 'audit' });
  const empty = h('p', { class: 'empty', hidden: true }, t('orgs.audit.empty'));
  const more = button(t('orgs.audit.more'), { class: 'btn btn-sm', hidden: true, 'data-testid': 'audit-more' });
  let before = null;
  async function page() {
    try {
      const result = await listOrganizationAudit(profile.username, before);
      list.append(...result.items.map((e) => h('li', { class: 'audit-entry', 'data-testid': 'audit-entry' },
        h('span', { class: 'audit-when' }, timeElement(e.at, formatDateTime(e.at))),
        memberLink(e.operator),
        // The request itself, as the server saw it: machine text, in no language (BCP 47 "zxx").
        h('code', { class: 'audit-action', lang: 'zxx', translate: 'no' }, e.action),
        e.status >= 400 ? h('span', { class: 'badge badge-soft' }, t('orgs.audit.refused')) : null)));
      empty.hidden = list.childElementCount > 0;
      before = result.nextBefore;
      more.hidden = !before;
    } catch (error) {
      if (error.status !== 401) toast(errorMessage(error), { kind: 'error' });
    }
  }
  more.addEventListener('click', () => withBusy(more, page));
  page();
  return h('section', { class: 'card', 'data-testid': 'audit-section' },
    h('h2', { class: 'card-title' }, t('orgs.audit.title')),
    h('p', { class: 'section-sub' }, t('orgs.audit.explain')),
    list, empty, more);
}

function verifySection(profile, ctx) {
  const label = field({ name: 'label', label: t('verify.label'), counter: LABEL_MAX, value: profile.verified || '',
    hint: t('verify.hint'), testid: 'verify-label' });
  const alert = formAlert('verify-error');
  const submit = button(t(profile.verified ? 'verify.update' : 'verify.submit'), {
    type: 'submit', class: 'btn btn-primary', 'data-testid': 'verify-submit',
  });
  const remove = profile.verified
    ? button(t('verify.remove'), { class: 'btn btn-ghost btn-danger-text', 'data-testid': 'verify-remove' })
    : null;
  const reload = () => ctx.navigate(location.pathname, { replace: true });
  remove?.addEventListener('click', async () => {
    try {
      await withBusy(remove, () => unsetVerified(profile.username));
      reload();
    } catch (error) {
      if (error.status !== 401) alert.show(errorMessage(error));
    }
  });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'verify-form' },
    alert.element, label.element, h('div', { class: 'form-actions start' }, submit, remove));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const text = label.input.value.trim();
    const local = !text ? [{ field: 'label', code: 'required' }]
      : [...text].length > LABEL_MAX ? [{ field: 'label', code: 'too_long' }] : [];
    if (!showLocalErrors(local, { label })) return;
    try {
      await withBusy(submit, () => setVerified(profile.username, text));
      toast(t('verify.done', { username: profile.username }));
      reload();
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, { label }, alert);
    }
  });
  return h('section', { class: 'card', 'data-testid': 'verify-section' },
    h('h2', { class: 'card-title' }, t('verify.title')),
    h('p', { class: 'section-sub' }, t('verify.explain')),
    form);
}
