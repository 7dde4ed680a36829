// Page-load benchmark of the story view (`make bench-ui`, figures in
// BENCHMARKS.md): a story of N news-length articles (default 30) is built
// from the two seed articles — each copy carries its own closing paragraph
// and publication date, so all are distinct articles of one story — and
// its page is loaded in headless Chromium: the first load (the server
// corroborates the story) and warm loads (cached analysis), from request
// to the load event.
//
// Usage: node tests/browser/bench_ui.mjs [articles] [loads]

import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shared, corroborate, startServer, launchBrowser } from "./harness.mjs";

const n = Number(process.argv[2] || 30);
const loads = Number(process.argv[3] || 10);
const dir = mkdtempSync(join(tmpdir(), "corroborate-bench-ui-"));
const db = join(dir, "bench.db");
const seeds = readdirSync(join(shared, "seeds")).filter((f) => f.endsWith(".txt")).sort()
  .map((f) => readFileSync(join(shared, "seeds", f), "utf8"));
const lines = [];
for (let i = 0; i < n; i++) {
  const day = String(1 + (i % 28)).padStart(2, "0");
  lines.push(JSON.stringify({
    id: `copy-${i}`, outlet: `Outlet ${i}`, published: `2025-12-${day}`,
    text: `${seeds[i % seeds.length]}\nThis version, number ${i + 1}, was filed by desk ${i * 7 + 3}.`,
  }));
}
writeFileSync(join(dir, "story.jsonl"), lines.join("\n") + "\n");
corroborate(db, "ingest", join(dir, "story.jsonl"));
const server = await startServer(db);
const browser = await launchBrowser();
try {
  // The article listing does not corroborate anything: the first page
  // load below is the one that does.
  const first = (await (await fetch(`${server.base}/api/articles?limit=1`)).json()).items[0];
  const url = `${server.base}/stories/${first.story}`;
  const times = [];
  for (let i = 0; i <= loads; i++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(url, { waitUntil: "load" });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return { load: nav.loadEventEnd, ttfb: nav.responseStart, cells: document.querySelectorAll(".grid .cell").length };
    });
    times.push(t);
    await page.close();
  }
  const warm = times.slice(1).map((t) => t.load).sort((a, b) => a - b);
  const pct = (p) => warm[Math.min(warm.length - 1, Math.round((warm.length - 1) * p))];
  const story = await (await fetch(`${server.base}/api/stories/${first.story}`)).json();
  console.log(`story ${first.story}: ${story.stories[0].articles.length} articles, ${times[0].cells} cells in the side-by-side grid`);
  console.log(`first load (server corroborates the story): ${times[0].load.toFixed(0)} ms (server ${times[0].ttfb.toFixed(0)} ms)`);
  console.log(`warm loads (${warm.length}): median ${pct(0.5).toFixed(0)} ms, max ${warm[warm.length - 1].toFixed(0)} ms`);
} finally {
  await browser.close();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
