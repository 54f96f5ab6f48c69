// Tia's service worker: the app shell works offline. Pages are network-first (a fresh app when
// online, the cached one when not); hashed assets are cache-first (their names change when they
// do). API calls are never cached: writes go through the app's IndexedDB outbox instead.
const CACHE = "tia-shell-v1";
const SHELL = ["/", "/manifest.webmanifest", "/icon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      caches.match(req).then((hit) => hit || fetch(req).then((res) => {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(req, copy));
        return res;
      })),
    );
    return;
  }
  const key = req.mode === "navigate" ? "/" : req;
  event.respondWith(
    fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(key, copy));
      }
      return res;
    }).catch(() => caches.match(key).then((hit) => hit || Response.error())),
  );
});

// Notifications while the app is closed (Web Push): the server's message says only that the team
// replied and which screen to open (no health data reaches a push service or the lock screen).
self.addEventListener("push", (event) => {
  let msg = {};
  try { msg = event.data ? event.data.json() : {}; } catch { msg = {}; }
  const title = typeof msg.title === "string" ? msg.title : "Tia";
  const url = typeof msg.url === "string" && msg.url.startsWith("/") ? msg.url : "/consult";
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof msg.body === "string" ? msg.body : "",
    tag: typeof msg.tag === "string" ? msg.tag : undefined,
    icon: "/icon.svg",
    data: { url },
  }));
});

// Tapping it opens that screen: in the app's open window when there is one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? "/";
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((wins) => {
    const open = wins.find((w) => new URL(w.url).origin === self.location.origin);
    if (open) return open.navigate(url).then((w) => (w ?? open).focus());
    return self.clients.openWindow(url);
  }));
});
