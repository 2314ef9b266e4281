// The outreach workstation's service worker (scope /outreach/): keeps the workstation's shell and its built assets so
// that the page reloads without a connection. The page itself fills the cache (outreach.js); here the shell is taken
// from the network when there is one (and kept), from the cache when not; the built assets (content-hashed, never
// changing) from the cache first. Any other page of the scope (the installed app's start among them) that cannot be
// had without a connection is answered with the kept page of the workstations on this device. Nothing else is touched: the JSON calls (package, sync) always go to the network,
// and no personal data is ever in this cache (the shell has none; the trip's data is in IndexedDB, encrypted).
const CACHE = 'turbota-outreach-v1';
const SHELL = /^\/outreach\/trips\/[^/]+\/workstation$/;
const OFFLINE = '/outreach/offline';

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function shell(request, path) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    // Only a real shell is kept (not a sign-in redirect nor an error page).
    if (res.ok && !res.redirected) await cache.put(path, res.clone());
    return res;
  } catch {
    return (await cache.match(path)) ?? Response.error();
  }
}

/** Any other page of the scope from the network; without a connection, the page of the workstations on the device. */
async function elseOffline(request) {
  try {
    return await fetch(request);
  } catch {
    return (await caches.match(OFFLINE)) ?? Response.error();
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && SHELL.test(url.pathname)) event.respondWith(shell(request, url.pathname));
  else if (request.mode === 'navigate') event.respondWith(elseOffline(request));
  else if (url.pathname.startsWith('/public/build/')) event.respondWith(asset(request));
});
