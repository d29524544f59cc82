// Installs the service worker (/sw.js, root scope) and offers a new version once it is ready:
// "A new version of Parley is available — Reload". The new worker takes over only when the reader
// says so, and the page reloads under it, so old and new files never mix in one page.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';

const HOURLY = 60 * 60 * 1000;

/** Registers once the page has loaded and the browser is idle: installing fetches the offline page's
 * files, which must not compete with the first page the reader waits for. */
export function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(() => register(), { timeout: 3000 }) : setTimeout(register, 500));
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

async function register() {
  // A click on a push notification while Parley is open: the worker asks this page to go there.
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type === 'open' && typeof event.data.url === 'string' && event.data.url.startsWith('/')) navigate(event.data.url);
  });
  let registration;
  try {
    registration = await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  } catch {
    return; // e.g. plain HTTP on another host than localhost: Parley still works, uninstallable
  }
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  const offer = (worker) => showPrompt(() => {
    reloading = true;
    worker.postMessage({ type: 'skipWaiting' });
  });
  // The first worker of this browser has nothing to replace; only a later one is an update.
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  // A single-page app rarely navigates, so it asks for a new version itself: hourly and on return.
  const check = () => registration.update().catch(() => {});
  setInterval(check, HOURLY);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

function showPrompt(reload) {
  if (document.querySelector('[data-testid="update-prompt"]')) return;
  const close = () => prompt.remove();
  const prompt = h('aside', { class: 'update-prompt action-toast', 'data-testid': 'update-prompt', 'aria-labelledby': 'update-prompt-text' },
    h('p', { class: 'action-toast-text', id: 'update-prompt-text', role: 'status' }, t('update.available')),
    h('button', { type: 'button', class: 'btn btn-primary btn-sm', 'data-testid': 'update-reload', onclick: reload }, t('update.reload')),
    h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('common.dismiss'), onclick: close }, icon('x', 18)));
  document.body.append(prompt);
}
