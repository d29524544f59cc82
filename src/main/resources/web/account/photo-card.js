// Settings' "Profile photo" card: the member's face, a photo to pick and crop (crop-dialog.js), and
// removing it. The top bar and every page follow through setMe.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { uploadAvatar, deleteAvatar } from '../core/api.js';
import { setMe, currentMe } from '../core/session.js';
import { avatar } from '../core/ui/members.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { formAlert } from '../core/ui/forms.js';
import { confirmDialog } from '../core/ui/dialogs.js';
import { errorMessage } from '../core/ui/errors.js';
import { toast } from '../core/ui/toasts.js';
import { openCropDialog } from './crop-dialog.js';

// What the picker offers; the server reads the bytes, not this list (docs/api.md, uploadAvatar).
const ACCEPT = 'image/jpeg,image/png,image/webp';

export function photoCard() {
  const alert = formAlert('photo-error');
  const preview = h('div', { class: 'photo-preview', 'data-testid': 'photo-preview' });
  const input = h('input', { type: 'file', accept: ACCEPT, hidden: true, 'data-testid': 'photo-input' });
  const choose = button(t('photo.choose'), { class: 'btn', 'data-testid': 'photo-choose' });
  const remove = button(t('photo.remove'), { class: 'btn btn-ghost', 'data-testid': 'photo-remove' });

  const redraw = () => {
    const me = currentMe();
    if (!me) return;
    preview.replaceChildren(avatar(me, 'lg'));
    remove.hidden = !me.avatarUrl;
  };

  choose.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    input.value = ''; // picking the same file again is a new choice
    if (!file) return;
    alert.clear();
    let image;
    try {
      // Upright as the camera meant it: createImageBitmap applies the EXIF orientation.
      image = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      alert.show(t('photo.unreadable'));
      return;
    }
    openCropDialog(image, {
      async save(blob) {
        setMe(await uploadAvatar(blob));
        redraw();
        toast(t('photo.saved'));
        choose.focus();
      },
    });
  });

  remove.addEventListener('click', async () => {
    alert.clear();
    const yes = await confirmDialog({ title: t('photo.removeTitle'), body: t('photo.removeBody'),
      confirm: t('photo.remove'), danger: true, testid: 'photo-remove-confirm' });
    if (!yes) return;
    try {
      await withBusy(remove, async () => setMe(await deleteAvatar()));
      redraw();
      toast(t('photo.removed'));
      choose.focus();
    } catch (error) {
      if (error.name !== 'AbortError') alert.show(errorMessage(error));
    }
  });

  redraw();
  return h('section', { class: 'card', 'data-testid': 'photo-card' },
    h('h2', { class: 'card-title' }, t('photo.title')),
    h('p', { class: 'section-sub' }, t('photo.explain')),
    alert.element,
    h('div', { class: 'photo-row' }, preview,
      h('div', { class: 'form-actions start' }, choose, remove, input)));
}
