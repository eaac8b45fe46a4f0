// Debian's Chromium for the browser tests (the docs site, the runtime matrix), driven by playwright-core, which never
// downloads a browser of its own here.
import { existsSync } from "node:fs";

/** Where Chromium is: `CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`. */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, and quiet: no sandbox (containers run as root), no GPU, no first-run, update or sync traffic. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Chromium's path when it is there; otherwise `undefined` and how to install it (the tests fail with it, they do
 * not skip).
 * @returns {{ path: string, missing?: undefined } | { path?: undefined, missing: string }}
 */
export function findChromium() {
  if (existsSync(chromiumPath)) return { path: chromiumPath };
  return {
    missing: `Chromium not found at ${chromiumPath}: install Debian's package (\`apt-get update && apt-get install -y chromium\`) or set CHROMIUM_PATH`,
  };
}
