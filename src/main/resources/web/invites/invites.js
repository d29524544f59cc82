// "/invites": how many invitations are left, create one, copy its link, revoke a pending one, and see
// who joined through each used one.
import { h, icon, replace } from '../core/dom.js';
import { t, tNodes } from '../core/i18n.js';
import { listInvites, createInvite, revokeInvite } from '../core/api.js';
import { formatRelative, formatDate, timeElement } from '../core/format.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { formAlert } from '../core/ui/forms.js';
import { errorMessage } from '../core/ui/errors.js';
import { avatar, memberLink } from '../core/ui/members.js';
import { toast } from '../core/ui/toasts.js';
import { requireMe } from '../core/auth.js';

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' },
    h('div', { class: 'card' }, skeletonLines(2)), h('div', { class: 'card' }, skeletonLines(3))));
  let data;
  try {
    data = await listInvites({ signal: ctx.signal });
  } finally {
    stopSkeleton();
  }

  let remaining = data.remaining;
  const remainingText = h('p', { class: 'remaining', 'data-testid': 'invites-remaining' });
  const alert = formAlert('invites-error');
  const create = button(t('invites.create'), { class: 'btn btn-primary', 'data-testid': 'create-invite' });
  create.prepend(icon('plus'));
  const list = h('ul', { class: 'invite-list', 'data-testid': 'invite-list' });
  const empty = h('p', { class: 'empty', 'data-testid': 'invites-empty' }, t('invites.empty'));

  const refreshSummary = () => {
    remainingText.textContent = remaining === null
      ? t('invites.remaining.unlimited')
      : t('invites.remaining', { count: remaining });
    create.disabled = remaining === 0;
    empty.hidden = list.children.length > 0;
  };

  create.addEventListener('click', async () => {
    alert.clear();
    try {
      const invite = await withBusy(create, () => createInvite({ signal: ctx.signal }));
      if (remaining !== null) remaining = Math.max(0, remaining - 1);
      const item = inviteItem(invite, alert);
      list.prepend(item);
      refreshSummary();
      item.querySelector('[data-testid="invite-link"]').focus();
      toast(t('invites.created'));
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.code === 'invite_quota_exhausted') remaining = 0;
      alert.show(errorMessage(error));
      refreshSummary();
    }
  });

  for (const invite of data.items) list.append(inviteItem(invite, alert));
  refreshSummary();

  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    pageHeading(t('invites.title')),
    h('section', { class: 'card invite-summary' },
      h('p', { class: 'section-sub' }, t('invites.explain')),
      remainingText,
      h('div', { class: 'form-actions start' }, create),
      alert.element,
      h('p', { class: 'tree-link' }, h('a', { href: '/invites/tree', 'data-testid': 'tree-link' }, t('tree.link')))),
    h('h2', { class: 'section-title' }, t('invites.listTitle')),
    empty,
    list));
  ctx.ready(t('invites.title'));
}

function inviteItem(invite, alert) {
  const li = h('li', { class: 'card invite-item', 'data-testid': 'invite-item', 'data-code': invite.code });
  const draw = () => {
    li.dataset.status = invite.status;
    replace(li,
      h('div', { class: 'invite-head' },
        h('span', { class: `badge badge-${invite.status}`, 'data-testid': 'invite-status' }, t(`invites.status.${invite.status}`)),
        h('span', { class: 'invite-when' }, timeLine(invite))),
      invite.status === 'used' && invite.usedBy
        ? h('p', { class: 'invite-used-by', 'data-testid': 'invite-used-by' }, avatar(invite.usedBy, 'xs'),
          h('span', {}, tNodes('invites.joined', { member: memberLink(invite.usedBy) })))
        : null,
      invite.status === 'pending' ? pendingControls(invite, alert, draw) : null);
  };
  draw();
  return li;
}

function timeLine(invite) {
  switch (invite.status) {
    case 'pending':
      return tNodes('invites.expiresIn', { when: timeElement(invite.expiresAt, formatRelative(invite.expiresAt)) });
    case 'used':
      return invite.usedAt
        ? tNodes('invites.usedAt', { when: timeElement(invite.usedAt, formatRelative(invite.usedAt)) })
        : [];
    case 'expired':
      return tNodes('invites.expiredOn', { date: timeElement(invite.expiresAt, formatDate(invite.expiresAt)) });
    default:
      return tNodes('invites.createdAt', { when: timeElement(invite.createdAt, formatRelative(invite.createdAt)) });
  }
}

/** The link with Copy, and Revoke behind a confirm step. */
function pendingControls(invite, alert, redraw) {
  const linkId = `invite-link-${invite.code}`;
  const input = h('input', {
    id: linkId, class: 'input input-link', readOnly: true, value: invite.url, 'data-testid': 'invite-link',
    'aria-label': t('invites.linkLabel'),
  });
  input.addEventListener('focus', () => input.select());
  const copy = button(t('invites.copy'), { class: 'btn', 'data-testid': 'copy-link' });
  copy.prepend(icon('copy'));
  copy.addEventListener('click', async () => {
    const ok = await copyText(invite.url, input);
    copy.querySelector('.btn-label').textContent = ok ? t('invites.copied') : t('invites.copyManually');
    copy.classList.toggle('is-done', ok);
    toast(ok ? t('invites.copied') : t('invites.copyManually'));
    setTimeout(() => {
      copy.querySelector('.btn-label').textContent = t('invites.copy');
      copy.classList.remove('is-done');
    }, 2500);
  });

  const revoke = button(t('invites.revoke'), { class: 'btn btn-ghost btn-danger-text', 'data-testid': 'revoke' });
  const confirmBox = h('div', { class: 'confirm', role: 'group', 'aria-label': t('invites.revokeConfirm.label'), hidden: true });
  const yes = button(t('invites.revokeConfirm.yes'), { class: 'btn btn-danger', 'data-testid': 'revoke-confirm' });
  const no = button(t('invites.revokeConfirm.no'), { class: 'btn btn-ghost', 'data-testid': 'revoke-cancel' });
  confirmBox.append(h('p', {}, t('invites.revokeConfirm.question')), h('div', { class: 'form-actions start' }, yes, no));

  revoke.addEventListener('click', () => {
    confirmBox.hidden = false;
    revoke.hidden = true;
    no.focus();
  });
  no.addEventListener('click', () => {
    confirmBox.hidden = true;
    revoke.hidden = false;
    revoke.focus();
  });
  yes.addEventListener('click', async () => {
    alert.clear();
    try {
      await withBusy(yes, () => revokeInvite(invite.code));
      invite.status = 'revoked';
      redraw();
      toast(t('invites.revoked'));
    } catch (error) {
      if (error.code === 'invite_not_revocable') {
        toast(errorMessage(error), { kind: 'error' });
        return;
      }
      alert.show(errorMessage(error));
    }
  });

  return h('div', { class: 'invite-controls' },
    h('div', { class: 'link-row' }, input, copy),
    h('div', { class: 'revoke-row' }, revoke, confirmBox));
}

/** Clipboard API where allowed; otherwise select the text and try the legacy copy command. */
async function copyText(text, input) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission denied or unavailable: fall through to selecting the text
  }
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
