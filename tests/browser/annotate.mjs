// The annotation panel of `dossier serve`, driven in Chromium as an
// analyst uses it (run by tests/annotate_browser.rs, which starts the
// server on a copy of tests/fixtures/good/basic and checks the files).
//
//   node tests/browser/annotate.mjs http://127.0.0.1:PORT [--screenshots DIR]
//
// On the article valley-times-dam: select the first of two "mayor said
// 1,200 residents would leave" with the mouse (a drag between the points a
// Range gives for its first and last characters); the panel opens with
// the quote and the prefix that singles it out; fill the form; a date the
// build refuses shows its diagnostic and writes nothing; fixed, the claim
// is saved, the page reloads and shows the new passage marked, and the
// claim is on its claims page. Then "add as evidence" to an existing claim, by
// keyboard (Alt+Shift+A, Tab, Esc) and on a phone, with axe-core on the
// open panel in both colour schemes and no console error anywhere.
// Prints one line per check and "N passed, M failed"; exits 1 on failure.

import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const base = args[0].replace(/\/$/, "");
const shotsAt = args.indexOf("--screenshots");
const shots = shotsAt >= 0 ? resolve(args[shotsAt + 1]) : null;
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const ARTICLE = `${base}/articles/valley-times-dam.html`;
const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ": " + detail : ""}`); }
}
async function step(name, fn) {
  try { await fn(); } catch (e) { check(name, false, String(e && e.message || e).split("\n")[0]); }
}
function watch(page, errors) {
  page.on("console", (m) => { if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
}

/** The `nth` occurrence of `text` in the article's text, as a Range (the
 * text may run across elements: a passage already marked, a link). The
 * claim markers are not text of the article. */
const FIND = `(text, nth) => {
  const host = document.querySelector(".article-text");
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest(".passage-ref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  let all = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
  let at = -1;
  for (let k = 0; k <= nth; k++) { at = all.indexOf(text, at + 1); if (at < 0) return null; }
  const point = (i, end) => {
    for (let k = nodes.length - 1; k >= 0; k--) {
      const [n, start] = nodes[k];
      if (start < i || (!end && start === i)) return [n, i - start];
    }
    return [nodes[0][0], 0];
  };
  const r = document.createRange();
  r.setStart(...point(at, false));
  r.setEnd(...point(at + text.length, true));
  return r;
}`;

/** Viewport points just inside the first and last characters of the
 * `nth` occurrence of `text` in the article's text. */
async function ends(page, text, nth = 0) {
  return page.evaluate(([find, text, nth]) => {
    const range = eval(find)(text, nth);
    if (!range) return null;
    range.startContainer.parentElement.scrollIntoView({ block: "center", behavior: "instant" });
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const first = rects[0], last = rects[rects.length - 1];
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, [FIND, text, nth]);
}

/** Selects the `nth` occurrence of `text` with a mouse drag. */
async function drag(page, text, nth = 0) {
  const p = await ends(page, text, nth);
  if (!p) throw new Error(`no "${text}" in the article`);
  await page.mouse.move(p.x1, p.y1);
  await page.mouse.down();
  await page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 4 });
  await page.mouse.move(p.x2, p.y2, { steps: 4 });
  await page.mouse.up();
  return page.evaluate(() => String(window.getSelection()));
}

/** Selects the `nth` occurrence of `text` without the mouse (a Range),
 * as keyboard selection (caret browsing) or a long press would. */
async function rangeSelect(page, text, nth = 0) {
  await page.evaluate(([find, text, nth]) => {
    const range = eval(find)(text, nth);
    if (!range) throw new Error("no " + text);
    // A reader selects what is on the screen.
    range.startContainer.parentElement.scrollIntoView({ block: "center", behavior: "instant" });
    const s = window.getSelection();
    s.removeAllRanges();
    s.addRange(range);
  }, [FIND, text, nth]);
}

async function axe(page, label) {
  // Evaluated by the browser's debugging protocol: the page's own policy
  // (no inline script) stays as it is.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run("#dossier-annotate", { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(`${label}: axe-core finds no serious or critical violation in the panel`, bad.length === 0,
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 2).join(", ")}`).join(" | "));
}

async function shot(page, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `annotate-${name}.png`) });
}

const QUOTE = "mayor said 1,200 residents would leave";
const STATEMENT = "The mayor said 1,200 residents would leave the lower valley by Friday.";

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const errors = [];
try {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: "light" });
  const page = await desktop.newPage();
  watch(page, errors);
  let id = null;

  await step("new claim", async () => {
    await page.goto(ARTICLE);
    const selected = await drag(page, QUOTE, 0);
    check("the mouse selects the passage", selected.replace(/\s+/g, " ").trim() === QUOTE, JSON.stringify(selected));
    const panel = page.locator("#dossier-annotate");
    await panel.waitFor({ state: "visible", timeout: 10000 });
    await page.waitForFunction(() => /2 times/.test(document.querySelector(".dsa-status").textContent), null, { timeout: 10000 });
    check("the panel shows the normalised quote", (await page.textContent(".dsa-quote")) === QUOTE, await page.textContent(".dsa-quote"));
    const status = await page.textContent(".dsa-status");
    check("the panel says how the occurrence is singled out", status.includes("“The”") && status.includes("prefix"), status);
    check("the quote is in the article's language", (await page.getAttribute(".dsa-quote", "lang")) === "en");
    check("the focus stays in the page on a mouse selection", await page.evaluate(() => !document.querySelector("#dossier-annotate").contains(document.activeElement)));
    check("the default claims file", (await page.inputValue("#dsa-file")) === "content/claims/inbox.yaml");

    await page.fill("#dsa-statement", STATEMENT);
    await page.waitForFunction(() => document.querySelector("#dsa-id").value !== "", null, { timeout: 10000 });
    id = await page.inputValue("#dsa-id");
    check("an id is suggested from the statement", id === "the-mayor-said-1-200-residents-would-leave-the-lower-valley", id);
    await page.check("#dsa-topic-evacuation");
    await page.selectOption("#dsa-origin", "town-hall");
    await page.selectOption("#dsa-credibility", "3");
    await page.click(".dsa-figure summary");
    await page.selectOption("#dsa-metric", "evacuees");
    await page.fill("#dsa-value", "1200");
    await page.selectOption("#dsa-fstatus", "planned");
    await page.fill("#dsa-translation", "Le maire a dit que 1 200 habitants partiraient");
    await page.fill("#dsa-date", "2030-13-01");
    await page.evaluate(() => { document.querySelector("#dossier-annotate").scrollTop = 0; });
    await shot(page, "desktop");
    await axe(page, "desktop, light");

    // A date the build refuses: its diagnostic, nothing written.
    await page.click("#dsa-new .dsa-save");
    await page.waitForSelector(".dsa-result--bad", { timeout: 20000 });
    const diag = await page.textContent(".dsa-result pre");
    check("a claim that would not build shows the build's diagnostic", /^error: /.test(diag) && diag.includes("content/claims/inbox.yaml:") && diag.includes("no month 13"),
      (await page.textContent(".dsa-result p")) + " " + diag.slice(0, 200));

    await page.fill("#dsa-date", "2030-04-12");
    const reloaded = page.waitForEvent("load", { timeout: 30000 });
    await page.click("#dsa-new .dsa-save");
    await reloaded;
    const mark = page.locator(`[id="q-${id}-1"]`);
    check("after the reload the new passage is marked", (await mark.count()) === 1 && (await mark.first().textContent()).length > 0);
    check("the panel is closed after the reload", !(await page.locator("#dossier-annotate").isVisible()));
    // On the claims page of the article it quotes.
    const claim = await page.goto(`${base}/claims/valley-times-dam.html#${id}`);
    check("the claim is on its claims page", claim.status() === 200 && (await page.textContent(`[id="${id}"] h2`)).includes("lower valley by Friday"));
  });

  await step("add as evidence, by keyboard", async () => {
    await page.goto(ARTICLE);
    await rangeSelect(page, "lowered by two metres overnight");
    await page.keyboard.press("Alt+Shift+A");
    await page.locator("#dossier-annotate").waitFor({ state: "visible", timeout: 10000 });
    check("Alt+Shift+A opens the panel and moves the focus into it", await page.evaluate(() => document.activeElement && document.activeElement.id === "dsa-statement"));
    await page.waitForFunction(() => /once/.test(document.querySelector(".dsa-status").textContent), null, { timeout: 10000 });
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    const focused = await page.evaluate(() => document.activeElement.id);
    check("the fields are reached with the keyboard", focused === "dsa-mode-new", focused);
    await page.keyboard.press("ArrowDown");
    check("the mode is chosen with the keyboard", await page.isVisible("#dsa-evidence") && !(await page.isVisible("#dsa-new")));
    await page.keyboard.press("Tab");
    await page.keyboard.type("reservoir-l");
    await page.waitForFunction(() => document.querySelectorAll("#dsa-claims option").length > 0, null, { timeout: 10000 });
    check("claims are offered as one types", (await page.getAttribute("#dsa-claims option", "value")) === "reservoir-lowered");
    await page.fill("#dsa-claim", "reservoir-lowered");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    check("Tab reaches the button", await page.evaluate(() => document.activeElement.classList.contains("dsa-save")));
    const reloaded = page.waitForEvent("load", { timeout: 30000 });
    await page.keyboard.press("Enter");
    await reloaded;
    check("after the reload the evidence is marked", (await page.locator('[id="q-reservoir-lowered-2"]').count()) === 1);

    await rangeSelect(page, "three new cracks");
    await page.keyboard.press("Alt+Shift+A");
    await page.locator("#dossier-annotate").waitFor({ state: "visible", timeout: 10000 });
    await page.keyboard.press("Escape");
    check("Esc closes the panel", !(await page.locator("#dossier-annotate").isVisible()));
  });

  await step("phone and dark", async () => {
    for (const [name, options] of [
      ["phone", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, colorScheme: "light" }],
      ["dark", { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: "dark" }],
    ]) {
      const c = await browser.newContext(options);
      const p = await c.newPage();
      watch(p, errors);
      await p.goto(ARTICLE);
      await rangeSelect(p, "the reservoir would be lowered");
      await p.evaluate(() => document.dispatchEvent(new Event("selectionchange")));
      await p.locator("#dossier-annotate").waitFor({ state: "visible", timeout: 10000 });
      await p.waitForFunction(() => /once/.test(document.querySelector(".dsa-status").textContent), null, { timeout: 10000 });
      // The panel scrolls the page once it knows its height: give it a
      // moment, as a reader would.
      const visible = await p.waitForFunction(() => {
        const r = window.getSelection().getRangeAt(0).getBoundingClientRect();
        const panel = document.querySelector("#dossier-annotate").getBoundingClientRect();
        const under = r.bottom > panel.top && r.top < panel.bottom && r.right > panel.left && r.left < panel.right;
        return r.top >= 0 && r.bottom <= window.innerHeight && !under;
      }, null, { timeout: 3000 }).then(() => true, () => false);
      check(`${name}: the selection is not hidden by the panel`, visible);
      const box = await p.locator("#dossier-annotate").boundingBox();
      const vp = options.viewport;
      check(`${name}: the panel fits the screen`, box.x >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5, JSON.stringify(box));
      const over = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(`${name}: no horizontal scrolling`, over <= 0, `${over}px`);
      await shot(p, name);
      await axe(p, name);
      await c.close();
    }
  });
  // The browser logs every answer that is not 2xx: the one refusal above.
  const unexpected = errors.filter((e) => !e.includes("status of 422 (Unprocessable Entity)"));
  check("no console errors but the refusal", unexpected.length === 0 && errors.length === 1, errors.slice(0, 3).join(" | "));
  await desktop.close();
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
