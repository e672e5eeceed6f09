// Browser checks of a built dossier, as a reader sees it.
//
//   node tests/browser/check.mjs PUBLIC_DIR [--screenshots DIR]
//        [--search QUERY=FOUND]... [--search-status TEXT] [--rtl]
//
// With Debian's Chromium driven by playwright-core: open index.html from
// file:// and click index → topic → claim (on its claims page) →
// highlighted passage → back to the claim; search from the header with an accent-free query and open a
// result; when the dossier has entities, search for one by an accented
// alias, as written and with its accents stripped; repeat over HTTP under a
// sub-path (/repo/); no console errors; no horizontal scrolling at 390 px;
// text in a right-to-left language reads right to left (with --rtl, the
// site must have some);
// axe-core finds no serious or critical violation, in the light and the
// dark scheme. Each --search types QUERY in the header's search box and
// requires a result whose text holds FOUND (with a highlight), and the
// status line to hold TEXT (its language). With editions, the "What
// changed" page opens from the navigation and leads to a changed claim and
// back. Then the Nu HTML Checker (vnu-jar, Java) on every page.
// Prints one line per check and "N passed, M failed"; exits 1 on failure.

import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve, extname, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const site = resolve(args[0] || "public");
const shotsAt = args.indexOf("--screenshots");
const shots = shotsAt >= 0 ? resolve(args[shotsAt + 1]) : null;
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const searches = args.flatMap((a, i) => (a === "--search" ? [args[i + 1].split("=")] : []));
const statusAt = args.indexOf("--search-status");
const searchStatus = statusAt >= 0 ? args[statusAt + 1] : null;
const requireRtl = args.includes("--rtl");

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ": " + detail : ""}`); }
}
async function step(name, fn) {
  try { await fn(); } catch (e) { check(name, false, String(e && e.message || e).split("\n")[0]); }
}

function pages(dir, base = "") {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? pages(p, base + f + "/") : f.endsWith(".html") ? [base + f] : [];
  });
}
const all = pages(site).sort();

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".csv": "text/csv", ".xml": "application/xml", ".svg": "image/svg+xml" };
function serve() {
  return new Promise((ok) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (!url.pathname.startsWith("/repo/")) { res.writeHead(404); res.end("not under /repo/"); return; }
      const file = resolve(site, decodeURIComponent(url.pathname.slice("/repo/".length)) || "index.html");
      if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) {
        res.writeHead(404, { "content-type": types[".html"] });
        res.end(readFileSync(join(site, "404.html")));
        return;
      }
      res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
      res.end(readFileSync(file));
    });
    server.listen(0, "127.0.0.1", () => ok(server));
  });
}

function watch(page, errors) {
  page.on("console", (m) => { if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`${r.url()}: request failed (${(r.failure() || {}).errorText})`));
}

/** index → topic → claim → passage → back; then search. */
async function walk(browser, start, label) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  watch(page, errors);
  await step(`${label}: click-through`, async () => {
    await page.goto(start);
    check(`${label}: index has a title`, (await page.locator("h1").first().textContent()).trim().length > 0);
    await page.locator(".card__title a").first().click();
    await page.waitForLoadState();
    check(`${label}: topic page opens`, /topics\/[a-z0-9-]+\.html$/.test(page.url()), page.url());
    await page.locator(".claim-list > li > p:first-child a").first().click();
    await page.waitForLoadState();
    // A claim is a section of the claims page of the article it is drawn
    // from first, the section the link leads to set apart.
    check(`${label}: claim page opens`, /claims\/[a-z0-9_-]+\.html#[a-z0-9-]+$/.test(page.url()), page.url());
    const claimUrl = page.url().split("#")[0];
    const entry = await page.evaluate(() => {
      const t = document.querySelector(":target");
      const body = getComputedStyle(document.body).backgroundColor;
      return t ? { claim: t.matches(".page--claim > section"), standsOut: getComputedStyle(t).backgroundColor !== body } : null;
    });
    check(`${label}: the claim is the highlighted target`, entry && entry.claim && entry.standsOut, JSON.stringify(entry));
    await page.locator(".page--claim > section:target > ol figcaption a").first().click();
    await page.waitForLoadState();
    const target = await page.evaluate(() => {
      const t = document.querySelector(":target");
      return t ? { tag: t.tagName, inText: !!t.closest(".article-text"), id: t.id, visible: t.getBoundingClientRect().height > 0 } : null;
    });
    check(`${label}: passage is the highlighted target`, target && target.tag === "MARK" && target.inText && target.visible, JSON.stringify(target) + " at " + page.url());
    const back = await page.evaluate((id) => {
      // A marker after the passage links back to this claim's evidence
      // (`q-<claim>-<n>` → `…#<claim>.evidence-<n>`); overlapping passages
      // nest marks, so it is found in document order, not among siblings.
      const m = /^q-(.+)-(\d+)$/.exec(id);
      const first = document.getElementById(id);
      if (!m || !first) return null;
      const want = `#${m[1]}.evidence-${m[2]}`;
      const after = [...document.querySelectorAll("sup.passage-ref a")].find((a) =>
        a.getAttribute("href").endsWith(want) && (first.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING));
      return after ? after.getAttribute("href") : null;
    }, target ? target.id : "");
    check(`${label}: passage links back to its claim`, back && back.includes("claims/"), String(back));
    if (back) {
      // Its accessible name is "Claim N" (in the page's language), the
      // claim's statement its description (from the tooltip), said once.
      const marker = await page.locator(`sup.passage-ref a[href="${back}"]`).first().evaluate((a) => ({ name: a.getAttribute("aria-label"), title: a.title, text: a.textContent }));
      const cdp = await page.context().newCDPSession(page);
      const { nodes } = await cdp.send("Accessibility.getFullAXTree");
      await cdp.detach();
      const named = nodes.filter((n) => n.role && n.role.value === "link" && n.name && n.name.value === marker.name);
      check(`${label}: passage marker named "${marker.name}" with the statement as its description`,
        /^\S+ \d+$/.test(marker.name || "") && marker.name.endsWith(marker.text) && marker.title.length > 0
          && named.some((n) => n.description && n.description.value === marker.title),
        JSON.stringify({ marker, found: named.map((n) => [n.name.value, n.description && n.description.value]) }));
      await page.locator(`sup.passage-ref a[href="${back}"]`).first().click();
      await page.waitForLoadState();
      check(`${label}: back on the claim, at the evidence`, page.url().split("#")[0] === claimUrl && /#[a-z0-9-]+\.evidence-\d+$/.test(page.url()), page.url());
    }
  });
  await step(`${label}: search`, async () => {
    await page.goto(start);
    const word = await pickQuery(page);
    await page.fill("#site-search-q", word);
    await page.press("#site-search-q", "Enter");
    await page.waitForSelector(".search-result", { timeout: 5000 });
    // Results are drawn before the page's deferred scripts have loaded;
    // leaving before then would abort them, which is not the page's fault.
    await page.waitForLoadState("load");
    const n = await page.locator(".search-result").count();
    const marked = await page.locator(".search-result mark").count();
    check(`${label}: search "${word}" finds results with highlights`, n > 0 && marked > 0, `${n} results, ${marked} marks`);
    await page.locator(".search-result__title").first().click();
    await page.waitForLoadState();
    check(`${label}: a search result opens`, !page.url().includes("search.html") && (await page.locator("main h1").count()) === 1, page.url());
  });
  if (all.includes("entities.html")) {
    await step(`${label}: entity search`, async () => {
      // An alias with an accent or another script, from the index.
      await page.goto(new URL("entities.html", start).href);
      const found = await page.evaluate(() => {
        for (const card of document.querySelectorAll(".card")) {
          const aliases = card.querySelector(".card__summary");
          if (!aliases) continue;
          const alias = aliases.textContent.split(", ").find((a) => /[À-ɏ]/.test(a) && a.normalize("NFD").replace(/\p{M}/gu, "") !== a);
          if (alias) return { alias, href: card.querySelector(".card__title a").getAttribute("href") };
        }
        return null;
      });
      check(`${label}: an entity has an accented alias`, found !== null);
      if (!found) return;
      const bare = found.alias.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      for (const query of [found.alias, bare]) {
        await page.goto(new URL("search.html", start).href);
        await page.fill("#search-q", query);
        await page.press("#search-q", "Enter");
        await page.waitForSelector(".search-result", { timeout: 5000 });
    // Results are drawn before the page's deferred scripts have loaded;
    // leaving before then would abort them, which is not the page's fault.
    await page.waitForLoadState("load");
        const hrefs = await page.locator(".search-result__title").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        check(`${label}: search "${query}" finds ${found.href}`, hrefs.some((h) => h.endsWith(found.href)), hrefs.slice(0, 5).join(", "));
        // Its kind in the page's words (from the search page's data-l10n), not the index's key.
        const kind = await page.evaluate((href) => {
          for (const li of document.querySelectorAll(".search-result")) {
            const a = li.querySelector(".search-result__title");
            if (a && a.getAttribute("href").endsWith(href)) return li.querySelector(".search-result__kind").textContent;
          }
          return null;
        }, found.href);
        check(`${label}: the entity's result says its kind, "${kind}"`, kind !== null && !["person", "organisation", "place", "other"].includes(kind));
      }
    });
  }
  for (const [query, found] of searches) {
    await step(`${label}: search "${query}"`, async () => {
      await page.goto(start);
      await page.fill("#site-search-q", query);
      await page.press("#site-search-q", "Enter");
      await page.waitForSelector(".search-result", { timeout: 5000 });
    // Results are drawn before the page's deferred scripts have loaded;
    // leaving before then would abort them, which is not the page's fault.
    await page.waitForLoadState("load");
      const texts = await page.locator(".search-result").allTextContents();
      const marked = await page.locator(".search-result mark").allTextContents();
      check(`${label}: search "${query}" finds "${found}"`, texts.some((t) => t.includes(found)) && marked.length > 0, `${texts.length} results: ${texts.slice(0, 2).join(" | ")}; marked ${marked.slice(0, 4).join(", ")}`);
      if (searchStatus) {
        const line = await page.locator("#search-status").textContent();
        check(`${label}: search status "${line}" holds "${searchStatus}"`, line.includes(searchStatus));
      }
    });
  }
  check(`${label}: no console errors or failed requests`, errors.length === 0, errors.slice(0, 3).join(" | "));
  await context.close();
}

/** From the navigation to "What changed", to a changed claim, whose
 * note leads back to its entry on the page. */
async function whatChanged(browser, root, label) {
  await step(`${label}: what changed`, async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await c.newPage();
    const errors = [];
    watch(page, errors);
    await page.goto(root + "index.html");
    await page.locator('.site-nav a[href="changes.html"]').click();
    await page.waitForLoadState();
    check(`${label}: what changed opens from the navigation`, page.url().endsWith("changes.html") && (await page.locator("main h1").textContent()).length > 0, page.url());
    const link = page.locator(".change .change__title a").first();
    if (await link.count()) {
      await link.click();
      await page.waitForLoadState();
      const note = page.locator(".page--claim > section:target .change-note a");
      check(`${label}: a changed claim says so`, /claims\/[a-z0-9_-]+\.html#[a-z0-9-]+$/.test(page.url()) && (await note.count()) === 1, page.url());
      await note.click();
      await page.waitForLoadState();
      const target = await page.evaluate(() => { const t = document.querySelector(":target"); return t ? t.id : null; });
      check(`${label}: the claim's note leads back to its entry`, page.url().includes("changes.html#") && target !== null, page.url());
    }
    check(`${label}: what changed without console errors`, errors.length === 0, errors.slice(0, 3).join(" | "));
    await c.close();
  });
}

/** A word of the first claim, accents stripped, to test folding. */
async function pickQuery(page) {
  const fromEnv = process.env.DOSSIER_QUERY;
  if (fromEnv) return fromEnv;
  const title = await page.evaluate(() => {
    const a = document.querySelector(".card__title a") || document.querySelector("h1");
    return a.textContent;
  });
  const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  const word = (words[0] || title.trim().split(/\s+/)[0]).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return word;
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  await walk(browser, pathToFileURL(join(site, "index.html")).href, "file://");
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/repo/`;
  await walk(browser, base + "index.html", "sub-path");

  // 404 served at a missed depth still loads its stylesheet when base_url is set.
  // Phone width: no horizontal scrolling, on every page.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  const wide = [], ltr = [];
  let rtl = 0;
  for (const f of all) {
    await p.goto(base + f);
    const over = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (over > 0) wide.push(`${f} (+${over}px)`);
    // Text in a right-to-left language (an Arabic or Hebrew source, its
    // quotes and titles) reads right to left.
    const [n, wrong] = await p.evaluate(() => {
      const els = [...document.querySelectorAll("[lang]")].filter((e) =>
        /^(ar|fa|he|iw|ur|ps|yi|ckb|dv|sd|ug|syr)(-|$)/i.test(e.getAttribute("lang")));
      return [els.length, els.filter((e) => getComputedStyle(e).direction !== "rtl").map((e) => e.tagName.toLowerCase())];
    });
    rtl += n;
    if (wrong.length) ltr.push(`${f}: ${wrong.join(" ")}`);
  }
  check(`390 px: no horizontal scroll on ${all.length} pages`, wide.length === 0, wide.slice(0, 5).join(", "));
  check(`right-to-left text reads right to left (${rtl} elements)`, ltr.length === 0 && (!requireRtl || rtl > 0),
    ltr.length ? ltr.slice(0, 5).join(", ") : "no right-to-left text, though --rtl asks for some");
  await phone.close();

  // The "What changed" page, when the dossier has editions.
  if (all.includes("changes.html")) {
    await whatChanged(browser, pathToFileURL(site).href + "/", "file://");
    await whatChanged(browser, base, "sub-path");
  }

  // axe-core on every page, in both colour schemes (CSP bypassed only to
  // inject axe itself).
  const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
  for (const colorScheme of ["light", "dark"]) {
    const ax = await browser.newContext({ bypassCSP: true, colorScheme });
    const ap = await ax.newPage();
    const serious = [];
    for (const f of all) {
      await ap.goto(base + f);
      await ap.addScriptTag({ content: axeSource });
      const result = await ap.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      for (const v of result.violations) {
        if (v.impact === "serious" || v.impact === "critical") serious.push(`${f}: ${v.id} (${v.nodes.length})`);
      }
    }
    check(`axe-core (${colorScheme}): no serious or critical violation on ${all.length} pages`, serious.length === 0, serious.slice(0, 6).join(", "));
    await ax.close();
  }

  if (shots) {
    mkdirSync(shots, { recursive: true });
    const topic = all.find((f) => f.startsWith("topics/"));
    const claim = all.find((f) => f.startsWith("claims/"));
    const article = all.find((f) => f.startsWith("articles/"));
    const changes = all.includes("changes.html") ? "changes.html" : null;
    for (const [name, f] of [["index", "index.html"], ["topic", topic], ["claim", claim], ["article", article], ["changes", changes]]) {
      if (!f) continue;
      for (const [kind, vp] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
        const c = await browser.newContext({ viewport: vp, deviceScaleFactor: 1 });
        const sp = await c.newPage();
        await sp.goto(base + f);
        if (name === "claim") {
          // A claims page as a link to its second claim shows it.
          const id = await sp.evaluate(() => [...document.querySelectorAll(".page--claim > section")].map((e) => e.id)[1] || "");
          if (id) await sp.goto(base + f + "#" + id);
        }
        await sp.screenshot({ path: join(shots, `${name}-${kind}.png`), fullPage: false });
        await c.close();
      }
    }
  }
  server.close();
} finally {
  await browser.close();
}

// Nu HTML Checker on every page.
try {
  const vnu = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  execFileSync("java", ["-jar", vnu, "--errors-only", "--format", "text", ...all.map((f) => join(site, f))], { stdio: "pipe" });
  check(`Nu HTML Checker: 0 errors on ${all.length} pages`, true);
} catch (e) {
  const out = String(e.stderr || e.stdout || e.message).trim().split("\n");
  check(`Nu HTML Checker: 0 errors on ${all.length} pages`, false, `${out.length} lines; first: ${out.slice(0, 4).join(" | ")}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
