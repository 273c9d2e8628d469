// Jauge's service worker: the app works offline. The app shell (the page, its style, its boot code)
// is kept at install; the modules fetched on demand (the interface's, on the first action; the
// reader, the writers, the Word writer, the grid editor, the catalogues, the analysis report) and
// the sample tender are kept the first time the app fetches them, and so are those the page fetched
// before this worker controlled it (the page names them in a message once the interface is shown). It only answers
// requests for the site's own files (GET): offers are never requested, they are read locally.
const CACHE = "{{version}}";
const SHELL = ["{{shell}}"];

self.addEventListener("install", (event) => {
  // The page has just loaded these files: take them from the browser's HTTP cache, not the network.
  const requests = SHELL.map((path) => new Request(path, { cache: "force-cache" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The site's files the page fetched before this worker controlled it: kept from the browser's HTTP
// cache (the page has just fetched them), never fetched again over the network.
self.addEventListener("message", (event) => {
  const urls = (Array.isArray(event.data?.keep) ? event.data.keep : [])
    .filter((u) => typeof u === "string" && new URL(u).origin === self.location.origin);
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((u) =>
    cache.match(u).then((kept) => kept ?? cache.add(new Request(u, { cache: "only-if-cached", mode: "same-origin" })).catch(() => {}))))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The page: the network's copy when online (a new version), the kept one offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put("./", copy));
          return response;
        })
        .catch(() => caches.match("./")),
    );
    return;
  }
  // Hashed files never change: the kept copy, or the network's, kept for next time.
  event.respondWith(
    caches.match(request).then((kept) =>
      kept ?? fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })),
  );
});
