/* The dossier's service worker, written by `dossier build` (do not edit).
 * Its scope is the folder it is in, the site's root. On install it stores
 * the pages and files listed below (the site's shell, then claim and
 * article pages up to the precache budget), copying those whose revision
 * has not changed from the previous build's cache instead of downloading
 * them again; on activate it deletes the caches of previous builds of this
 * site (never those of another site on the same origin). Pages are served
 * from the cache first; a page not stored is fetched and stored as it is
 * read; offline, a page never read gets the stored 404 page. */
"use strict";
const VERSION = "@VERSION@";
const PRECACHE = @PRECACHE@;
const NOT_FOUND = "404.html";
const SCOPE = self.registration.scope;
const PREFIX = "dossier " + SCOPE + " ";
const CACHE = PREFIX + VERSION;
const REVISIONS = new URL("dossier-revisions.json", SCOPE).href;

const at = (path) => new URL(path, SCOPE).href;

/** The cache key of a request: its URL without query or fragment, a folder as its index.html. */
function key(url) {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/")) { u.pathname += "index.html"; }
  return u.href;
}

/** Revisions stored by earlier builds of this site: URL → [cache name, revision]. */
async function stored() {
  const found = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) { continue; }
    const cache = await caches.open(name);
    const list = await cache.match(REVISIONS);
    if (!list) { continue; }
    for (const [path, revision] of await list.json()) {
      found.set(at(path), [name, revision]);
    }
  }
  return found;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const old = await stored();
  const queue = PRECACHE.slice();
  async function worker() {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [path, revision] = item;
      const url = at(path);
      const before = old.get(url);
      if (before && before[1] === revision) {
        const copy = await (await caches.open(before[0])).match(url);
        if (copy) { await cache.put(url, copy); continue; }
      }
      const response = await fetch(new Request(url, { cache: "no-cache" }));
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      await cache.put(url, response);
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker));
  await cache.put(REVISIONS, new Response(JSON.stringify(PRECACHE), { headers: { "content-type": "application/json" } }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) { await caches.delete(name); }
    }
    await self.clients.claim();
  })());
});

/** The stored 404 page, with the worker's scope (the site's root, where
 * it is read from) as its base so that its links work at any depth: the
 * base it was built with is left out (its revision leaves it out too). */
async function notFound(cache) {
  const page = await cache.match(at(NOT_FOUND));
  if (!page) { return Response.error(); }
  let html = (await page.text()).replace(/<base\s[^>]*>\n?/i, "");
  html = html.replace(/<head>/i, "<head><base href=\"" + SCOPE.replace(/"/g, "%22") + "\">");
  return new Response(html, { status: 404, headers: { "content-type": "text/html; charset=utf-8" } });
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const url = key(request.url);
  const hit = await cache.match(url);
  if (hit) { return hit; }
  try {
    const response = await fetch(request);
    const type = response.headers.get("content-type") || "";
    if (response.ok && request.mode === "navigate" && type.startsWith("text/html")) {
      await cache.put(url, response.clone());
    }
    return response;
  } catch (error) {
    if (request.mode === "navigate") { return notFound(cache); }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) { return; }
  event.respondWith(respond(request));
});
