#!/usr/bin/env node
// `pnpm mutate [package...] [--force]`: mutation testing (StrykerJS) of the hand-written logic, one package after the
// other: every package with a `stryker.config.mjs` (core first), or the ones named (`core`, `oracle-primavera-admin`).
// Incremental: only the mutants whose code or tests changed since the committed `.stryker/incremental.json` are run
// again; `--force` runs them all (and rewrites the file). Prints Stryker's per-file table for each package, then one
// table of every configured file and the overall score; exits 1 when a file scores below 85 % or all below 90 %.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const stryker = join(root, "node_modules/.bin/stryker");
const args = process.argv.slice(2);
const force = args.includes("--force");
const named = args.filter((arg) => !arg.startsWith("--"));

const configured = readdirSync(join(root, "packages"))
  .filter((name) => existsSync(join(root, "packages", name, "stryker.config.mjs")))
  .sort((a, b) => (a === "core" ? -1 : b === "core" ? 1 : a.localeCompare(b)));
const unknown = named.filter((name) => !configured.includes(name));
if (unknown.length) {
  console.error(
    `no stryker.config.mjs in packages/${unknown.join(", packages/")} (configured: ${configured.join(", ")})`,
  );
  process.exit(2);
}
const chosen = named.length ? configured.filter((name) => named.includes(name)) : configured;

/** @typedef {{ killed: number, timeout: number, survived: number, noCoverage: number, ignored: number }} Counts */

/**
 * Stryker's mutation score: detected (killed, timed out) of the valid mutants (ignored and compile errors left out).
 * @param {Counts} c
 */
const score = (c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid ? ((c.killed + c.timeout) / valid) * 100 : Number.NaN;
};
/** @returns {Counts} */
const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 });
/** @type {Record<string, keyof Counts>} */
const KEYS = {
  Killed: "killed",
  Timeout: "timeout",
  Survived: "survived",
  NoCoverage: "noCoverage",
  Ignored: "ignored",
};

const rows = [];
const total = empty();
let failed = false;
for (const name of chosen) {
  const dir = join(root, "packages", name);
  console.log(`\n== packages/${name}: stryker run${force ? " --force" : ""}\n`);
  const started = Date.now();
  const run = spawnSync(stryker, ["run", ...(force ? ["--force"] : [])], { cwd: dir, stdio: "inherit" });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0) {
    console.error(`packages/${name}: stryker exited with ${run.status ?? run.signal}`);
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(join(dir, "reports/mutation/mutation.json"), "utf8"));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (mutants.length === 0) continue;
    const counts = empty();
    for (const mutant of mutants) {
      const key = KEYS[mutant.status];
      if (key) counts[key]++;
    }
    for (const key of /** @type {(keyof Counts)[]} */ (Object.keys(total))) total[key] += counts[key];
    rows.push({ file: relative(root, join(dir, file)), ...counts });
  }
  console.log(`packages/${name}: ${seconds} s`);
}

/** @param {unknown} text @param {number} width */
const pad = (text, width) => String(text).padStart(width);
/** @param {number} value */
const percent = (value) => (Number.isNaN(value) ? "n/a" : value.toFixed(2));
const width = Math.max(4, ...rows.map((row) => row.file.length));
console.log(`\n${"file".padEnd(width)} | score  | killed | timeout | survived | no cov | ignored`);
console.log(`${"-".repeat(width)}-|--------|--------|---------|----------|--------|--------`);
for (const row of [...rows, { file: "all files", ...total }])
  console.log(
    `${row.file.padEnd(width)} | ${pad(percent(score(row)), 6)} | ${pad(row.killed, 6)} | ${pad(row.timeout, 7)} | ${pad(row.survived, 8)} | ${pad(row.noCoverage, 6)} | ${pad(row.ignored, 7)}`,
  );

// the targets (issue 23): every file at 85 % or more, 90 % or more over all of them
const FILE_TARGET = 85;
const OVERALL_TARGET = 90;
const below = rows.filter((row) => score(row) < FILE_TARGET);
for (const row of below) console.error(`${row.file}: ${percent(score(row))} % is below ${FILE_TARGET} %`);
if (score(total) < OVERALL_TARGET) console.error(`all files: ${percent(score(total))} % is below ${OVERALL_TARGET} %`);
process.exit(failed || below.length > 0 || score(total) < OVERALL_TARGET ? 1 : 0);
