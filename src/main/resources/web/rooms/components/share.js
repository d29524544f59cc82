// "Share" in a room's header: the room's link, handed to the phone's share sheet (the Web Share API)
// where there is one and the pointer is a finger, else copied to the clipboard with a toast. Where
// neither works (an insecure origin, a refused permission) a dialog shows the link, selected, to copy
// by hand.
import { h, icon } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { toast } from '../../core/ui/toasts.js';
import { openDialog } from '../../core/ui/dialogs.js';

/** Returns the button; `room()` gives {id, title} at the moment of the tap. */
export function shareButton(room) {
  const button = h('button', { type: 'button', class: 'btn btn-sm', 'data-testid': 'share-room' },
    icon('share', 16), h('span', { class: 'btn-label' }, t('room.share.open')));
  button.addEventListener('click', async () => {
    const { id, title } = room();
    const url = new URL(`/room/${encodeURIComponent(id)}`, location.origin).href;
    // Desktop browsers with navigator.share open a small system dialog that is worse than a copy.
    if (navigator.share && matchMedia('(pointer: coarse)').matches) {
      try {
        await navigator.share({ title, text: t('room.share.text', { title }), url });
        return;
      } catch (error) {
        if (error.name === 'AbortError') return; // the reader closed the share sheet
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      toast(t('room.share.copied'));
    } catch {
      showLink(url);
    }
  });
  return button;
}

function showLink(url) {
  const input = h('input', { class: 'input', readonly: true, value: url, 'data-testid': 'share-link', 'aria-label': t('room.share.link') });
  openDialog({ title: t('room.share.title'), testid: 'share-dialog', content: [h('p', { class: 'dialog-text' }, t('room.share.copyByHand')), input] });
  input.focus();
  input.select();
}
