// "/admin": what administrators review — display names that imitate a verified account's.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { dismissImpersonationFlag, listImpersonationFlags } from '../core/api.js';
import { requireMe } from '../core/auth.js';
import { notice, pageHeading } from '../core/ui/page.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { avatar, displayName, memberLink } from '../core/ui/members.js';
import { errorMessage } from '../core/ui/errors.js';
import { toast } from '../core/ui/toasts.js';
import { tNodes } from '../core/i18n.js';

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  if (!me.admin) {
    ctx.view.replaceChildren(notice({ title: t('admin.only.title'), body: t('admin.only.body'), testid: 'admin-only' }));
    ctx.ready(t('admin.only.title'));
    return;
  }
  const { items } = await listImpersonationFlags({ signal: ctx.signal });
  const list = h('ul', { class: 'member-list', 'data-testid': 'impersonation-flags' });
  const empty = h('p', { class: 'empty', 'data-testid': 'no-flags', hidden: items.length > 0 }, t('admin.flags.empty'));
  list.replaceChildren(...items.map((flag) => {
    const dismiss = button(t('admin.flags.dismiss'), { class: 'btn btn-sm', 'data-testid': 'dismiss-flag' });
    const row = h('li', { class: 'member-row flag-row', 'data-testid': 'impersonation-flag', 'data-username': flag.member.username },
      avatar(flag.member, 'sm'),
      h('span', { class: 'member-names' },
        h('a', { href: `/u/${encodeURIComponent(flag.member.username)}` }, displayName(flag.member)),
        // The handles tell apart what the names, by design, do not.
        h('span', { class: 'member-handle' }, `@${flag.member.username} · `,
          tNodes('admin.flags.looksLike', { name: memberLink(flag.looksLike) }), ` (@${flag.looksLike.username})`)),
      dismiss);
    dismiss.addEventListener('click', async () => {
      try {
        await withBusy(dismiss, () => dismissImpersonationFlag(flag.member.username));
        row.remove();
        empty.hidden = list.childElementCount > 0;
        toast(t('admin.flags.dismissed', { username: flag.member.username }));
      } catch (error) {
        if (error.status !== 401) toast(errorMessage(error), { kind: 'error' });
      }
    });
    return row;
  }));
  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    pageHeading(t('admin.title')),
    h('section', { class: 'card', 'data-testid': 'flags-section' },
      h('h2', { class: 'card-title' }, t('admin.flags.title')),
      h('p', { class: 'section-sub' }, t('admin.flags.explain')),
      list, empty)));
  ctx.ready(t('admin.title'));
}
