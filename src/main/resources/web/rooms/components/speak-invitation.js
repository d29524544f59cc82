// The card that asks a listener whether to come on stage, shown while a moderator's invitation stands.
import { h, icon, replace } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { button } from '../../core/ui/buttons.js';
import { command } from '../../core/socket/connection.js';

/** `act(button, work)` runs the answer with the button busy. Returns {element, update(me)}. */
export function speakInvitation({ act }) {
  const element = h('section', { class: 'card invitation', 'data-testid': 'speak-invitation', hidden: true, 'aria-live': 'polite' });

  function update(me) {
    const invited = me.role === 'listener' && me.invitedToSpeak;
    if (element.hidden === !invited) return;
    element.hidden = !invited;
    if (!invited) {
      element.replaceChildren();
      return;
    }
    const accept = button(t('room.invitation.accept'), { class: 'btn btn-primary', 'data-testid': 'invitation-accept' });
    const decline = button(t('room.invitation.decline'), { class: 'btn btn-ghost', 'data-testid': 'invitation-decline' });
    accept.addEventListener('click', () => act(accept, () => command('answerInvitation', { accept: true })));
    decline.addEventListener('click', () => act(decline, () => command('answerInvitation', { accept: false })));
    replace(element, h('div', { class: 'invitation-icon', 'aria-hidden': 'true' }, icon('mic', 24)),
      h('div', { class: 'grow' }, h('h2', { class: 'card-title' }, t('room.invitation.title')),
        h('p', { class: 'section-sub' }, t('room.invitation.body')),
        h('div', { class: 'form-actions start' }, accept, decline)));
    accept.focus();
  }

  return { element, update };
}
