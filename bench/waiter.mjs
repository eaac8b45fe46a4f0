#!/usr/bin/env node
// `pnpm bench:waiter`: the waiter engine of @opstatus/core against two other polling schedules.
// Run on demand only; CI never runs it (vitest only picks up test/**/*.test.ts).
//
// Part 1 compares three pollers on the SAME simulated operations, served over real HTTP by a loopback
// server started here, so that the opstatus waiter runs with its real client (openapi-fetch, error mapping,
// Retry-After handling) and the other two pay the same network cost:
//   1. opstatus   `waitForCustomization` from @opstatus/vmware-vsphere (real client, real HTTP);
//   2. fixed      a hand-written loop polling every 500 ms (what many scripts do);
//   3. aws-style  a port of the AWS SDK v3 waiter schedule (@smithy's runPolling, see awsStylePoller below).
// Part 2 runs 10,000 concurrent `waitUntilDone` calls against an in-process poll (no HTTP), so that what
// is measured is the waiter's own CPU, memory and timer hygiene, not the network stack.
//
// Usage: cd bench && node waiter.mjs   (tables go to stdout, progress to stderr; about 75 s on 2 cores)

import http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { waitUntilDone } from "@opstatus/core";
import {
  createVsphereClient,
  customizationStates,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  waitForCustomization,
} from "@opstatus/vmware-vsphere";

// ---------------------------------------------------------------------------------------------------------
// Parameters. Every poller gets the same delays so that only the schedule's shape differs.
// ---------------------------------------------------------------------------------------------------------

const MIN_DELAY_MS = 100;
const MAX_DELAY_MS = 2000;
const FIXED_INTERVAL_MS = 500;
/** Generous for A and B: those scenarios measure detection, not timeouts. */
const LONG_TIMEOUT_MS = 60_000;
/** Scenario C: every operation completes at 5 s, every poller gives up at 4.9 s. */
const C_COMPLETION_MS = 5000;
const C_TIMEOUT_MS = 4900;
/** 5 seeds x 20 operations = 100 operations per poller and scenario, all run concurrently. */
const SEEDS = [1, 2, 3, 4, 5];
const OPS_PER_SEED = 20;
/** Scenario B: while running, every 2nd poll of an operation gets 429 with this Retry-After (seconds). */
const RETRY_AFTER_S = 1;
/**
 * Operations start at seeded offsets spread over this window instead of all in the same millisecond: with
 * 100 identical start times, every fixed-interval poll (and every deadline poll in C) would hit the server
 * as one burst of 100 requests, and the queueing in that burst (tens of ms on 2 cores) would be measured
 * instead of the schedules.
 */
const START_SPREAD_MS = 1000;
const SESSION_ID = "bench-session";

const PART2_WAITS = 10_000;
const PART2_OPTIONS = { minDelay: 50, maxDelay: 500, timeout: 60_000 };

const log = (message) => process.stderr.write(`${message}\n`);

/** mulberry32: a tiny seeded PRNG, so that every poller sees exactly the same completion times. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted, p) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmt = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

// ---------------------------------------------------------------------------------------------------------
// The simulated vCenter. Each vm id is one scripted operation; the server (not the pollers) decides when it
// is done, from the same monotonic clock the pollers use to note when they saw it, so the latency is exact.
// Counting requests and 429s on the server side counts them the same way for all three pollers (on loopback
// every 429 sent is a 429 received).
// ---------------------------------------------------------------------------------------------------------

/**
 * vm id -> { startAt, doneAt, throttle, requests, throttled, runningPolls, lastRequestAt, throttledAt, early }
 * (times are performance.now() ms). `early` counts requests that arrived while the Retry-After of the last 429
 * had not yet elapsed: the direct measure of who honours Retry-After.
 */
const operations = new Map();
const ROUTE = /^\/api\/vcenter\/vm\/([^/]+)\/guest\/customization$/;

function reply(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function handle(req, res) {
  const match = req.method === "GET" ? ROUTE.exec(new URL(req.url, "http://localhost").pathname) : null;
  const op = match ? operations.get(decodeURIComponent(match[1])) : undefined;
  if (!op) return reply(res, 404, { error_type: "NOT_FOUND", messages: [] });
  const now = performance.now();
  op.requests++;
  op.lastRequestAt = now;
  if (now - op.throttledAt < RETRY_AFTER_S * 1000) op.early++;
  if (now >= op.doneAt) return reply(res, 200, { status: "SUCCEEDED" });
  // Scenario B: 1st running poll 200, 2nd 429, 3rd 200, ... (a Std_Errors_Error-shaped body, as vSphere sends).
  if (op.throttle && ++op.runningPolls % 2 === 0) {
    op.throttled++;
    op.throttledAt = now;
    return reply(res, 429, { error_type: "RESOURCE_BUSY", messages: [] }, { "retry-after": String(RETRY_AFTER_S) });
  }
  return reply(res, 200, { status: "RUNNING" });
}

// ---------------------------------------------------------------------------------------------------------
// The three pollers. Each resolves to { outcome, endedAt } and never rejects; `endedAt` is when it noticed
// the terminal status (or gave up). The two hand-written ones use the provider's own status table
// (customizationStates) so that all three map statuses identically.
// ---------------------------------------------------------------------------------------------------------

/** One GET with plain fetch: the canonical state, or "retry" for any non-2xx answer or network error. */
async function fetchState(url) {
  try {
    const res = await fetch(url, { headers: { accept: "application/json", "vmware-api-session-id": SESSION_ID } });
    if (!res.ok) {
      await res.arrayBuffer(); // drain the body so the keep-alive socket is reused; Retry-After is not read
      return "retry";
    }
    const { status } = await res.json();
    return Object.hasOwn(customizationStates, status) ? customizationStates[status] : "unknown";
  } catch {
    return "retry";
  }
}

const terminal = (state) => state === "succeeded" || state === "failed";

/** 1. opstatus: the provider waiter with its real client. */
async function opstatusPoller(client, vm, timeout) {
  try {
    await waitForCustomization(client, vm, { minDelay: MIN_DELAY_MS, maxDelay: MAX_DELAY_MS, timeout });
    return { outcome: "succeeded", endedAt: performance.now() };
  } catch (error) {
    const endedAt = performance.now();
    if (error instanceof OpstatusTimeoutError) return { outcome: "timed out", endedAt };
    if (error instanceof OpstatusOperationFailedError) return { outcome: "failed", endedAt };
    return { outcome: `error: ${error?.message ?? error}`, endedAt };
  }
}

/**
 * 2. fixed: the usual hand-written loop. Polls, sleeps 500 ms after each answer, ignores Retry-After, and
 * checks the deadline only before polling (`while (now < deadline)`): it can sleep past the deadline and
 * then give up without a last look.
 */
async function fixedPoller(url, timeout) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const state = await fetchState(url);
    if (terminal(state)) return { outcome: state, endedAt: performance.now() };
    await sleep(FIXED_INTERVAL_MS);
  }
  return { outcome: "timed out", endedAt: performance.now() };
}

/**
 * 3. aws-style: a port of the AWS SDK for JavaScript v3 waiter loop, in milliseconds, from
 *    smithy-lang/smithy-typescript packages/core/src/submodules/client/util-waiter/poller.ts
 *    (runPolling + exponentialBackoffWithJitter; formerly packages/util-waiter/src/poller.ts, which lacks the
 *    500 ms "last request" truncation but is otherwise the same).
 *  - first poll at once; before attempt n (n = 1, 2, ...) it sleeps:
 *      n >  ceiling = log2(maxDelay/minDelay) + 1  ->  exactly maxDelay (no jitter once at the cap);
 *      n <= ceiling                                ->  uniform in [minDelay, min(maxDelay, minDelay * 2^(n-1))],
 *        and if that would pass the deadline, (time left - 500 ms) instead (a last try before the end);
 *  - if now + delay > deadline it returns TIMEOUT at once: no poll at the deadline, and it may give up well
 *    before it;
 *  - Retry-After is never read. A generated waiter's acceptor check turns any error it does not match
 *    (here: a 429) into RETRY (e.g. aws-sdk-js-v3 clients/client-ec2/src/waiters/waitForVolumeAvailable.ts),
 *    and the attempt counter advances like for any other poll.
 * Not modelled: the SDK client's own retry middleware below the waiter (it would retry a throttled call
 * inside one acceptor check). This bench compares waiter schedules.
 * With minDelay 100 and maxDelay 2000 the ceiling is 5.32: attempts 1-5 are jittered (at most 3.1 s in
 * total), then 2000 ms flat; the truncation branch cannot trigger before C's 4.9 s deadline.
 */
function awsBackoff(minDelayMs, maxDelayMs, attempt, waitUntil) {
  const attemptCountCeiling = Math.log(maxDelayMs / minDelayMs) / Math.log(2) + 1;
  if (attempt > attemptCountCeiling) return maxDelayMs;
  const capped = Math.min(minDelayMs * 2 ** (attempt - 1), maxDelayMs);
  const waitFor = minDelayMs + Math.random() * (capped - minDelayMs);
  if (Date.now() + waitFor > waitUntil) return Math.max(0, waitUntil - Date.now() - 500);
  return waitFor;
}

async function awsStylePoller(url, maxWaitTimeMs) {
  const waitUntil = Date.now() + maxWaitTimeMs;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      const delayMs = awsBackoff(MIN_DELAY_MS, MAX_DELAY_MS, attempt, waitUntil);
      if (Date.now() + delayMs > waitUntil) return { outcome: "timed out", endedAt: performance.now() };
      await sleep(delayMs);
    }
    const state = await fetchState(url);
    if (terminal(state)) return { outcome: state, endedAt: performance.now() };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Part 1 driver.
// ---------------------------------------------------------------------------------------------------------

/** OPS_PER_SEED draws from each seed's PRNG, as one flat list (seed 1's operations first). */
function seeded(seedOffset, draw) {
  return SEEDS.flatMap((seed) => {
    const random = mulberry32(seed + seedOffset);
    return Array.from({ length: OPS_PER_SEED }, () => draw(random));
  });
}

/** Completion times (ms after the operation's start) for A; B reuses them, so B differs from A only by the 429s. */
const randomCompletions = seeded(0, (random) => 500 + random() * 5500);
/** Start offsets (ms after the batch starts), the same for every poller and scenario. */
const START_OFFSETS = seeded(1000, (random) => random() * START_SPREAD_MS);

const SCENARIOS = [
  { id: "A", completions: randomCompletions, timeout: LONG_TIMEOUT_MS, throttle: false },
  { id: "B", completions: randomCompletions, timeout: LONG_TIMEOUT_MS, throttle: true },
  {
    id: "C",
    completions: Array(SEEDS.length * OPS_PER_SEED).fill(C_COMPLETION_MS),
    timeout: C_TIMEOUT_MS,
    throttle: false,
  },
];

const POLLERS = {
  opstatus: (ctx, vm, timeout) => opstatusPoller(ctx.client, vm, timeout),
  fixed: (ctx, vm, timeout) => fixedPoller(ctx.urlOf(vm), timeout),
  "aws-style": (ctx, vm, timeout) => awsStylePoller(ctx.urlOf(vm), timeout),
};

/** Runs one poller on all operations of a scenario at once; returns one record per operation. */
async function runBatch(ctx, scenario, pollerName, completions = scenario.completions) {
  const poll = POLLERS[pollerName];
  return Promise.all(
    completions.map(async (completion, i) => {
      await sleep(START_OFFSETS[i % START_OFFSETS.length]);
      const vm = `sim-${scenario.id}-${pollerName}-${i}`;
      const startAt = performance.now();
      const op = {
        startAt,
        doneAt: startAt + completion,
        throttle: scenario.throttle,
        requests: 0,
        throttled: 0,
        runningPolls: 0,
        lastRequestAt: 0,
        throttledAt: -Infinity,
        early: 0,
      };
      operations.set(vm, op);
      const { outcome, endedAt } = await poll(ctx, vm, scenario.timeout);
      operations.delete(vm);
      return {
        outcome,
        requests: op.requests,
        throttled: op.throttled,
        early: op.early,
        latency: outcome === "succeeded" ? endedAt - op.doneAt : undefined,
        lastRequestAfter: op.lastRequestAt - startAt,
        endedAfter: endedAt - startAt,
      };
    }),
  );
}

function summarise(records) {
  const n = records.length;
  const latencies = records
    .map((r) => r.latency)
    .filter((l) => l !== undefined)
    .sort((a, b) => a - b);
  const outcomes = {};
  for (const r of records) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  const sorted = (key) => records.map((r) => r[key]).sort((a, b) => a - b);
  return {
    n,
    requestsPerOp: records.reduce((s, r) => s + r.requests, 0) / n,
    throttled: records.reduce((s, r) => s + r.throttled, 0),
    early: records.reduce((s, r) => s + r.early, 0),
    latencyP50: percentile(latencies, 50),
    latencyP95: percentile(latencies, 95),
    outcomes: Object.entries(outcomes)
      .map(([k, v]) => `${v} ${k}`)
      .join(", "),
    lastRequest: sorted("lastRequestAfter"),
    ended: sorted("endedAfter"),
    pollsNearDeadline: records.filter((r) => r.lastRequestAfter >= C_TIMEOUT_MS - 100).length,
  };
}

async function part1() {
  const server = http.createServer(handle);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const ctx = {
    client: createVsphereClient({ baseUrl, auth: { apiKey: SESSION_ID } }),
    urlOf: (vm) => `${baseUrl}/api/vcenter/vm/${encodeURIComponent(vm)}/guest/customization`,
  };

  try {
    // Warm-up (not reported): JIT-compile every code path, including the 429 one, and open sockets,
    // so that the poller that happens to run first is not penalised.
    log("warm-up ...");
    for (const name of Object.keys(POLLERS))
      await runBatch(ctx, { id: "W", timeout: 10_000, throttle: true }, name, Array(10).fill(300));

    const results = [];
    for (const scenario of SCENARIOS) {
      // Pollers run one after another (not interleaved) so that none competes with another for the event
      // loop; within a batch all 100 operations run concurrently.
      for (const name of Object.keys(POLLERS)) {
        log(`scenario ${scenario.id}, ${name} (${scenario.completions.length} operations) ...`);
        results.push({ scenario: scenario.id, poller: name, ...summarise(await runBatch(ctx, scenario, name)) });
      }
    }
    return results;
  } finally {
    // Close the listener and the idle keep-alive connections, so that nothing keeps the process alive.
    await new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Part 2: 10,000 concurrent waits on an in-process poll.
// ---------------------------------------------------------------------------------------------------------

const countBy = (list) => {
  const counts = {};
  for (const name of list) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
};

async function part2() {
  // Let the sockets closed at the end of part 1 finish closing, so the "before" snapshot is quiet.
  await sleep(200);
  const random = mulberry32(2024);
  const completions = Array.from({ length: PART2_WAITS }, () => 1000 + random() * 2000);
  const pollRandom = mulberry32(7);
  let polls = 0;

  const resourcesBefore = process.getActiveResourcesInfo();
  const memBefore = process.memoryUsage();
  let peakRss = memBefore.rss;
  let peakHeap = memBefore.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 100);

  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const latencies = await Promise.all(
    completions.map(async (completion, i) => {
      const doneAt = performance.now() + completion;
      // Half the polls answer after a microtask, half after a 0-5 ms timer (like a fast in-process call
      // and like a quick local round trip); the state is read when the answer "arrives".
      const answer = () => {
        const succeeded = performance.now() >= doneAt;
        return {
          state: succeeded ? "succeeded" : "running",
          vendorStatus: succeeded ? "SUCCEEDED" : "RUNNING",
          body: null,
          httpStatus: 200,
          retryAfter: null,
        };
      };
      const spec = {
        provider: "bench",
        operation: "inProcessPoll",
        target: `wait-${i}`,
        poll: () => {
          polls++;
          if (pollRandom() < 0.5) return Promise.resolve().then(answer);
          const ms = pollRandom() * 5;
          return new Promise((resolve) => setTimeout(() => resolve(answer()), ms));
        },
      };
      await waitUntilDone(spec, PART2_OPTIONS);
      return performance.now() - doneAt;
    }),
  );
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  sample();
  const resourcesAfter = process.getActiveResourcesInfo();

  latencies.sort((a, b) => a - b);
  return {
    wallMs,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    peakRss,
    peakHeap,
    rssBefore: memBefore.rss,
    heapBefore: memBefore.heapUsed,
    polls,
    latencyP50: percentile(latencies, 50),
    latencyP95: percentile(latencies, 95),
    resourcesBefore: countBy(resourcesBefore),
    resourcesAfter: countBy(resourcesAfter),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Report.
// ---------------------------------------------------------------------------------------------------------

const cpus = os.cpus();
console.log("# opstatus waiter benchmark\n");
console.log(`- machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${os.platform()} ${os.arch()}`);
console.log(`- node: ${process.version}`);
console.log(`- date: ${new Date().toISOString()}\n`);

const benchStart = performance.now();
const part1Results = await part1();

console.log("## Part 1: three pollers on the same simulated operations (loopback HTTP, node:http on 127.0.0.1)\n");
console.log(
  `- operations: ${SEEDS.length} seeds (${SEEDS.join(", ")}) x ${OPS_PER_SEED} = ${SEEDS.length * OPS_PER_SEED} per poller and scenario, run concurrently (starts spread over ${START_SPREAD_MS} ms by seeded offsets)`,
);
console.log(`- A: RUNNING until T ~ uniform(0.5 s, 6 s) (seeded), then SUCCEEDED; timeout ${LONG_TIMEOUT_MS / 1000} s`);
console.log(
  `- B: the same T as A, and while running every 2nd poll gets 429 with Retry-After: ${RETRY_AFTER_S}; timeout ${LONG_TIMEOUT_MS / 1000} s`,
);
console.log(`- C: SUCCEEDED at ${C_COMPLETION_MS / 1000} s for all, timeout ${C_TIMEOUT_MS / 1000} s for all`);
console.log(
  `- opstatus: waitForCustomization(createVsphereClient({ baseUrl, auth: { apiKey } }), vm, { minDelay: ${MIN_DELAY_MS}, maxDelay: ${MAX_DELAY_MS}, timeout }) (the default schedule shape: growth x1.5 up to maxDelay / 1.1, each delay 0-10 % above plan; Retry-After as a floor, last poll at the deadline)`,
);
console.log(
  `- fixed: fetch every ${FIXED_INTERVAL_MS} ms after each answer, ignores Retry-After, \`while (now < deadline)\` loop`,
);
console.log(
  `- aws-style: @smithy util-waiter runPolling schedule, minDelay ${MIN_DELAY_MS} ms, maxDelay ${MAX_DELAY_MS} ms (jitter below the cap only, ignores Retry-After, gives up when the next delay would pass the deadline)`,
);
console.log(
  "- detection latency: from the operation's completion on the server to the poller holding the SUCCEEDED answer; jitter is unseeded (Math.random), so latencies vary a little from run to run",
);
console.log(
  `- requests inside Retry-After: requests that reached the server less than ${RETRY_AFTER_S} s after it sent that operation a 429\n`,
);

console.log(
  "| scenario | poller | requests / op (mean) | 429s received (total) | requests inside Retry-After (total) | detection latency p50 (ms) | p95 (ms) | outcomes |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of part1Results)
  console.log(
    `| ${r.scenario} | ${r.poller} | ${fmt(r.requestsPerOp, 2)} | ${r.throttled} | ${r.early} | ${fmt(r.latencyP50)} | ${fmt(r.latencyP95)} | ${r.outcomes} |`,
  );

console.log(
  `\nScenario C in detail (deadline ${C_TIMEOUT_MS} ms, completion ${C_COMPLETION_MS} ms; times in ms after the wait started):\n`,
);
console.log(
  "| poller | last request (server arrival), p50 | last request, max | ops with a request at ≥ deadline − 100 ms | gave up, p50 | gave up, max | outcomes |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of part1Results.filter((r) => r.scenario === "C"))
  console.log(
    `| ${r.poller} | ${fmt(percentile(r.lastRequest, 50))} | ${fmt(r.lastRequest.at(-1))} | ${r.pollsNearDeadline} / ${r.n} | ${fmt(percentile(r.ended, 50))} | ${fmt(r.ended.at(-1))} | ${r.outcomes} |`,
  );

log(`part 2: ${PART2_WAITS} concurrent waits ...`);
const p2 = await part2();
const cpuTotal = p2.cpuUserMs + p2.cpuSystemMs;
const resources = (counts) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "none";
const timersBefore = p2.resourcesBefore.Timeout ?? 0;
const timersAfter = p2.resourcesAfter.Timeout ?? 0;
const totalBefore = Object.values(p2.resourcesBefore).reduce((a, b) => a + b, 0);
const totalAfter = Object.values(p2.resourcesAfter).reduce((a, b) => a + b, 0);

console.log(`\n## Part 2: ${PART2_WAITS.toLocaleString("en-US")} concurrent waitUntilDone() calls in one process\n`);
console.log("- IN-PROCESS poll, NO HTTP: isolates the waiter's own cost (timers, abort wiring, history, jitter)");
console.log(
  "- each poll answers after a microtask or a 0-5 ms timer (50/50); running until a per-wait completion time ~ uniform(1 s, 3 s), then succeeded",
);
console.log(
  `- options: { minDelay: ${PART2_OPTIONS.minDelay}, maxDelay: ${PART2_OPTIONS.maxDelay}, timeout: ${PART2_OPTIONS.timeout} }; memory sampled every 100 ms`,
);
console.log(
  "- polls per wait and latency depend on event-loop lag (a busy loop fires timers late), so they vary between runs\n",
);
console.log("| metric | value |");
console.log("| --- | ---: |");
console.log(`| waits | ${PART2_WAITS} |`);
console.log(`| wall time (ms) | ${fmt(p2.wallMs)} |`);
console.log(`| CPU time user + system (ms) | ${fmt(cpuTotal)} (${fmt(p2.cpuUserMs)} + ${fmt(p2.cpuSystemMs)}) |`);
console.log(`| CPU / wall | ${fmt((100 * cpuTotal) / p2.wallMs, 1)} % |`);
console.log(`| total polls | ${p2.polls} (${fmt(p2.polls / PART2_WAITS, 2)} / wait) |`);
console.log(`| CPU per poll (µs) | ${fmt((cpuTotal * 1000) / p2.polls, 1)} |`);
console.log(`| peak RSS (MB) | ${mb(p2.peakRss)} (before: ${mb(p2.rssBefore)}) |`);
console.log(
  `| peak heap used (MB, incl. not yet collected garbage) | ${mb(p2.peakHeap)} (before: ${mb(p2.heapBefore)}) |`,
);
console.log(`| detection latency p50 / p95 (ms) | ${fmt(p2.latencyP50)} / ${fmt(p2.latencyP95)} |`);
console.log(`| active resources before | ${totalBefore} (${resources(p2.resourcesBefore)}) |`);
console.log(`| active resources after | ${totalAfter} (${resources(p2.resourcesAfter)}) |`);
console.log(`| timers left behind | ${timersAfter - timersBefore <= 0 ? "none" : timersAfter - timersBefore} |`);

console.log(`\nTotal bench time: ${fmt((performance.now() - benchStart) / 1000, 1)} s`);
