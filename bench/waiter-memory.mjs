#!/usr/bin/env node
// `pnpm --filter @opstatus/bench bench:memory`: the heap a pending wait holds, after 10 and after 1000 polls (issue 18,
// point 4: memory that does not grow with the number of polls; target <= 4 KB per wait). Run on demand only. Needs
// `node --expose-gc` (the package script passes it); exits 1 above the target.
//
// 1000 concurrent `waitUntilDone` calls of the built @opstatus/core share one virtual-time clock (virtual-clock.mjs),
// with the default schedule (1 s x1.5 to 20-22 s, jitter from Math.random as in production) and a 24 h timeout (1000
// polls at about 21 s take about 6 h). Each poll answers a new vSphere guest customization body (as JSON.parse of a
// response would), RUNNING until the measurement, then SUCCEEDED. The clock stops once every wait has made at least
// 10 polls, and again at 1000: all waits are then asleep between two polls, none has ended. The heap (heapUsed after
// forced GCs) is compared with a baseline taken after a warm-up (so that compiled code is not counted) and before the
// first wait's spec was made: everything a wait needs is counted, its spec, its body, the caller's promise and its
// timer in the clock included. At the end every wait must resolve with the expected attempt count.
//
// Usage: cd bench && node --expose-gc waiter-memory.mjs [--waits 1000] [--polls 1000] [--breakdown]   (about 30 s)

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import { waitUntilDone } from "@opstatus/core";
import { VirtualClock } from "./virtual-clock.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const WAITS = option("waits", 1000);
/** --breakdown: also heap snapshots before the waits and at the last measurement, and what the new objects are. */
const BREAKDOWN = argv.includes("--breakdown");
const POLLS = option("polls", 1000);
const EARLY = 10;
const TARGET_BYTES = 4096;
const TIMEOUT_MS = 24 * 3600_000;

if (typeof globalThis.gc !== "function") {
  console.error("run with node --expose-gc (pnpm --filter @opstatus/bench bench:memory does)");
  process.exit(2);
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
async function heapAfterGc() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await turn();
  }
  return process.memoryUsage().heapUsed;
}

/** Heap snapshot nodes by id: type, name, self size, and for plain objects the names of their properties. */
function readSnapshot(file) {
  const { snapshot, nodes, edges, strings } = JSON.parse(fs.readFileSync(file, "utf8"));
  const nf = snapshot.meta.node_fields;
  const ef = snapshot.meta.edge_fields;
  const [nodeTypes] = snapshot.meta.node_types;
  const [edgeTypes] = snapshot.meta.edge_types;
  const [iType, iName, iId, iSize, iEdges] = ["type", "name", "id", "self_size", "edge_count"].map((f) =>
    nf.indexOf(f),
  );
  const byId = new Map();
  let e = 0;
  for (let i = 0; i < nodes.length; i += nf.length) {
    const type = nodeTypes[nodes[i + iType]];
    let name = type === "string" || type === "concatenated string" ? "" : strings[nodes[i + iName]];
    const count = nodes[i + iEdges];
    if (type === "object" && name === "Object") {
      const props = [];
      for (let k = 0; k < count; k++)
        if (edgeTypes[edges[e + k * ef.length]] === "property" && strings[edges[e + k * ef.length + 1]] !== "__proto__")
          props.push(strings[edges[e + k * ef.length + 1]]);
      name = `{${props.join(", ")}}`;
    }
    e += count * ef.length;
    byId.set(nodes[i + iId], { key: `${type} ${name}`.trim(), size: nodes[i + iSize] });
  }
  return byId;
}

/** The nodes of `after` that are not in `before`, summed by type and name, per wait. */
function breakdown(beforeFile, afterFile) {
  const before = readSnapshot(beforeFile);
  const sums = new Map();
  let total = 0;
  for (const [id, node] of readSnapshot(afterFile)) {
    if (before.has(id)) continue;
    const sum = sums.get(node.key) ?? { count: 0, bytes: 0 };
    sum.count++;
    sum.bytes += node.size;
    total += node.size;
    sums.set(node.key, sum);
  }
  return { total, rows: [...sums].sort((a, b) => b[1].bytes - a[1].bytes) };
}

/** A vSphere `GET /api/vcenter/vm/{vm}/guest/customization` answer, parsed anew for every poll like a real one. */
const RUNNING_JSON = JSON.stringify({ status: "RUNNING", start_time: "2026-12-07T09:12:03.512Z" });
const SUCCEEDED_JSON = JSON.stringify({
  status: "SUCCEEDED",
  start_time: "2026-12-07T09:12:03.512Z",
  end_time: "2026-12-07T15:02:47.108Z",
});
const STATES = { RUNNING: "running", SUCCEEDED: "succeeded" };

/**
 * Starts `count` waits on `clock`; `done()` says when a poll may answer SUCCEEDED. The counters are the caller's
 * (made before the baseline, so that they are not counted as the waits'): `polls[i]` polls of wait i, `reached[n]`
 * waits that have made n polls.
 */
function startWaits(clock, count, done, prefix, polls = new Int32Array(count), reached = new Int32Array(4096)) {
  const promises = [];
  for (let i = 0; i < count; i++) {
    const spec = {
      provider: "vmware-vsphere",
      operation: "getVmGuestCustomization",
      target: `${prefix}vm-${1000 + i}`,
      poll: async () => {
        const n = ++polls[i];
        if (n < reached.length) reached[n]++;
        const body = JSON.parse(done() ? SUCCEEDED_JSON : RUNNING_JSON);
        return { state: STATES[body.status], vendorStatus: body.status, body, httpStatus: 200, retryAfter: null };
      },
    };
    promises.push(waitUntilDone(spec, { clock, timeout: TIMEOUT_MS }));
  }
  return { polls, reached, promises };
}

const started = performance.now();
const cpuStart = process.cpuUsage();

// Warm-up: the same code paths, so that the baseline already holds the compiled code.
{
  const clock = new VirtualClock();
  const warm = startWaits(clock, 200, () => warm.reached[100] === 200, "warm-");
  await clock.run();
  await Promise.all(warm.promises);
}

const counters = { polls: new Int32Array(WAITS), reached: new Int32Array(2 * POLLS + 64) };
const baseline = await heapAfterGc();
const snapshotDir = BREAKDOWN ? fs.mkdtempSync(path.join(os.tmpdir(), "waiter-memory-")) : undefined;
const beforeSnapshot = BREAKDOWN ? v8.writeHeapSnapshot(path.join(snapshotDir, "before.heapsnapshot")) : undefined;
const clock = new VirtualClock();
let measured = false;
const waits = startWaits(clock, WAITS, () => measured, "", counters.polls, counters.reached);
const allReached = (n) => () => waits.reached[n] === WAITS;

async function measureAt(n) {
  await clock.run(allReached(n));
  const heap = await heapAfterGc();
  let min = Infinity;
  let max = 0;
  for (const p of waits.polls) {
    min = Math.min(min, p);
    max = Math.max(max, p);
  }
  const total = waits.polls.reduce((s, p) => s + p, 0);
  return { n, heap, perWait: (heap - baseline) / WAITS, min, max, mean: total / WAITS, timers: clock.pending };
}

const early = await measureAt(EARLY);
const late = await measureAt(POLLS);
const afterSnapshot = BREAKDOWN ? v8.writeHeapSnapshot(path.join(snapshotDir, "after.heapsnapshot")) : undefined;
const pendingAtLate = late.timers;
measured = true;
await clock.run();
const results = await Promise.all(waits.promises);
const expected = results.every((r, i) => r.state === "succeeded" && r.attempts === waits.polls[i]);
const historyMax = Math.max(...results.map((r) => r.history.length));
const cpu = process.cpuUsage(cpuStart);
const totalPolls = waits.polls.reduce((s, p) => s + p, 0);

const kb = (bytes) => (bytes / 1024).toFixed(2);
const cpus = os.cpus();
console.log("# Heap per pending wait (issue 18, point 4)\n");
console.log(`- machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${os.platform()} ${os.arch()}`);
console.log(`- node: ${process.version}; date: ${new Date().toISOString()}`);
console.log(
  `- ${WAITS} concurrent waitUntilDone, default schedule, timeout ${TIMEOUT_MS / 3600_000} h, one virtual clock; each poll parses a new vSphere customization body (${RUNNING_JSON.length} bytes of JSON)`,
);
console.log(`- baseline heapUsed (after warm-up and GC, before the waits): ${kb(baseline)} KB\n`);
console.log(
  "| measured when every wait has made | polls per wait (min / mean / max) | heapUsed after GC (KB) | heap per wait (bytes) | per wait (KB) |",
);
console.log("| --- | --- | ---: | ---: | ---: |");
for (const m of [early, late])
  console.log(
    `| ${m.n} polls | ${m.min} / ${m.mean.toFixed(1)} / ${m.max} | ${kb(m.heap)} | ${m.perWait.toFixed(0)} | ${kb(m.perWait)} |`,
  );
const growth = (late.perWait - early.perWait) / (late.mean - early.mean);
console.log(
  `\nGrowth from ${EARLY} to ${POLLS} polls: ${(late.perWait - early.perWait).toFixed(0)} bytes per wait (${growth.toFixed(2)} bytes per poll).`,
);
console.log(
  `Pending timers at the measurement: ${pendingAtLate} (one sleep per wait); after the end: ${clock.pending}. All ${WAITS} waits succeeded with their attempt count: ${expected ? "yes" : "NO"}; longest history: ${historyMax} records.`,
);
console.log(
  `Run: ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${totalPolls.toLocaleString("en-US")} polls.`,
);
if (BREAKDOWN) {
  const { total, rows } = breakdown(beforeSnapshot, afterSnapshot);
  fs.rmSync(snapshotDir, { recursive: true, force: true });
  console.log(
    `\nWhat the waits hold after ${POLLS} polls (heap snapshot objects new since the baseline, self sizes; ${(total / WAITS).toFixed(0)} bytes per wait in all):\n`,
  );
  console.log(
    "| object (V8 type and name; a plain object by its properties that hold strings or objects) | per wait | bytes per wait |",
  );
  console.log("| --- | ---: | ---: |");
  for (const [key, sum] of rows.slice(0, 25))
    console.log(
      `| ${key.replaceAll("|", "\\|")} | ${(sum.count / WAITS).toFixed(2)} | ${(sum.bytes / WAITS).toFixed(0)} |`,
    );
}

const ok = expected && late.perWait <= TARGET_BYTES && early.perWait <= TARGET_BYTES;
console.log(
  `\nTarget <= ${TARGET_BYTES / 1024} KB per wait after ${POLLS} polls: ${ok ? "met" : "NOT MET"} (${late.perWait.toFixed(0)} bytes, ${(100 * (1 - late.perWait / TARGET_BYTES)).toFixed(0)} % headroom).`,
);
process.exitCode = ok ? 0 : 1;
