// Shared by the browser tests and the UI benchmark: start a real
// `corroborate serve` on a free loopback port, and Debian's headless
// Chromium through playwright-core (never a downloaded browser).

import { spawn, execFileSync } from "node:child_process";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const shared = resolve(repo, "../shared/data");
const require = createRequire(join(repo, "web/package.json"));
const { chromium } = require("playwright-core");

/** The corroborate binary: CORROBORATE_BIN, else the debug build. */
export const bin = process.env.CORROBORATE_BIN || join(repo, "target/debug/corroborate");

/** Runs a corroborate command on the store `db`; returns its stdout. */
export function corroborate(db, ...args) {
  return execFileSync(bin, ["--db", db, "--quiet", ...args], { encoding: "utf8" });
}

/** Starts `corroborate serve` on 127.0.0.1 with a free port.
 *  Resolves to { base, stop } once it prints the address it listens on. */
export function startServer(db) {
  const server = spawn(bin, ["--db", db, "--quiet", "serve", "--addr", "127.0.0.1:0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 30000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok({ base: m[1], stop: () => server.kill("SIGTERM") });
      }
    });
    server.on("exit", (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Headless Debian Chromium with the flags this closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}
