#!/usr/bin/env node
// Type-check cost benchmark, run on demand (not in CI): `node types/run.mjs [runs]` from bench/.
// Checks all-clients.ts (the five opstatus clients and waiters) and raw-fetch.ts (the same program with the global
// fetch and hand-written interfaces) separately, `runs` times each (default 5, interleaved), with
// `tsc -p <tsconfig> --extendedDiagnostics`, and prints the medians as a markdown table.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const tsc = here("../node_modules/typescript/bin/tsc");
const tsVersion = JSON.parse(readFileSync(here("../node_modules/typescript/package.json"), "utf8")).version;
const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, got ${process.argv[2]}`);

const programs = [
  { name: "all-clients.ts", tsconfig: here("./tsconfig.all-clients.json") },
  { name: "raw-fetch.ts", tsconfig: here("./tsconfig.raw-fetch.json") },
];

/** One `tsc --extendedDiagnostics` run: its "Name: value" lines as numbers (seconds, K, counts). */
function check(tsconfig) {
  const out = spawnSync(process.execPath, [tsc, "-p", tsconfig, "--extendedDiagnostics"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (out.error) throw out.error;
  if (out.status !== 0) {
    process.stderr.write(out.stdout + out.stderr);
    throw new Error(`tsc -p ${tsconfig} exited with ${out.status}: the program must type-check with zero errors`);
  }
  const stats = {};
  for (const line of out.stdout.split("\n")) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s+([\d.]+)([sK]?)\s*$/.exec(line);
    if (m) stats[m[1]] = Number(m[2]);
  }
  for (const key of ["Check time", "Total time", "Instantiations", "Types", "Memory used", "Files"]) {
    if (!(key in stats)) throw new Error(`no "${key}" in the output of tsc -p ${tsconfig}:\n${out.stdout}`);
  }
  return stats;
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// Interleaved, so that drift (thermal, other load) hits both programs alike.
const samples = programs.map(() => []);
for (let i = 0; i < runs; i++) {
  programs.forEach((program, j) => {
    process.stderr.write(`run ${i + 1}/${runs}: ${program.name}\n`);
    samples[j].push(check(program.tsconfig));
  });
}
const medians = samples.map((runsOf) =>
  Object.fromEntries(Object.keys(runsOf[0]).map((k) => [k, median(runsOf.map((r) => r[k]))])),
);

const rows = [
  ["Check time", (v) => `${v.toFixed(2)} s`],
  ["Total time", (v) => `${v.toFixed(2)} s`],
  ["Instantiations", (v) => v.toLocaleString("en-US")],
  ["Types", (v) => v.toLocaleString("en-US")],
  ["Memory used", (v) => `${(v / 1024).toFixed(1)} MB`],
  ["Files", (v) => v.toLocaleString("en-US")],
  ["Lines of TypeScript", (v) => v.toLocaleString("en-US")],
  ["Lines of Definitions", (v) => v.toLocaleString("en-US")],
  ["Lines of Library", (v) => v.toLocaleString("en-US")],
];

const cpus = os.cpus();
console.log("# Type-check cost: opstatus clients vs raw fetch\n");
console.log(
  `- Machine: ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores (${os.availableParallelism()} available), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()} ${os.arch()}`,
);
console.log(`- Node ${process.version}, TypeScript ${tsVersion}`);
console.log(`- Date: ${new Date().toISOString()}`);
console.log(
  `- ${runs} runs each (interleaved), medians; \`tsc -p <tsconfig> --extendedDiagnostics\`, strict, NodeNext, skipLibCheck false\n`,
);
console.log(`| metric | ${programs.map((p) => p.name).join(" | ")} | ratio all-clients / raw-fetch |`);
console.log(`| --- | ${programs.map(() => "---:").join(" | ")} | ---: |`);
for (const [key, format] of rows) {
  const [a, b] = medians.map((m) => m[key]);
  const ratio = a !== undefined && b ? `${(a / b).toFixed(2)}×` : "n/a";
  console.log(
    `| ${key} | ${medians.map((m) => (m[key] === undefined ? "n/a" : format(m[key]))).join(" | ")} | ${ratio} |`,
  );
}
console.log(
  `\nCheck time per run (s): ${programs.map((p, j) => `${p.name} ${samples[j].map((r) => r["Check time"].toFixed(2)).join(", ")}`).join("; ")}`,
);
