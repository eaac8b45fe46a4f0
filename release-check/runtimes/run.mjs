#!/usr/bin/env node
// The runtime matrix (`pnpm test:runtimes`): the packed @opstatus/oracle-primavera-admin, installed with npm into a
// scratch project, runs the smoke scenario (scenario.mjs) against a scripted loopback server on this machine's Node,
// the newest Node 22, 24 and 26, Bun, Deno and headless Chromium (an esbuild bundle in a page on another origin).
// Prints one row per runtime and exits non-zero if any fails.
//   pnpm test:runtimes [filter ...]    e.g. `pnpm test:runtimes bun deno`, `pnpm test:runtimes node26`
//   OPSTATUS_RUNTIMES_REFRESH=1        ask npm for the newest versions now (otherwise at most once a day)
//   CHROMIUM_PATH                      Chromium binary (default /usr/bin/chromium)
import { spawn } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { chromiumArgs, findChromium } from "@opstatus/tools/test-kit/chromium";
import { installPacked } from "@opstatus/tools/test-kit/pack";
import { cacheDir, ensureRuntime, removeStaleVersions, resolveVersions } from "./fetch.mjs";
import { judge } from "./judge.mjs";
import { startPageServer, startSmokeServer } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const PACKAGES = ["core", "oracle-primavera-admin"];
const CHILD_TIMEOUT_MS = 30_000;
// the runs mostly wait (Retry-After is 1 s), so three at a time fit on two cores without skewing the timings
const RUN_CONCURRENCY = 3;
/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @param {string} line */
const log = (line) => process.stderr.write(`${line}\n`);

/**
 * @typedef {import("./fetch.mjs").Versions} Versions
 * @typedef {import("./fetch.mjs").Runtime} Runtime
 * @typedef {import("./judge.mjs").Row & { id: string, major?: number, binary?: string, runtime?: Runtime }} Row
 * @typedef {import("./judge.mjs").SmokeResult} SmokeResult
 * @typedef {import("./scenario.mjs").SmokeConfig} SmokeConfig
 */

/**
 * Runs `limit` of the async `tasks` at a time; resolves with their results in order.
 * @template T
 * @param {(() => Promise<T>)[]} tasks
 * @param {number} limit
 * @returns {Promise<T[]>}
 */
async function pool(tasks, limit) {
  /** @type {T[]} */
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await /** @type {() => Promise<T>} */ (tasks[i])();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** @param {Versions} versions */
function matrix(versions) {
  /** @type {Row[]} */
  const rows = [
    {
      id: "node-this-import",
      kind: "node",
      label: `node ${process.versions.node}`,
      major: Number(process.versions.node.split(".")[0]),
      entry: "import",
      binary: process.execPath,
    },
    {
      id: "node-this-require",
      kind: "node",
      label: `node ${process.versions.node}`,
      major: Number(process.versions.node.split(".")[0]),
      entry: "require",
      binary: process.execPath,
    },
  ];
  for (const version of versions.node.versions)
    for (const entry of ["import", "require"])
      rows.push({
        id: `node${version}-${entry}`,
        kind: "node",
        label: `node ${version}`,
        major: Number(version.split(".")[0]),
        entry,
        runtime: { ...versions.node, version },
      });
  rows.push({
    id: "bun-import",
    kind: "bun",
    label: `bun ${versions.bun.version}`,
    entry: "import",
    runtime: versions.bun,
  });
  rows.push({
    id: "deno-import",
    kind: "deno",
    label: `deno ${versions.deno.version}`,
    entry: "import",
    runtime: versions.deno,
  });
  rows.push({ id: "chromium", kind: "chromium", label: "chromium", entry: "esbuild bundle" });
  const filters = process.argv.slice(2);
  if (filters.length === 0) return rows;
  return rows.filter((row) =>
    filters.some((f) => row.kind === f || `${row.kind}${row.major ?? ""}` === f || row.label === f),
  );
}

/** Packs core and the provider with pnpm, installs the tarballs with npm into a scratch project, adds the entries. */
function scratchProject() {
  const project = installPacked({ packages: PACKAGES, name: "opstatus-runtimes", preferOffline: true });
  for (const file of ["scenario.mjs", "entry-import.mjs", "entry-require.cjs", "entry-browser.mjs"])
    copyFileSync(join(here, file), join(project, file));
  return project;
}

/** @param {string} project */
async function bundleForBrowser(project) {
  const { build } = await import("esbuild");
  const out = await build({
    entryPoints: [join(project, "entry-browser.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    absWorkingDir: project,
    logLevel: "silent",
  });
  return /** @type {import("esbuild").OutputFile} */ (out.outputFiles[0]).text;
}

/**
 * Runs one child process; resolves with its last stdout line parsed as JSON, or with what went wrong.
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnOptions} options
 * @returns {Promise<SmokeResult>}
 */
function runChild(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
    child.on("error", (error) => resolve({ fatal: `${command}: ${error.message}` }));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").at(-1) ?? "";
      try {
        const result = JSON.parse(last);
        if (code !== 0) result.fatal = `exited with ${code ?? signal}`;
        resolve(result);
      } catch {
        const why =
          signal === "SIGKILL" ? `no result within ${CHILD_TIMEOUT_MS / 1000} s` : `exited with ${code ?? signal}`;
        resolve({ fatal: `${why}: ${(stderr || stdout).trim().split("\n").slice(-6).join(" | ")}` });
      }
    });
  });
}

/**
 * @param {Row} row
 * @param {string} project
 * @param {SmokeConfig} config
 * @returns {[string, string[]]}
 */
function childCommand(row, project, config) {
  if (!row.binary) throw new Error(`no binary for ${row.label}`);
  const arg = JSON.stringify(config);
  if (row.kind === "node")
    return [row.binary, [row.entry === "require" ? "entry-require.cjs" : "entry-import.mjs", arg]];
  if (row.kind === "bun") return [row.binary, ["entry-import.mjs", arg]];
  // Deno: only loopback network and the scratch project readable; packages come from its node_modules
  return [
    row.binary,
    ["run", "--no-prompt", "--allow-net=127.0.0.1", `--allow-read=${project}`, "entry-import.mjs", arg],
  ];
}

/**
 * @param {Row} row
 * @param {string} pageUrl
 * @param {SmokeConfig} config
 * @returns {Promise<SmokeResult>}
 */
async function runChromium(row, pageUrl, config) {
  const { path, missing } = findChromium();
  if (missing) return { fatal: missing };
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: path, args: chromiumArgs });
  try {
    row.label = `chromium ${browser.version()}`;
    const page = await browser.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      // Chromium logs the scripted 503 itself; any other console error (CORS, a failed load) is a problem
      if (message.type() === "error" && !/status of 503/.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${pageUrl}/#${encodeURIComponent(JSON.stringify(config))}`);
    const handle = await page.waitForFunction(
      () => /** @type {Window & { __smoke?: SmokeResult }} */ (window).__smoke,
      null,
      { timeout: CHILD_TIMEOUT_MS },
    );
    const result = /** @type {SmokeResult} */ (await handle.jsonValue());
    if (problems.length) result.problems = problems;
    return result;
  } catch (error) {
    return { fatal: String(/** @type {Error} */ (error).message).split("\n")[0] };
  } finally {
    await browser.close();
  }
}

/** @param {(Row & { result: SmokeResult, server: import("./server.mjs").ServerReport, totalMs: number, problems: string[] })[]} rows */
function table(rows) {
  const header = ["runtime", "loads", "result", "total", "status", "wait", "202→next poll", "abort", "problems"];
  const lines = rows.map((r) => [
    r.label,
    r.entry,
    r.problems.length ? "FAIL" : "pass",
    `${r.totalMs} ms`,
    r.result.status?.ms === undefined ? "-" : `${r.result.status.ms} ms`,
    r.result.wait?.ms === undefined ? "-" : `${r.result.wait.ms} ms`,
    r.server.gapAfter202Ms == null ? "-" : `${r.server.gapAfter202Ms} ms`,
    r.result.abort?.rejectedAfterMs === undefined ? "-" : `${r.result.abort.rejectedAfterMs} ms`,
    r.problems.join("; "),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((l) => (i === header.length - 1 ? 0 : (l[i] ?? "").length))),
  );
  /** @param {string[]} cells */
  const fmt = (cells) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...lines.map(fmt)].join("\n");
}

async function main() {
  const started = performance.now();
  const versions = await resolveVersions({ refresh: process.env.OPSTATUS_RUNTIMES_REFRESH === "1" });
  log(
    `runtimes: node ${versions.node.versions.join(", ")}, bun ${versions.bun.version}, deno ${versions.deno.version} (versions from ${versions.from}; cache ${cacheDir()})`,
  );
  const rows = matrix(versions);
  if (rows.length === 0) throw new Error(`no runtime matches ${process.argv.slice(2).join(" ")}`);

  const fetchStart = performance.now();
  /** @type {Map<string, Runtime>} */
  const byKey = new Map();
  for (const { runtime } of rows) if (runtime) byKey.set(`${runtime.name}@${runtime.version}`, runtime);
  const wanted = [...byKey.values()];
  const fetched = await pool(
    wanted.map((runtime) => async () => {
      const t = performance.now();
      const got = await ensureRuntime(runtime);
      if (got.downloaded) log(`  fetched ${runtime.name}@${runtime.version} in ${seconds(performance.now() - t)}`);
      return /** @type {[string, string]} */ ([`${runtime.name}@${runtime.version}`, got.binary]);
    }),
    3,
  );
  for (const entry of removeStaleVersions(wanted)) log(`  removed ${entry} from the cache (no longer the newest)`);
  const binaries = new Map(fetched);
  for (const row of rows) if (row.runtime) row.binary = binaries.get(`${row.runtime.name}@${row.runtime.version}`);
  const fetchMs = performance.now() - fetchStart;

  const setupStart = performance.now();
  const project = scratchProject();
  const api = await startSmokeServer();
  /** @type {import("@opstatus/tools/test-kit/server").LoopbackServer | undefined} */
  let pages;
  try {
    const bundle = rows.some((r) => r.kind === "chromium") ? await bundleForBrowser(project) : "";
    pages = await startPageServer({
      "/": {
        type: "text/html",
        body: '<!doctype html><meta charset="utf-8"><title>opstatus smoke</title><script type="module" src="/smoke.js"></script>',
      },
      "/smoke.js": { type: "text/javascript", body: bundle },
      "/favicon.ico": { type: "image/x-icon", body: "" },
    });
    const pageUrl = pages.url;
    const setupMs = performance.now() - setupStart;

    /** @type {NodeJS.ProcessEnv} */
    const env = { ...process.env, DENO_DIR: join(cacheDir(), "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
    delete env.NODE_OPTIONS; // whatever a parent tool injects is not for the Node versions under test
    const runStart = performance.now();
    const done = await pool(
      rows.map((row) => async () => {
        /** @type {SmokeConfig} */
        const config = { baseUrl: api.url, prefix: row.id, credentials: api.credentials };
        const t = performance.now();
        const result =
          row.kind === "chromium"
            ? await runChromium(row, pageUrl, config)
            : await runChild(...childCommand(row, project, config), { cwd: project, env });
        const totalMs = Math.round(performance.now() - t);
        const server = api.report(row.id);
        return { ...row, result, server, totalMs, problems: judge(row, result, server) };
      }),
      RUN_CONCURRENCY,
    );
    const runMs = performance.now() - runStart;
    console.log(table(done));
    console.log(
      `\nruntime fetch ${seconds(fetchMs)}, pack + npm install + bundle ${seconds(setupMs)}, runs ${seconds(runMs)}, total ${seconds(performance.now() - started)}`,
    );
    const failed = done.filter((r) => r.problems.length);
    for (const row of failed)
      console.log(
        `\n${row.label} (${row.entry}) result:\n${JSON.stringify(row.result, null, 2)}\nserver saw: ${JSON.stringify(row.server)}`,
      );
    console.log(`\n${done.length - failed.length} passed, ${failed.length} failed`);
    process.exitCode = failed.length ? 1 : 0;
  } finally {
    await api.close();
    await pages?.close();
    rmSync(project, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
