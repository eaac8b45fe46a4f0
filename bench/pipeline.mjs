#!/usr/bin/env node
// `pnpm bench:pipeline`: wall time of a cold `pnpm build` (lint, generate, compile, docs), of a warm no-op build, and
// of a rebuild after editing one spec, with the tasks that re-ran. Works on a scratch copy of the repository so the
// checkout and its turbo cache are untouched.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const copy = mkdtempSync(join(tmpdir(), "opstatus-pipeline-"));
const editedSpec = "specs/vmware-vsphere/openapi.yaml";

function run(label) {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "docs", "--summarize", "--output-logs=errors-only"],
    { cwd: copy, encoding: "utf8" },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stdout}\n${result.stderr}`);
  const runs = join(copy, ".turbo/runs");
  const latest = readdirSync(runs).sort().at(-1);
  const summary = JSON.parse(readFileSync(join(runs, latest), "utf8"));
  const reran = summary.tasks.filter((t) => t.cache.status !== "HIT").map((t) => t.taskId);
  return { label, seconds, total: summary.tasks.length, reran };
}

try {
  execFileSync(
    "sh",
    ["-c", `git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C ${JSON.stringify(copy)}`],
    { cwd: repo },
  );
  execFileSync("pnpm", ["install", "--offline", "--frozen-lockfile"], { cwd: copy, stdio: "ignore" });
  const results = [run("cold build (empty turbo cache)"), run("warm no-op build")];
  const spec = join(copy, editedSpec);
  writeFileSync(spec, readFileSync(spec, "utf8").replace("Get Vm Guest Customization", "Get VM Guest Customization"));
  results.push(run(`rebuild after editing ${editedSpec}`));

  console.log(`# Pipeline — ${new Date().toISOString()}`);
  console.log(
    `${cpus()[0].model}, ${cpus().length} cores, Node ${process.version}; \`turbo run build docs\` (= pnpm build) in a scratch copy\n`,
  );
  console.log("| run | wall time (s) | tasks re-run / total |\n| --- | ---: | ---: |");
  for (const r of results) console.log(`| ${r.label} | ${r.seconds.toFixed(2)} | ${r.reran.length} / ${r.total} |`);
  console.log(`\nTasks re-run after the spec edit: ${results[2].reran.sort().join(", ")}`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
