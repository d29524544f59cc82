// Parley's service worker. The server serves it at /sw.js (web.WebClient) with one line in front:
//   const BUILD = {"version": "<hash of every file of the web client>", "files": ["/app.js", …]};
// A deploy that changes any client file changes that line, so browsers install the new worker, which
// waits until the reader chooses to reload (core/pwa/register.js shows "A new version is available").
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
