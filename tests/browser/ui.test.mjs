// Browser tests of the web UI: a real `corroborate serve` on a free
// loopback port, driven in Debian's headless Chromium by playwright-core.
// Run by `make browser-test` (part of `make test`): node --test tests/browser/
//
// CORROBORATE_BIN picks the binary (default target/debug/corroborate);
// screenshots go to target/browser-artifacts/.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repo, shared, corroborate, startServer, launchBrowser } from "./harness.mjs";

const artifacts = join(repo, "target/browser-artifacts");
let dir, server, base, browser, page;
const dialogs = [];

async function api(path) {
  const res = await fetch(base + path);
  assert.equal(res.status, 200, path);
  return res.json();
}

// The story of the article whose id is `id` or starts with `id_` (the
// seeds' ids carry a content hash: 000_932d…).
async function storyOf(id) {
  const all = (await api("/api/articles?limit=200")).items;
  const hit = all.find((a) => a.id === id || a.id.startsWith(id + "_"));
  assert.ok(hit, `no article ${id}`);
  return hit.story;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "corroborate-ui-"));
  mkdirSync(artifacts, { recursive: true });
  const db = join(dir, "ui.db");
  corroborate(db, "ingest", join(shared, "seeds"), join(repo, "examples"),
    join(repo, "tests/fixtures/planted"), join(repo, "tests/fixtures/hostile"));
  server = await startServer(db);
  base = server.base;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the story list shows the stories with their sources and a conflict badge", async () => {
  await page.goto(base + "/");
  const rows = page.locator("table.stories tbody tr");
  assert.ok(await rows.count() >= 4);
  const seeds = await storyOf("000");
  const row = page.locator(`table.stories tr:has(a[href="/stories/${seeds}"])`);
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /conflicts/);
  await page.screenshot({ path: join(artifacts, "stories.png"), fullPage: true });
});

test("the story view puts both seed articles side by side and lights up a conflicting value", async () => {
  const seeds = await storyOf("000");
  await page.goto(`${base}/stories/${seeds}`);
  const headers = page.locator(".grid .row.head .cell");
  assert.equal(await headers.count(), 2);
  const columns = await headers.evaluateAll((els) => els.map((e) => e.dataset.article.slice(0, 3)));
  assert.deepEqual(columns.sort(), ["000", "004"]);
  // Conflicting values (the discrepancies' evidence) are marked in the columns.
  const conflicts = page.locator(".grid mark.v.conflict");
  assert.ok(await conflicts.count() >= 1, "a conflicting value is highlighted");
  // The two rewrites are one copy family: their shared figures are
  // single-source, in a colour distinct from conflicts (the legend's promise).
  assert.equal(await page.locator(".meta strong").innerText(), "1");
  const bg = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await bg(".grid mark.v.conflict"), await bg(".grid mark.v.single"));
  assert.notEqual(await bg(".legend mark.v.agree"), await bg(".legend mark.v.single"));
  await page.screenshot({ path: join(artifacts, "story-seeds.png"), fullPage: false });
});

test("clicking a value highlights its evidence in every column", async () => {
  const seeds = await storyOf("000");
  await page.goto(`${base}/stories/${seeds}`);
  // A fact both rewrites state (the first whose evidence is in both columns).
  const target = await page.evaluate(() => {
    for (const b of document.querySelectorAll("ul.facts button.v")) {
      const cols = new Set(Array.from(document.querySelectorAll(".grid mark[data-fact]"))
        .filter((m) => m.dataset.fact.split(" ").includes(b.dataset.fact))
        .map((m) => m.closest(".cell").dataset.article));
      if (cols.size === 2) return b.dataset.fact;
    }
    return null;
  });
  assert.ok(target, "some fact is stated in both columns");
  const value = page.locator(`ul.facts button[data-fact="${target}"]`);
  await value.click();
  assert.equal(await value.getAttribute("aria-pressed"), "true");
  const active = page.locator(".grid mark.v.active");
  assert.ok(await active.count() >= 2, "evidence lit in the columns");
  const lit = await active.evaluateAll((els) => els.map((e) => [e.closest(".cell").dataset.article.slice(0, 3), e.dataset.fact]));
  assert.deepEqual([...new Set(lit.map((l) => l[0]))].sort(), ["000", "004"]);
  assert.ok(lit.every((l) => l[1].split(" ").includes(target)));
  assert.match(await page.locator(".side .status").innerText(), /2 article/);
  // Clicking a marked passage in a column lights up the same evidence.
  await page.locator(`.grid mark[data-fact~="${target}"]`).first().click();
  assert.ok(await page.locator(".grid mark.v.active").count() >= 2);
  await page.screenshot({ path: join(artifacts, "story-evidence.png"), fullPage: false });
});

test("a discrepancy's evidence is one click away", async () => {
  const floods = await storyOf("wire");
  await page.goto(`${base}/stories/${floods}`);
  const disc = page.locator(".discrepancies button.v.conflict").first();
  await disc.click();
  assert.ok(await page.locator(".grid mark.v.conflict.active").count() >= 1);
  await page.screenshot({ path: join(artifacts, "story-planted.png"), fullPage: true });
});

test("the map shows a marker for Kryvyi Rih linked to its story", async () => {
  await page.goto(base + "/map");
  await page.waitForSelector("#map circle.marker");
  const places = await page.locator("#map circle.marker").evaluateAll((els) => els.map((e) => e.dataset.place));
  assert.ok(places.some((p) => /^Kryvy[iy] Rih$/.test(p)), `markers: ${places.join(", ")}`);
  assert.ok(await page.locator("#map path.land").count() >= 1, "the offline world map is drawn");
  const link = page.locator("#map a:has(circle[data-place^='Kryvy'])").first();
  assert.equal(await link.getAttribute("href"), `/stories/${await storyOf("000")}`);
  await page.screenshot({ path: join(artifacts, "map.png") });
});

test("the timeline draws events and publication dates", async () => {
  await page.goto(base + "/timeline");
  assert.ok(await page.locator("svg.timeline circle.pub").count() >= 4);
  assert.ok(await page.locator("svg.timeline rect.evt").count() >= 1);
  await page.screenshot({ path: join(artifacts, "timeline.png"), fullPage: true });
});

test("pasted articles are analysed side by side", async () => {
  await page.goto(base + "/analyse");
  // Two independent reports of one fire, published the same day, that
  // disagree on the injured (2 against 5): a conflict, not a revision.
  await page.fill("textarea[name=text0]", "LJUBLJANA — A fire destroyed three barns near Ptuj on Monday and injured 2 farmers, police said.\nFirefighters fought the blaze for 4 hours.");
  await page.fill("input[name=published0]", "2026-02-03");
  await page.fill("textarea[name=text1]", "Police said a fire destroyed three barns near Ptuj on Monday, injuring five farmers.\nThe blaze started in a hay store, a spokesman said.");
  await page.fill("input[name=published1]", "2026-02-03");
  await page.click("#add-article");
  assert.equal(await page.locator("fieldset.pasted").count(), 4);
  await Promise.all([page.waitForNavigation(), page.click("#analyse button[type=submit]")]);
  assert.equal(await page.locator(".grid .row.head .cell").count(), 2);
  const injured = page.locator("ul.facts li:has(.attr:text-is('injured')) button.v.conflict");
  assert.equal(await injured.count(), 1, "injured: 2 against 5 is a conflict");
  await injured.click();
  const lit = await page.locator(".grid mark.v.active").evaluateAll((els) => els.map((e) => e.textContent));
  assert.deepEqual(lit.sort(), ["2", "five"]);
  await page.screenshot({ path: join(artifacts, "analyse.png"), fullPage: true });
});

test("hostile article text never runs script", async () => {
  const hostile = await storyOf("xss-1");
  for (const path of [`/stories/${hostile}`, "/articles/xss-1", "/articles/xss-2", "/", "/timeline"]) {
    await page.goto(base + path);
    await page.waitForLoadState("load");
    const ran = await page.evaluate(() => window.__xss || null);
    assert.equal(ran, null, `${path}: injected script ran`);
    assert.equal(await page.locator("main img, main iframe, main script, main svg[onload]").count(), 0, path);
  }
  await page.goto(`${base}/articles/xss-1`);
  assert.match(await page.locator("main").innerText(), /<img src=x onerror=alert\(1\)>/);
  assert.deepEqual(dialogs, [], "no alert() ran");
  await page.screenshot({ path: join(artifacts, "hostile.png"), fullPage: true });
});

test("stories new since the reader's last visit are marked, once", async () => {
  const fresh = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await fresh.goto(base + "/");
  assert.equal(await fresh.locator("tr.new, tr.changed").count(), 0, "a first visit marks nothing");
  // Storage times are whole seconds: let the clock pass the visit's.
  await new Promise((r) => setTimeout(r, 1100));
  const res = await fetch(base + "/api/articles", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      id: "watch-new-story", outlet: "Harbour Gazette", published: "2026-11-20",
      title: "Ferry runs aground off Rijeka",
      text: "A passenger ferry ran aground off the Croatian port of Rijeka on Thursday, and all 212 passengers were taken ashore by coast guard boats, the harbour master said.",
    }),
  });
  assert.equal(res.status, 201);
  const story = await storyOf("watch-new-story");
  await fresh.goto(base + "/");
  const row = fresh.locator(`table.stories tr:has(a[href="/stories/${story}"])`);
  assert.equal(await row.getAttribute("class"), "new");
  assert.match(await row.innerText(), /^new\b/);
  assert.equal(await fresh.locator("tr.new").count(), 1, "only the new story");
  await fresh.screenshot({ path: join(artifacts, "stories-new.png") });
  await fresh.goto(base + "/");
  assert.equal(await fresh.locator("tr.new, tr.changed").count(), 0, "seen now");
  await fresh.close();
});
