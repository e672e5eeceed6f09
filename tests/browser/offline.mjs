// Offline reading, in Debian's Chromium driven by playwright-core.
//
//   node tests/browser/offline.mjs worker PUBLIC_DIR --dossier BIN --root DOSSIER
//   node tests/browser/offline.mjs single FILE.html PUBLIC_DIR [--screenshots DIR]
//   node tests/browser/offline.mjs footer PUBLIC_DIR --screenshots DIR
//   node tests/browser/offline.mjs zip PUBLIC_DIR OUT.zip [--screenshots DIR]
//
// worker: serves PUBLIC_DIR under http://127.0.0.1:PORT/repo/ (a GitHub
// Pages project path), opens the front page, waits for the service worker
// to control it, goes offline and opens a claim, a topic, an article and a
// search never visited (all render), and an address never built (the 404
// page, styled); then appends a line to the dossier's front page, rebuilds
// it with BIN into PUBLIC_DIR, goes online and opens the front page again:
// the new line shows and the previous build's cache is gone.
//
// single: opens FILE.html from file://, checks every claim statement of
// PUBLIC_DIR/data/claims.json is in it, every in-file link and id
// reference lands on an element, one section shows at a time, the search
// finds and opens a section, no request leaves the file, no console error
// (a CSP refusal is one), axe-core finds no serious or critical violation
// in the light and the dark scheme, print shows every section, and the Nu
// HTML Checker reports no error.
//
// footer: screenshots of a page's footer (desktop 1280 px and phone 390 px,
// light and dark).
//
// zip: a site whose zip the browser makes (`archive = "browser"`): from
// file:// the footer's button stays hidden; served under /repo/, it shows
// (on a phone-sized screen, in both schemes; screenshots of the footer),
// and a click on a claims page makes the download, saved as OUT.zip for
// the caller to compare with the site, with no console error (a refused
// fetch is one) and the button usable again after.
//
// Prints one line per check and "N passed, M failed"; exits 1 on failure.

import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync, statSync, appendFileSync, mkdirSync } from "node:fs";
import { join, resolve, extname, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const mode = args[0];
const option = (name) => { const at = args.indexOf(name); return at >= 0 ? args[at + 1] : null; };
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ": " + detail : ""}`); }
}
async function step(name, fn) {
  try { await fn(); } catch (e) { check(name, false, String(e && e.message || e).split("\n")[0]); }
}

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".webmanifest": "application/manifest+json", ".png": "image/png",
  ".zip": "application/zip", ".csv": "text/csv", ".xml": "application/xml",
};
function serve(site) {
  return new Promise((ok) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (!url.pathname.startsWith("/repo/")) { res.writeHead(404); res.end("not under /repo/"); return; }
      const file = resolve(site, decodeURIComponent(url.pathname.slice("/repo/".length)) || "index.html");
      if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) {
        res.writeHead(404, { "content-type": types[".html"] });
        res.end(existsSync(join(site, "404.html")) ? readFileSync(join(site, "404.html")) : "");
        return;
      }
      res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream", "cache-control": "no-cache" });
      res.end(readFileSync(file));
    });
    server.listen(0, "127.0.0.1", () => ok(server));
  });
}

function watch(page, errors, allow = () => false) {
  page.on("console", (m) => { if (m.type() === "error" && !allow(m.text())) errors.push(`${page.url()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
}

async function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** This site's caches: names of the caches whose name starts with "dossier <scope> ". */
async function siteCaches(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return (await caches.keys()).filter((k) => k.startsWith("dossier " + reg.scope + " "));
  });
}

async function worker(site, dossier, root) {
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/repo/`;
  const browser = await launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  // Offline, an address never built is answered 404 by the worker, as a server would.
  watch(page, errors, (text) => /status of 404/.test(text));
  const sw = readFileSync(join(site, "sw.js"), "utf8");
  const list = JSON.parse(sw.slice(sw.indexOf("const PRECACHE = ") + 17, sw.indexOf(";\nconst NOT_FOUND")));
  const claim = list.map((e) => e[0]).find((p) => p.startsWith("claims/"));
  const topic = list.map((e) => e[0]).find((p) => p.startsWith("topics/"));
  const article = list.map((e) => e[0]).find((p) => p.startsWith("articles/"));
  let before = [];
  await step("worker: installs and controls the page", async () => {
    await page.goto(base + "index.html");
    const controlled = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
      }
      return navigator.serviceWorker.controller.scriptURL;
    });
    check("worker: sw.js at the site's root controls the page", controlled === base + "sw.js", controlled);
    before = await siteCaches(page);
    const stored = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, before[0]);
    // Every precached file, and the list of revisions.
    check(`worker: one cache holding the ${list.length} precached files`, before.length === 1 && stored === list.length + 1, `${before.length} caches, ${stored} entries`);
  });
  await context.setOffline(true);
  for (const [what, path, query] of [["claim", claim, null], ["topic", topic, null], ["article", article, null], ["search", "search.html", "q"]]) {
    await step(`offline: ${what} opens`, async () => {
      if (!path) { throw new Error(`no ${what} in the precache list`); }
      let url = base + path;
      if (query) {
        const word = await page.evaluate(() => document.querySelector("h1").textContent.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 4) || "the");
        url += "?q=" + encodeURIComponent(word.toLowerCase());
      }
      const response = await page.goto(url);
      const h1 = (await page.locator("main h1").first().textContent()).trim();
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).borderTopStyle === "solid");
      let detail = "";
      if (query) {
        await page.waitForSelector(".search-result", { timeout: 5000 });
        // Let the deferred scripts load before leaving (leaving aborts them).
        await page.waitForLoadState("load");
        detail = `${await page.locator(".search-result").count()} results`;
      }
      check(`offline: ${what} (${path}) renders, styled${detail ? ", " + detail : ""}`, response && response.ok() && h1.length > 0 && styled, `${response && response.status()} "${h1}"`);
    });
  }
  await step("offline: an address never built gives the 404 page", async () => {
    const response = await page.goto(base + "claims/never-built.html");
    const h1 = (await page.locator("main h1").first().textContent()).trim();
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).borderTopStyle === "solid");
    const home = await page.evaluate(() => document.querySelector(".site-title").href);
    check("offline: the stored 404 page, styled, its links from the site's root", response.status() === 404 && /not found/i.test(h1) && styled && home === base + "index.html", `${response.status()} "${h1}" styled=${styled} home=${home}`);
  });
  await context.setOffline(false);
  await step("rebuild: new content shows and the old cache is gone", async () => {
    const marker = `Rebuilt ${Date.now()}`;
    appendFileSync(join(root, "content", "_index.md"), `\n\n${marker}.\n`);
    execFileSync(dossier, ["build", "--root", root, "--output", site], { stdio: "pipe" });
    await page.goto(base + "index.html");
    // The old worker answers first; the new one installs, takes over, and
    // the page is shown again.
    await page.waitForFunction((m) => document.body.textContent.includes(m), marker, { timeout: 20000 });
    const after = await siteCaches(page);
    check("rebuild: one cache left, not the old one", after.length === 1 && after[0] !== before[0], JSON.stringify({ before, after }));
  });
  check("worker: no console errors", errors.length === 0, errors.slice(0, 3).join(" | "));
  await browser.close();
  server.close();
}

/** Checks of the single file in its current state. */
async function inFileLinks(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const a of document.querySelectorAll("[href^='#']")) {
      const id = decodeURIComponent(a.getAttribute("href").slice(1));
      if (!document.getElementById(id)) { bad.push(a.getAttribute("href")); }
    }
    const refs = ["for", "aria-labelledby", "aria-describedby", "aria-controls", "headers", "list"];
    for (const name of refs) {
      for (const el of document.querySelectorAll(`[${name}]`)) {
        for (const id of el.getAttribute(name).split(/\s+/)) {
          if (id && !document.getElementById(id)) { bad.push(`${name}=${id}`); }
        }
      }
    }
    const links = document.querySelectorAll("[href^='#']").length;
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    return { bad, links, dupes };
  });
}

async function visibleSections(page) {
  return page.evaluate(() => [...document.querySelectorAll(".sf-section")].filter((s) => getComputedStyle(s).display !== "none").map((s) => s.id));
}

async function single(file, site, shots) {
  const url = pathToFileURL(resolve(file)).href;
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  const outside = [];
  watch(page, errors);
  page.on("request", (r) => { if (!r.url().startsWith(url.split("#")[0]) && !r.url().startsWith("data:")) { outside.push(r.url()); } });
  page.on("requestfailed", (r) => errors.push(`${r.url()}: request failed (${(r.failure() || {}).errorText})`));
  await step("single: opens on its cover", async () => {
    await page.goto(url);
    check("single: the cover alone shows", JSON.stringify(await visibleSections(page)) === JSON.stringify(["index"]), JSON.stringify(await visibleSections(page)));
  });
  await step("single: every claim statement is in the file", async () => {
    const claims = JSON.parse(readFileSync(join(site, "data/claims.json"), "utf8")).claims;
    const text = await page.evaluate(() => document.body.textContent.replace(/\s+/g, " "));
    const missing = claims.filter((c) => !text.includes(c.statement.replace(/\s+/g, " ")));
    check(`single: all ${claims.length} claim statements`, claims.length > 0 && missing.length === 0, missing.slice(0, 2).map((c) => c.id).join(", "));
  });
  await step("single: every in-file link lands", async () => {
    const { bad, links, dupes } = await inFileLinks(page);
    check(`single: ${links} in-file links and id references land, ids unique`, links > 0 && bad.length === 0 && dupes.length === 0, `${bad.slice(0, 5).join(", ")} dupes: ${dupes.slice(0, 3).join(", ")}`);
  });
  await step("single: contents → claim → passage", async () => {
    await page.goto(url + "#contents");
    await page.locator("#contents a[href^='#claims_']").first().click();
    const shown = await visibleSections(page);
    check("single: a claim from the contents shows alone", shown.length === 1 && shown[0].startsWith("claims_"), JSON.stringify(shown));
    await page.locator(".sf-section:target > section > ol figcaption a").first().click();
    const target = await page.evaluate(() => {
      const t = document.querySelector(":target");
      return t ? { tag: t.tagName, id: t.id, visible: t.getBoundingClientRect().height > 0 } : null;
    });
    const now = await visibleSections(page);
    check("single: the passage is the visible target in its article", target && target.tag === "MARK" && target.visible && now.length === 1 && now[0].startsWith("articles_"), JSON.stringify({ target, now }));
  });
  await step("single: search", async () => {
    await page.goto(url + "#search");
    const word = await page.evaluate(() => document.querySelector("#index h1").textContent.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 4));
    await page.fill("#search\\.search-q", word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase());
    await page.press("#search\\.search-q", "Enter");
    await page.waitForSelector(".search-result", { timeout: 5000 });
    const href = await page.locator(".search-result__title").first().getAttribute("href");
    await page.locator(".search-result__title").first().click();
    const shown = await visibleSections(page);
    check(`single: search "${word}" finds results that open their section`, href.startsWith("#") && shown.length === 1 && shown[0] !== "search", `${href} → ${JSON.stringify(shown)}`);
  });
  await step("single: print shows every section", async () => {
    await page.emulateMedia({ media: "print" });
    const shown = await visibleSections(page);
    const all = await page.evaluate(() => document.querySelectorAll(".sf-section").length);
    const chrome = await page.evaluate(() => getComputedStyle(document.querySelector(".sf-bar")).display);
    check(`single: print shows ${shown.length} of ${all} sections (all but search), no navigation bar`, shown.length === all - 1 && !shown.includes("search") && chrome === "none", `${shown.length}/${all}, bar ${chrome}`);
    await page.emulateMedia({ media: null });
  });
  if (shots) {
    mkdirSync(shots, { recursive: true });
    for (const [name, hash] of [["cover", ""], ["claim", (await page.locator("#contents a[href^='#claims_']").first().getAttribute("href"))]]) {
      for (const [kind, vp] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
        for (const scheme of ["light", "dark"]) {
          const c = await browser.newContext({ viewport: vp, colorScheme: scheme });
          const p = await c.newPage();
          await p.goto(url + hash);
          await p.screenshot({ path: join(shots, `single-${name}-${kind}-${scheme}.png`) });
          await c.close();
        }
      }
    }
    await page.pdf({ path: join(shots, "single.pdf"), format: "A4", printBackground: false });
  }
  check("single: no request leaves the file", outside.length === 0, outside.slice(0, 3).join(", "));
  check("single: no console errors (CSP refusals included)", errors.length === 0, errors.slice(0, 3).join(" | "));
  await context.close();

  const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
  for (const scheme of ["light", "dark"]) {
    await step(`single: axe-core (${scheme})`, async () => {
      const ax = await browser.newContext({ bypassCSP: true, colorScheme: scheme });
      const ap = await ax.newPage();
      const serious = [];
      await ap.goto(url);
      // The cover, the contents, the search, the list pages, and the first
      // two sections of each kind (every page of the site has its own axe
      // run in check.mjs; here the sections' frame is what is new).
      const states = ["", "#contents", "#search", "#figures", "#timeline", "#sources"].concat(await ap.evaluate(() => {
        const ids = [...document.querySelectorAll(".sf-section")].map((s) => s.id);
        return ["topics_", "claims_", "articles_"].flatMap((k) => ids.filter((id) => id.startsWith(k)).slice(0, 2)).map((id) => "#" + id);
      }));
      await ap.addScriptTag({ content: axeSource });
      for (const hash of states) {
        await ap.evaluate((h) => { window.location.hash = h; }, hash);
        // The section shown and the bar above it: the hidden sections
        // are none of axe's business, and walking them costs seconds.
        const result = await ap.evaluate(async () => {
          const shown = [...document.querySelectorAll(".sf-section")].find((s) => getComputedStyle(s).display !== "none");
          return await window.axe.run({ include: [[".sf-bar"], ["#" + CSS.escape(shown.id)]] }, { resultTypes: ["violations"] });
        });
        for (const v of result.violations) {
          if (v.impact === "serious" || v.impact === "critical") { serious.push(`${hash || "cover"}: ${v.id} (${v.nodes.length})`); }
        }
      }
      check(`single: axe-core finds no serious or critical violation in ${states.length} sections (${scheme})`, serious.length === 0, serious.slice(0, 6).join(", "));
      await ax.close();
    });
  }
  await browser.close();
  try {
    const vnu = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
    execFileSync("java", ["-jar", vnu, "--errors-only", "--format", "text", resolve(file)], { stdio: "pipe" });
    check("single: Nu HTML Checker: 0 errors", true);
  } catch (e) {
    const out = String(e.stderr || e.stdout || e.message).trim().split("\n");
    check("single: Nu HTML Checker: 0 errors", false, `${out.length} lines; first: ${out.slice(0, 4).join(" | ")}`);
  }
}

async function footer(site, shots) {
  mkdirSync(shots, { recursive: true });
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/repo/`;
  const browser = await launch();
  for (const [kind, vp] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    for (const scheme of ["light", "dark"]) {
      const c = await browser.newContext({ viewport: vp, colorScheme: scheme });
      const p = await c.newPage();
      await p.goto(base + "index.html");
      await p.locator(".site-footer").screenshot({ path: join(shots, `footer-${kind}-${scheme}.png`) });
      const link = await p.locator(".site-footer__offline a").getAttribute("href");
      check(`footer (${kind}, ${scheme}): links the archive`, /\.zip$/.test(link), link);
      await c.close();
    }
  }
  await browser.close();
  server.close();
}

async function zip(site, out, shots) {
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/repo/`;
  const browser = await launch();
  const errors = [];
  await step("zip: from file:// the button stays hidden", async () => {
    const c = await browser.newContext();
    const p = await c.newPage();
    watch(p, errors);
    await p.goto(pathToFileURL(join(site, "index.html")).href);
    await p.waitForLoadState("load");
    check("zip: from file:// the button stays hidden", !(await p.locator(".site-footer__offline button").isVisible()));
    await c.close();
  });
  if (shots) { mkdirSync(shots, { recursive: true }); }
  for (const scheme of ["light", "dark"]) {
    await step(`zip: the button shows (phone, ${scheme})`, async () => {
      const c = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
      const p = await c.newPage();
      watch(p, errors);
      await p.goto(base + "index.html");
      const button = p.locator(".site-footer__offline button");
      await button.waitFor({ state: "visible", timeout: 5000 });
      if (shots) { await p.locator(".site-footer").screenshot({ path: join(shots, `zip-footer-phone-${scheme}.png`) }); }
      check(`zip: the button shows over http (phone, ${scheme})`, true);
      await c.close();
    });
  }
  await step("zip: a click makes the download", async () => {
    const c = await browser.newContext({ acceptDownloads: true });
    const p = await c.newPage();
    watch(p, errors);
    const claims = readFileSync(join(site, "assets", "files.json"), "utf8");
    const page = JSON.parse(claims).find((f) => f.startsWith("claims/")) || "index.html";
    await p.goto(base + page);
    const button = p.locator(".site-footer__offline button");
    const name = await button.getAttribute("data-zip");
    const [download] = await Promise.all([p.waitForEvent("download", { timeout: 600000 }), button.click()]);
    await download.saveAs(out);
    check(`zip: downloaded as ${name}`, download.suggestedFilename() === name, download.suggestedFilename());
    await p.waitForFunction(() => !document.querySelector(".site-footer__offline button").disabled);
    const status = await p.locator(".site-footer__offline [role=status]").textContent();
    check("zip: the button usable again, no failure shown", status === "", status);
    await c.close();
  });
  check("zip: no console errors", errors.length === 0, errors.slice(0, 3).join(" | "));
  await browser.close();
  server.close();
}

if (mode === "worker") {
  await worker(resolve(args[1]), resolve(option("--dossier")), resolve(option("--root")));
} else if (mode === "single") {
  await single(args[1], resolve(args[2]), option("--screenshots") ? resolve(option("--screenshots")) : null);
} else if (mode === "footer") {
  await footer(resolve(args[1]), resolve(option("--screenshots")));
} else if (mode === "zip") {
  await zip(resolve(args[1]), resolve(args[2]), option("--screenshots") ? resolve(option("--screenshots")) : null);
} else {
  console.error("usage: offline.mjs worker|single|footer|zip …");
  process.exit(2);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
