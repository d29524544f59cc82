// Parley's service worker. The server serves it at /sw.js (web.WebClient) with one line in front:
//   const BUILD = {"version": "<hash of every file of the web client>", "files": ["/app.js", …]};
// A deploy that changes any client file changes that line, so browsers install the new worker, which
// waits until the reader chooses to reload (core/pwa/register.js shows "A new version is available").
// It also shows Web Push notifications (notifications.PushPayload on the server): the push carries
// the kind and its parameters, and the worker words it from the client's own catalogue.
/* global BUILD */

const CACHE = `parley-shell-${BUILD.version}`;
const OFFLINE = '/offline.html';
// What the offline page needs, fetched while the worker installs; everything else of the shell is
// cached the first time the client loads it.
const PRECACHE = [OFFLINE, '/core/pwa/offline.js', '/core/i18n.js', '/core/theme-boot.js', '/core/base.css',
  '/core/ui/controls.css', '/core/ui/components.css', '/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png',
  ...['en', 'de', 'nl', 'ro', 'ru'].map((locale) => `/i18n/${locale}.json`)];
const SHELL = new Set(BUILD.files);
// Never answered from a cache: the API, the live connection, health and metrics.
const NEVER = [/^\/api\//, /^\/ws(\/|$)/, /^\/healthz$/, /^\/metrics$/];

self.addEventListener('install', (event) => {
  // `no-cache`: revalidate with the server, so the precache is this version's files, not the HTTP cache's.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('parley-shell-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skipWaiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (NEVER.some((pattern) => pattern.test(url.pathname))) return;
  if (request.mode === 'navigate') {
    // Pages come from the server (it knows which exist); without a network, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  if (SHELL.has(url.pathname) && !url.search) event.respondWith(fromShell(request));
});

/** This version's copy of a client file: the files of one version never change, so the cache wins. */
async function fromShell(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// ---- Web Push (RFC 8030): the server sends {id, kind, lang, params, url, unread}, encrypted. ----

const LOCALES = ['en', 'de', 'nl', 'ro', 'ru'];

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    // not ours, or damaged: a plain notification still says something arrived
  }
  event.waitUntil(showPush(data));
});

async function showPush(data) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  // A Parley tab in front of the reader already shows it (the bell, live): no second notice.
  if (windows.some((client) => client.focused && client.visibilityState === 'visible')) return;
  const locale = pickLocale(data.lang);
  const messages = await catalogue(locale);
  const text = messages[`notifications.kind.${data.kind}`] || messages['notifications.push.fallback'] || 'Parley';
  await self.registration.showNotification('Parley', {
    body: text.replace(/\{(\w+)\}/g, (whole, name) => (typeof data.params?.[name] === 'string' ? data.params[name] : whole)),
    lang: locale,
    tag: `parley-${Number.isSafeInteger(data.id) ? data.id : 'news'}`,
    icon: '/icons/icon-192.png',
    data: { url: samePath(data.url) },
  });
}

/** The member's saved interface language, else this browser's, else English. */
function pickLocale(saved) {
  for (const tag of [saved, ...(self.navigator.languages || [])]) {
    const base = typeof tag === 'string' ? tag.slice(0, 2).toLowerCase() : '';
    if (LOCALES.includes(base)) return base;
  }
  return 'en';
}

async function catalogue(locale) {
  for (const path of [`/notifications/i18n/${locale}.json`, '/notifications/i18n/en.json']) {
    try {
      const response = SHELL.has(path) ? await fromShell(new Request(path)) : await fetch(path);
      if (response.ok) return await response.json();
    } catch {
      // offline without a cached copy: try the next
    }
  }
  return {};
}

/** Only a path of this site: a push never sends the reader elsewhere. */
function samePath(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/notifications';
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = samePath(event.notification.data?.url);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
    if (open) {
      await open.focus();
      open.postMessage({ type: 'open', url: path }); // core/pwa/register.js routes there, without a reload
      return;
    }
    await self.clients.openWindow(path);
  })());
});
