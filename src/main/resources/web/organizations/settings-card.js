// Settings → "Organizations": the organizations I may act as, with "Act as", and creating a new one.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { createOrganization, listMyOrganizations } from '../core/api.js';
import { checkUsername, problems, LIMITS } from '../core/rules.js';
import { field, formAlert, showProblem, showLocalErrors } from '../core/ui/forms.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { avatar, displayName } from '../core/ui/members.js';
import { errorMessage } from '../core/ui/errors.js';
import { switchTo } from './acting.js';

export function organizationsCard() {
  const list = h('ul', { class: 'member-list', 'data-testid': 'my-organizations' });
  const empty = h('p', { class: 'empty', hidden: true }, t('orgs.none'));
  const loadError = formAlert('organizations-error');

  async function load() {
    try {
      const { items, acting } = await listMyOrganizations();
      empty.hidden = items.length > 0;
      list.replaceChildren(...items.map((d) => row(d, acting)));
    } catch (error) {
      if (error.status !== 401) loadError.show(errorMessage(error));
    }
  }

  function row(d, acting) {
    const org = d.organization;
    const isActing = acting && acting.toLowerCase() === org.username.toLowerCase();
    const act = button(t(isActing ? 'acting.stop' : 'orgs.actAs'), {
      class: `btn btn-sm${isActing ? '' : ' btn-primary'}`, 'data-testid': 'act-as', 'data-username': org.username,
    });
    act.addEventListener('click', () => switchTo(isActing ? null : org.username, act));
    return h('li', { class: 'member-row org-row', 'data-testid': 'my-organization', 'data-username': org.username },
      avatar(org, 'sm'),
      h('a', { class: 'member-names', href: `/u/${encodeURIComponent(org.username)}` },
        displayName(org),
        h('span', { class: 'member-handle' }, `@${org.username}`, ' · ', t(d.owner ? 'orgs.role.owner' : 'orgs.role.delegate'))),
      act);
  }

  const username = field({ name: 'username', label: t('orgs.create.username'), autocomplete: 'off',
    hint: t('orgs.create.usernameHint', { min: LIMITS.usernameMin, max: LIMITS.usernameMax }), testid: 'org-username' });
  const name = field({ name: 'displayName', label: t('orgs.create.displayName'), counter: LIMITS.displayNameMax,
    testid: 'org-display-name' });
  const fields = { username, displayName: name };
  const alert = formAlert('create-organization-error');
  const submit = button(t('orgs.create.submit'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'create-organization' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'create-organization-form' },
    alert.element, username.element, name.element, h('div', { class: 'form-actions start' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const local = problems(checkUsername(username.input.value, 'username'),
      name.input.value.trim() ? null : { field: 'displayName', code: 'required' });
    if (!showLocalErrors(local, fields)) return;
    try {
      const org = await withBusy(submit, () => createOrganization({
        username: username.input.value, displayName: name.input.value,
      }));
      form.reset();
      await load();
      list.querySelector(`[data-username="${org.username}"] [data-testid="act-as"]`)?.focus();
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });

  load();
  return h('section', { class: 'card', 'data-testid': 'organizations-card' },
    h('h2', { class: 'card-title' }, t('orgs.title')),
    h('p', { class: 'section-sub' }, t('orgs.explain')),
    loadError.element, list, empty,
    h('h3', { class: 'card-subtitle' }, t('orgs.create.title')),
    h('p', { class: 'section-sub' }, t('orgs.create.explain')),
    form);
}
