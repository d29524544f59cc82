// "/me/edit": change display name and bio.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { updateMe } from '../core/api.js';
import { setMe } from '../core/session.js';
import { LIMITS, checkDisplayName, checkBio, problems } from '../core/rules.js';
import { field, formAlert, showProblem, showLocalErrors } from '../core/ui/forms.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { pageHeading, backLink } from '../core/ui/page.js';
import { toast } from '../core/ui/toasts.js';
import { requireMe, profilePath } from '../core/auth.js';

export async function render(ctx) {
  const me = await requireMe(ctx, { fresh: true }); // edit what the server has, not a stale copy
  if (!me) return;

  const displayName = field({
    name: 'displayName', label: t('edit.displayName'), autocomplete: 'name', required: true,
    counter: LIMITS.displayNameMax, value: me.displayName,
  });
  const bio = field({
    name: 'bio', label: t('edit.bio'), multiline: true, rows: 5, counter: LIMITS.bioMax,
    hint: t('edit.bioHint'), value: me.bio || '',
  });
  bio.input.dispatchEvent(new Event('input')); // counters count the prefilled text
  displayName.input.dispatchEvent(new Event('input'));
  const fields = { displayName, bio };
  const alert = formAlert('edit-error');
  const submit = button(t('edit.save'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'edit-save' });
  const cancel = h('a', { class: 'btn btn-ghost', href: profilePath(me.username) }, t('common.cancel'));

  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'edit-form' },
    alert.element, displayName.element, bio.element, h('div', { class: 'form-actions' }, cancel, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const local = problems(checkDisplayName(displayName.input.value), checkBio(bio.input.value));
    if (!showLocalErrors(local, fields)) return;
    try {
      const updated = await withBusy(submit, () => updateMe({
        displayName: displayName.input.value.trim(),
        bio: bio.input.value,
      }));
      setMe(updated);
      toast(t('edit.saved'));
      ctx.navigate(profilePath(updated.username));
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });

  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    backLink(profilePath(me.username), t('common.backToProfile')),
    pageHeading(t('edit.title')),
    h('section', { class: 'card' }, form)));
  ctx.ready(t('edit.title'));
}
