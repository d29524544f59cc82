// Admins' tools on the club page: requests to join (approve or deny), inviting a member by username,
// and for each member below the admin's own role: give a role, remove, ban.
import { h, icon, uid } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { confirmDialog } from '../core/ui/dialogs.js';
import { errorMessage } from '../core/ui/errors.js';
import { field, formAlert, showProblem } from '../core/ui/forms.js';
import { memberRow } from '../core/ui/members.js';
import { toast } from '../core/ui/toasts.js';
import { listClubRequests, answerClubRequest, inviteToClub, setClubRole, removeClubMember, banClubMember,
  createClubInviteLink } from './api.js';

const RANK = { member: 0, leader: 1, admin: 2, founder: 3 };

export function adminTools(club, redraw) {
  return h('section', { class: 'card', 'aria-labelledby': 'club-admin-title', 'data-testid': 'club-admin' },
    h('h2', { class: 'card-title', id: 'club-admin-title' }, t('clubs.admin.title')),
    requests(club, redraw), invite(club), inviteLink(club));
}

/** A Parley invitation (one of the admin's own) that also brings its new member into the club. */
function inviteLink(club) {
  const make = button(t('clubs.admin.makeLink'), { class: 'btn', 'data-testid': 'club-make-link' });
  make.prepend(icon('ticket'));
  const id = uid('club-link');
  const output = h('div', { class: 'field', hidden: true },
    h('label', { for: id }, t('clubs.admin.linkLabel')),
    h('input', { id, class: 'input', readonly: true, 'data-testid': 'club-link' }));
  const status = h('p', { class: 'hint', role: 'status' }, t('clubs.admin.linkHint'));
  make.addEventListener('click', () => withBusy(make, async () => {
    const link = await createClubInviteLink(club.id);
    output.querySelector('input').value = `${location.origin}${link.url}`;
    output.hidden = false;
    output.querySelector('input').select();
  }).catch((error) => { status.textContent = errorMessage(error); }));
  return h('div', { class: 'club-admin-part' }, h('h3', { class: 'club-admin-heading' }, t('clubs.admin.linkTitle')),
    status, output, h('div', { class: 'form-actions start' }, make));
}

function requests(club, redraw) {
  const list = h('ul', { class: 'member-list', 'data-testid': 'club-requests' });
  const empty = h('p', { class: 'hint', 'data-testid': 'club-requests-empty', hidden: true }, t('clubs.admin.noRequests'));
  listClubRequests(club.id).then(({ items }) => {
    list.replaceChildren(...items.map((m) => {
      const approve = button(t('clubs.admin.approve'), { class: 'btn btn-sm btn-primary', 'data-testid': 'club-request-approve' });
      const deny = button(t('clubs.admin.deny'), { class: 'btn btn-sm', 'data-testid': 'club-request-deny' });
      const answer = (btn, yes) => () => withBusy(btn, async () => {
        await answerClubRequest(club.id, m.username, yes);
        toast(t(yes ? 'clubs.admin.approved' : 'clubs.admin.denied', { name: m.displayName }));
        await redraw();
      }).catch((error) => toast(errorMessage(error)));
      approve.addEventListener('click', answer(approve, true));
      deny.addEventListener('click', answer(deny, false));
      return memberRow(m, h('span', { class: 'club-request-actions' }, approve, deny), 'club-request');
    }));
    empty.hidden = items.length > 0;
  }).catch((error) => {
    empty.textContent = errorMessage(error);
    empty.hidden = false;
  });
  return h('div', { class: 'club-admin-part' }, h('h3', { class: 'club-admin-heading' }, t('clubs.admin.requests')), list, empty);
}

function invite(club) {
  const username = field({ name: 'username', label: t('clubs.admin.inviteLabel'), hint: t('clubs.admin.inviteHint'),
    autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: 31, testid: 'club-invite-username' });
  const alert = formAlert('club-invite-error');
  const submit = button(t('clubs.admin.invite'), { type: 'submit', class: 'btn', 'data-testid': 'club-invite-submit' });
  const form = h('form', { class: 'form club-invite', novalidate: true }, alert.element, username.element,
    h('div', { class: 'form-actions start' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const name = username.input.value.trim().replace(/^@/, '');
    if (!name) return;
    try {
      await withBusy(submit, () => inviteToClub(club.id, name));
      toast(t('clubs.admin.invited', { name }));
      username.input.value = '';
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, { username }, alert);
    }
  });
  return h('div', { class: 'club-admin-part' }, h('h3', { class: 'club-admin-heading' }, t('clubs.admin.inviteTitle')), form);
}

/** For a member below the reader's role: a role picker, remove and ban, behind one "manage" toggle. */
export function memberControls(club, m, redraw) {
  const mine = club.you.role;
  if (!mine || RANK[mine] < RANK.admin || RANK[m.role] >= RANK[mine]) return null;
  const roles = ['member', 'leader', 'admin', 'founder'].filter((r) => RANK[r] < RANK[mine] || (mine === 'founder' && r === 'founder'));
  const id = uid('club-role');
  const select = h('select', { id, class: 'input input-sm', 'data-testid': 'club-role-select' },
    roles.map((r) => h('option', { value: r, selected: r === m.role }, t(r === 'founder' ? 'clubs.admin.handOver' : `clubs.role.${r}`))));
  const save = button(t('clubs.admin.setRole'), { class: 'btn btn-sm', 'data-testid': 'club-role-save' });
  const remove = button(t('clubs.admin.remove'), { class: 'btn btn-sm btn-danger-text', 'data-testid': 'club-remove' });
  const ban = button(t('clubs.admin.ban'), { class: 'btn btn-sm btn-danger-text', 'data-testid': 'club-ban' });
  const fail = (error) => toast(errorMessage(error));
  save.addEventListener('click', async () => {
    if (select.value === 'founder') {
      const yes = await confirmDialog({
        title: t('clubs.admin.handOverConfirm.title', { name: m.displayName }), body: t('clubs.admin.handOverConfirm.body'),
        confirm: t('clubs.admin.handOver'), cancel: t('clubs.leaveConfirm.no'), danger: true, testid: 'confirm-hand-over',
      });
      if (!yes) return;
    }
    await withBusy(save, async () => redraw(await setClubRole(club.id, m.username, select.value))).catch(fail);
  });
  const confirmed = (btn, key, work) => async () => {
    const yes = await confirmDialog({
      title: t(`clubs.admin.${key}Confirm.title`, { name: m.displayName }), body: t(`clubs.admin.${key}Confirm.body`),
      confirm: t(`clubs.admin.${key}`), cancel: t('clubs.leaveConfirm.no'), danger: true, testid: `confirm-club-${key}`,
    });
    if (yes) await withBusy(btn, async () => { await work(); await redraw(); }).catch(fail);
  };
  remove.addEventListener('click', confirmed(remove, 'remove', () => removeClubMember(club.id, m.username)));
  ban.addEventListener('click', confirmed(ban, 'ban', () => banClubMember(club.id, m.username)));
  return h('details', { class: 'club-manage', 'data-testid': 'club-manage' },
    h('summary', { class: 'icon-btn' }, icon('more', 18), h('span', { class: 'visually-hidden' }, t('clubs.admin.manage', { name: m.displayName }))),
    h('div', { class: 'club-manage-panel' },
      h('label', { for: id }, t('clubs.admin.roleOf', { name: m.displayName })), select,
      h('div', { class: 'club-manage-actions' }, save, remove, ban)));
}
