// The app's service worker: keeps the shell (page, scripts, stylesheet, icons) for offline use,
// network first so a new version arrives at once. The JSON API (/v1) is never cached: it holds
// health data. Push: a payload is {"title","id"} (no health data); a click opens the app, which
// fetches the notification with the citizen's token.
const CACHE = 'brobygger-app-v1';
const SHELL = ['/app', '/app/manifest.webmanifest', '/app/assets/app.css', '/app/assets/app.js', '/app/assets/api.js',
  '/app/assets/queue.js', '/app/assets/push.js', '/app/assets/texts.js', '/app/assets/icon.svg', '/app/assets/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

function shellKey(url) {
  if (url.origin !== self.location.origin) return null;
  if (url.pathname === '/app' || url.pathname === '/app/') return '/app';
  if (SHELL.includes(url.pathname) || url.pathname.startsWith('/app/assets/')) return url.pathname;
  return null;
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const key = shellKey(new URL(event.request.url));
  if (!key) return;
  event.respondWith(fetch(event.request).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
    }
    return res;
  }).catch(() => caches.match(key).then((hit) => hit || Response.error())));
});

self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { /* not JSON: show the default */ }
  event.waitUntil(self.registration.showNotification(data.title || 'Brobygger', {
    icon: '/app/assets/icon-192.png', badge: '/app/assets/icon-192.png', tag: data.id || 'brobygger', data: { id: data.id || '' } }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const id = (event.notification.data && event.notification.data.id) || '';
  const url = id ? '/app#/notification/' + encodeURIComponent(id) : '/app';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
    const open = list.find((c) => new URL(c.url).pathname.startsWith('/app'));
    if (open) {
      open.postMessage({ type: 'notification', id });
      return open.focus();
    }
    return self.clients.openWindow(url);
  }));
});
