// Settings → "Download your data" (requestExport, getExport): asks the server to prepare the zip,
// shows its progress while it is made in the background, then offers the download until it expires.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { requestExport, getExport } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { formAlert } from '../core/ui/forms.js';
import { errorMessage } from '../core/ui/errors.js';
import { formatDateTime, formatNumber } from '../core/format.js';

/** How often the card asks for the progress while the export is being made. */
const POLL_MS = 700;

function size(bytes) {
  if (bytes >= 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024 / 102.4) / 10)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

export function exportCard() {
  const alert = formAlert('export-error');
  const status = h('p', { class: 'section-sub', role: 'status', 'data-testid': 'export-status' });
  const bar = h('progress', { class: 'export-progress', max: '100', value: '0', hidden: true,
    'aria-label': t('export.progressLabel'), 'data-testid': 'export-progress' });
  const ask = button(t('export.request'), { class: 'btn btn-primary', 'data-testid': 'export-request' });
  const download = h('a', { class: 'btn btn-primary', hidden: true, download: '', 'data-testid': 'export-download' },
    t('export.download'));
  let timer = null;
  const card = h('section', { class: 'card', 'data-testid': 'export-card' },
    h('h2', { class: 'card-title' }, t('export.title')),
    h('p', { class: 'section-sub' }, t('export.explain')),
    alert.element, status, bar,
    h('div', { class: 'form-actions start' }, download, ask));

  function show(e) {
    clearTimeout(timer);
    bar.hidden = e?.status !== 'working';
    download.hidden = e?.status !== 'ready';
    ask.hidden = e?.status === 'working';
    ask.textContent = t(e ? 'export.again' : 'export.request');
    ask.classList.toggle('btn-primary', !e || e.status !== 'ready');
    if (!e) {
      status.textContent = '';
    } else if (e.status === 'working') {
      bar.value = e.progress;
      status.textContent = t('export.working', { percent: e.progress });
      timer = setTimeout(poll, POLL_MS);
    } else if (e.status === 'ready') {
      status.textContent = t('export.ready', { size: size(e.sizeBytes), date: formatDateTime(e.expiresAt) });
      download.href = e.downloadUrl;
    } else {
      status.textContent = t('export.failed');
    }
  }

  async function poll() {
    if (!card.isConnected && timer) return; // the page was left
    try {
      show(await getExport());
    } catch (error) {
      if (error.code === 'no_export') show(null);
      else if (error.status !== 401) alert.show(errorMessage(error));
    }
  }

  ask.addEventListener('click', async () => {
    alert.clear();
    try {
      show(await withBusy(ask, () => requestExport()));
    } catch (error) {
      alert.show(errorMessage(error));
    }
  });
  poll();
  return card;
}
