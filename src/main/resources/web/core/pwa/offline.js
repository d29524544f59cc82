// The offline page (offline.html): in the reader's language, from the cached catalogues, and back to
// the page they asked for as soon as the network returns (its address is still in the location bar).
import { initI18n, t, translateStatic } from '../i18n.js';

function storedLanguage() {
  try {
    return localStorage.getItem('parley.language'); // core/language.js keeps the reader's choice here
  } catch {
    return null;
  }
}

async function start() {
  try {
    await initI18n([], storedLanguage());
    translateStatic();
    for (const element of document.querySelectorAll('[data-i18n-label]')) {
      element.setAttribute('aria-label', t(element.dataset.i18nLabel));
    }
    document.title = `${t('offline.title')} · Parley`;
  } catch {
    // no catalogue at hand: the English in the markup stays
  }
}

document.querySelector('[data-testid="offline-retry"]').addEventListener('click', () => location.reload());
window.addEventListener('online', () => location.reload());
start();
