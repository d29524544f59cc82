// The photo crop: the picked image under a square window, moved by dragging or the arrow keys and
// zoomed with the slider, the wheel or +/−; what the window shows is what is uploaded. The round
// mask previews how the avatar will look. Drawn on a canvas; no library.
import { h, uid } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { openDialog } from '../core/ui/dialogs.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { formAlert } from '../core/ui/forms.js';
import { errorMessage } from '../core/ui/errors.js';

const VIEW = 280; // the window's CSS size; the canvas is drawn at the screen's pixel density
const MAX_ZOOM = 4; // ×4 on top of "the image just covers the window"
const STEP = 10; // CSS pixels per arrow key press (×5 with Shift)
// What is uploaded: the crop at its own resolution, within these bounds. The server makes its
// 48–256 px squares from it, so more would only cost upload time.
const OUT_MIN = 256;
const OUT_MAX = 1024;

/**
 * Opens the crop dialog for an image (ImageBitmap, upright: browsers apply EXIF orientation).
 * save(blob) uploads the square JPEG; it may throw an ApiError, shown in the dialog.
 */
export function openCropDialog(image, { save }) {
  const { width, height } = image;
  const minScale = VIEW / Math.min(width, height);
  let scale = minScale;
  let cx = width / 2;
  let cy = height / 2;

  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const canvas = h('canvas', { class: 'crop-canvas', width: VIEW * dpr, height: VIEW * dpr, 'aria-hidden': 'true' });
  const instructionsId = uid('crop-help');
  const area = h('div', {
    class: 'crop-area', tabindex: '0', role: 'application', 'aria-label': t('crop.area'),
    'aria-describedby': instructionsId, 'data-testid': 'crop-area',
  }, canvas);
  const zoomId = uid('crop-zoom');
  const zoom = h('input', { id: zoomId, type: 'range', min: '100', max: String(MAX_ZOOM * 100), step: '1', value: '100',
    class: 'crop-zoom', 'data-testid': 'crop-zoom' });
  const alert = formAlert('crop-error');
  const cancel = button(t('crop.cancel'), { class: 'btn btn-ghost', 'data-testid': 'crop-cancel' });
  const saveButton = button(t('crop.save'), { class: 'btn btn-primary', 'data-testid': 'crop-save' });

  const clamp = () => {
    scale = Math.min(minScale * MAX_ZOOM, Math.max(minScale, scale));
    const half = VIEW / scale / 2; // half the window, in image pixels
    cx = Math.min(width - half, Math.max(half, cx));
    cy = Math.min(height - half, Math.max(half, cy));
  };

  const draw = () => {
    clamp();
    const g = canvas.getContext('2d');
    const side = VIEW / scale;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.imageSmoothingQuality = 'high';
    g.clearRect(0, 0, VIEW, VIEW);
    g.drawImage(image, cx - side / 2, cy - side / 2, side, side, 0, 0, VIEW, VIEW);
    // Shade the corners the round avatar will not show, and ring the circle.
    g.beginPath();
    g.rect(0, 0, VIEW, VIEW);
    g.arc(VIEW / 2, VIEW / 2, VIEW / 2 - 1, 0, Math.PI * 2, true);
    g.fillStyle = 'rgb(0 0 0 / .45)';
    g.fill('evenodd');
    g.beginPath();
    g.arc(VIEW / 2, VIEW / 2, VIEW / 2 - 1, 0, Math.PI * 2);
    g.strokeStyle = 'rgb(255 255 255 / .9)';
    g.lineWidth = 2;
    g.stroke();
    const percent = Math.round((scale / minScale) * 100);
    zoom.value = String(percent);
    zoom.setAttribute('aria-valuetext', t('crop.zoomValue', { percent }));
  };

  // Zooms about the window's centre, so what is in the middle stays there.
  const zoomTo = (factor) => {
    scale = minScale * factor;
    draw();
  };
  const pan = (dxCss, dyCss) => {
    const cssToImage = 1 / scale;
    cx -= dxCss * cssToImage;
    cy -= dyCss * cssToImage;
    draw();
  };

  zoom.addEventListener('input', () => zoomTo(Number(zoom.value) / 100));

  let drag = null;
  area.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY };
    area.setPointerCapture(event.pointerId);
    area.focus();
  });
  area.addEventListener('pointermove', (event) => {
    if (!drag) return;
    // The canvas may be drawn smaller than VIEW on a narrow screen: convert screen to window pixels.
    const ratio = VIEW / area.getBoundingClientRect().width;
    pan((event.clientX - drag.x) * ratio, (event.clientY - drag.y) * ratio);
    drag = { x: event.clientX, y: event.clientY };
  });
  const endDrag = () => { drag = null; };
  area.addEventListener('pointerup', endDrag);
  area.addEventListener('pointercancel', endDrag);
  area.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoomTo((scale / minScale) * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });
  area.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? STEP * 5 : STEP;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      // The arrow moves the window over the photo, as the key's direction says.
      pan(...moves[event.key]);
    } else if (event.key === '+' || event.key === '=') {
      zoomTo((scale / minScale) * 1.1);
    } else if (event.key === '-' || event.key === '_') {
      zoomTo((scale / minScale) / 1.1);
    } else if (event.key === 'Home') {
      scale = minScale;
      cx = width / 2;
      cy = height / 2;
      draw();
    } else {
      return;
    }
    event.preventDefault();
  });

  const d = openDialog({
    title: t('crop.title'), testid: 'crop-dialog',
    content: [
      alert.element,
      h('p', { id: instructionsId, class: 'dialog-text crop-help' }, t('crop.instructions')),
      area,
      h('div', { class: 'crop-zoom-row' }, h('label', { for: zoomId }, t('crop.zoom')), zoom),
    ],
    footer: [cancel, saveButton],
  });
  d.dialog.classList.add('crop-dialog');
  cancel.addEventListener('click', d.close);
  saveButton.addEventListener('click', async () => {
    alert.clear();
    const side = VIEW / scale; // the crop in image pixels
    const out = Math.round(Math.min(OUT_MAX, Math.max(OUT_MIN, side)));
    const target = document.createElement('canvas');
    target.width = out;
    target.height = out;
    const g = target.getContext('2d');
    g.imageSmoothingQuality = 'high';
    g.fillStyle = '#fff'; // JPEG has no transparency
    g.fillRect(0, 0, out, out);
    g.drawImage(image, cx - side / 2, cy - side / 2, side, side, 0, 0, out, out);
    try {
      await withBusy(saveButton, async () => {
        const blob = await new Promise((resolve) => target.toBlob(resolve, 'image/jpeg', 0.92));
        await save(blob);
      });
      d.close();
    } catch (error) {
      if (error.name !== 'AbortError') alert.show(errorMessage(error));
    }
  });
  draw();
  area.focus();
  return d;
}
