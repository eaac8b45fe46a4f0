#!/usr/bin/env node
// `pnpm --filter @opstatus/bench bench:schedules`: the default schedule of the wait engine against today's (the old
// default, kept as a named baseline), the anchors' defaults and the known-distribution optimum, on operations of
// unknown duration. Run on demand only (vitest picks up test/**/*.test.ts alone). Exits 1 when one of the goals
// (a), (b), (c) of issue 18 fails:
//   (a) on every workload the new default beats today's on mean polls, mean detection latency and p99 latency;
//   (b) no anchor dominates it on polls and mean latency beyond noise: an anchor dominates when it needs at least 2 %
//       fewer polls AND has at least 2 % lower mean latency;
//   (c) its polls are within 25 % of the known-distribution optimum at equal mean latency.
//
// Model (the one of the schedule research, polling-schedules.md and its frontier.mjs, which this file ports): a job
// ends D after the wait starts; polls take no time and never fail; polls = number of polls up to and including the
// first one at or after D; detection latency = time of that poll - D.
//  - The new default and today's default run through the REAL engine (`waitUntilDone` of the built @opstatus/core)
//    on a virtual-time clock (virtual-clock.mjs): 2000 waits at a time on one clock, the poll answering `running`
//    until D has passed on that clock, then `succeeded`. The new default is `waitUntilDone(spec, { clock, random,
//    timeout })`, nothing else set; today's is the same call with the old schedule as a `delay` function and
//    maxDelay 30000 (see TODAY below).
//  - The anchors are simulated here (their schedules ported from frontier.mjs), with zero request time, no deadline.
//  - Common random numbers: every schedule sees the same D draws, and wait j of a workload gets the same seeded
//    jitter stream (mulberry32) under every schedule, so differences between rows are paired and their noise small.
//  - The optimum: for a known distribution of D, the schedule minimising E[polls] + lambda E[latency] (Barlow-Hunter-
//    Proschan by dynamic programming on a log grid, and Keller's sqrt-hazard rule), over a grid of lambda; its polls
//    at the new default's mean latency are read off the lower envelope by linear interpolation (a random mix of two
//    schedules achieves any point between them). Computed exactly for the distribution (as frontier.mjs does) and,
//    as a check paired with the engine's run (sampling noise cancels), on the same D draws.
//
// Ported parts name their source: frontier.mjs and polling-schedules.md of the schedule research
// (/work/shared/research/, outside this repository; nothing is read from there at run time).
//
// Usage: cd bench && node schedules.mjs [--n 20000] [--seed 1]   (about 1.5 min of one core at the defaults)

import os from "node:os";
import { performance } from "node:perf_hooks";
import { waitUntilDone } from "@opstatus/core";
import { mulberry32, seedOf, VirtualClock } from "./virtual-clock.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
/** Draws (jobs) per workload; every schedule sees the same ones. */
const N = option("n", 20_000);
const SEED = option("seed", 1);
/** Long enough that no job of W2 (up to 2 h) meets the deadline, under either engine schedule (cap 22 s or 30 s). */
const ENGINE_TIMEOUT_MS = 4 * 3600_000;
/** (b): an anchor dominates when it is at least this much lower in both polls and mean latency. */
const DOMINANCE = 0.02;
/** (c): the largest excess of polls over the optimum at the same mean latency. */
const MAX_EXCESS = 0.25;
/** Noise: a difference counts when it stands this many standard errors beyond its threshold. */
const Z = 3;

const log = (message) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------------------------------
// Workloads (seconds). Ported from the research's frontier.mjs (logUniform, mixture, W1-W3).
// ---------------------------------------------------------------------------------------------------------------------

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

function logUniform(name, a, b) {
  const L = Math.log(b / a);
  return {
    name,
    lo: a,
    hi: b,
    cdf: (t) => (t <= a ? 0 : t >= b ? 1 : Math.log(t / a) / L),
    sample: (rng) => a * Math.exp(rng() * L),
    // the integral of D f(D) over (x, y]
    pmean: (x, y) => {
      const u = clamp(x, a, b);
      const v = clamp(y, a, b);
      return v > u ? (v - u) / L : 0;
    },
  };
}

function mixture(name, parts) {
  return {
    name,
    lo: Math.min(...parts.map((p) => p.w.lo)),
    hi: Math.max(...parts.map((p) => p.w.hi)),
    cdf: (t) => parts.reduce((s, p) => s + p.weight * p.w.cdf(t), 0),
    sample: (rng) => {
      let u = rng();
      for (const p of parts) {
        if (u < p.weight) return p.w.sample(rng);
        u -= p.weight;
      }
      return parts[parts.length - 1].w.sample(rng);
    },
    pmean: (x, y) => parts.reduce((s, p) => s + p.weight * p.w.pmean(x, y), 0),
  };
}

const W1 = logUniform("W1", 0.5, 6);
const W2 = logUniform("W2", 10, 7200);
const W3 = mixture("W3", [
  { weight: 0.5, w: W1 },
  { weight: 0.5, w: W2 },
]);
W1.title = "W1: log-uniform 0.5 s - 6 s";
W2.title = "W2: log-uniform 10 s - 2 h";
W3.title = "W3: 50 % W1 + 50 % W2";
const WORKLOADS = [W1, W2, W3];

// ---------------------------------------------------------------------------------------------------------------------
// The engine rows: the real waitUntilDone on a virtual clock.
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Today's default (before issue 18), as a custom `delay` through the same engine: after poll n, uniform in
 * [minDelay, min(maxDelay, minDelay * 2^(n-1))], minDelay 1 s, maxDelay 30 s (the old backoffDelay).
 */
const TODAY = (random) => ({
  minDelay: 1000,
  maxDelay: 30_000,
  delay: (attempt) => 1000 + random() * (Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 30)) - 1000),
});

const RUNNING = { state: "running", vendorStatus: "RUNNING", body: null, httpStatus: 200, retryAfter: null };
const SUCCEEDED = { state: "succeeded", vendorStatus: "SUCCEEDED", body: null, httpStatus: 200, retryAfter: null };

const cost = { polls: 0, cpuMs: 0 };

/** Waits run at once on one clock; the jobs of a workload go through in batches of this many (less heap, same result). */
const BATCH = 2000;

/** Runs every job of a workload through waitUntilDone, BATCH at a time; returns polls and latencies (s) per job. */
async function runEngine(durations, jitterSeed, extraOptions) {
  const n = durations.length;
  const polls = new Int32Array(n);
  const latency = new Float64Array(n);
  const started = process.cpuUsage();
  for (let from = 0; from < n; from += BATCH) {
    const clock = new VirtualClock();
    const waits = [];
    for (let j = from; j < Math.min(n, from + BATCH); j++) {
      const dueMs = durations[j] * 1000;
      const random = mulberry32(seedOf(jitterSeed, j));
      const spec = {
        provider: "bench",
        operation: "schedule",
        target: `job-${j}`,
        poll: () => {
          polls[j]++;
          const now = clock.now();
          if (now < dueMs) return Promise.resolve(RUNNING);
          latency[j] = (now - dueMs) / 1000;
          return Promise.resolve(SUCCEEDED);
        },
      };
      const options = { clock, random, timeout: ENGINE_TIMEOUT_MS, ...extraOptions?.(random) };
      waits.push(
        waitUntilDone(spec, options).then((result) => {
          if (result.attempts !== polls[j]) throw new Error(`job ${j}: ${result.attempts} attempts, ${polls[j]} polls`);
        }),
      );
    }
    const settled = Promise.allSettled(waits);
    await clock.run();
    const failures = (await settled).filter((s) => s.status === "rejected");
    if (failures.length) throw new Error(`${failures.length} waits did not succeed: ${failures[0].reason?.message}`);
  }
  const cpu = process.cpuUsage(started);
  cost.cpuMs += (cpu.user + cpu.system) / 1000;
  cost.polls += polls.reduce((s, x) => s + x, 0);
  return { polls, latency };
}

// ---------------------------------------------------------------------------------------------------------------------
// The anchors, simulated (seconds). Ported from the research's frontier.mjs (fromDelays, smithyDelay,
// googlePyDelay, gaxDelay, gcloudDelay; sources and line numbers in polling-schedules.md, section A1). Every one polls
// at t = 0, but gcloud, which sleeps 1 s first.
// ---------------------------------------------------------------------------------------------------------------------

/** smithy util-waiter (AWS SDK v3): before attempt n: n > ceiling -> max exactly; else uniform[min, min(max, min*2^(n-1))]. */
const smithyDelay = (min, max) => (n, rng) => {
  const ceiling = Math.log(max / min) / Math.log(2) + 1;
  if (n > ceiling) return max;
  return min + rng() * (Math.min(max, min * 2 ** (n - 1)) - min);
};
/** google-api-core (Python) polling: sleep uniform(0, d), d = initial, then min(d*mult, max). */
const googlePyDelay = (initial, max, mult) => (n, rng) => rng() * Math.min(max, initial * mult ** (n - 1));
/** gax-nodejs LRO: sleep d, d = initial then min(d*mult, max); no jitter. */
const gaxDelay = (initial, max, mult) => (n) => Math.min(max, initial * mult ** (n - 1));
/** gcloud api_lib/util/waiter WaitFor + core/util/retry: sleep 2 s * 1.4^k + U[0, 1 s], capped at 180 s. */
const gcloudDelay = (n, rng) => Math.min(180, 2 * 1.4 ** (n - 1) + rng() * 1);

const ANCHORS = [
  { name: "AWS SDK v3 smithy default (2 s / 120 s)", first: 0, delay: smithyDelay(2, 120), required: true },
  { name: "Azure core-lro (fixed 2 s)", first: 0, delay: () => 2, required: true },
  { name: "botocore / aws CLI wait, EC2 (fixed 15 s)", first: 0, delay: () => 15, required: true },
  {
    name: "google-api-core (1 s x1.5 to 20 s, full jitter)",
    first: 0,
    delay: googlePyDelay(1, 20, 1.5),
    required: true,
  },
  { name: "gcloud WaitFor (1 s, then 2 s x1.4 + U[0,1] s to 180 s)", first: 1, delay: gcloudDelay, required: true },
  { name: "AWS SDK v3 EC2 InstanceRunning (15 s / 120 s)", first: 0, delay: smithyDelay(15, 120) },
  { name: "az ... wait (fixed 30 s)", first: 0, delay: () => 30 },
  { name: "gax-nodejs LRO (0.1 s x1.3 to 60 s)", first: 0, delay: gaxDelay(0.1, 60, 1.3) },
];

function simulate(anchor, durations, jitterSeed) {
  const n = durations.length;
  const polls = new Int32Array(n);
  const latency = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const rng = mulberry32(seedOf(jitterSeed, j));
    let t = anchor.first;
    let k = 1;
    while (t < durations[j]) t += anchor.delay(k++, rng);
    polls[j] = k;
    latency[j] = t - durations[j];
  }
  return { polls, latency };
}

// ---------------------------------------------------------------------------------------------------------------------
// The known-distribution optimum. Ported from the research's frontier.mjs (evalTimes without quantiles,
// optimalTimes, kellerTimes, optimalPollsAt); the lambda grid is finer here (1/8 decade instead of 1/4).
// ---------------------------------------------------------------------------------------------------------------------

/** Exact E[polls] and E[latency] of a fixed list of poll times on workload W. */
function evalTimes(times, W) {
  let EN = 0;
  let EL = 0;
  let prev = 0;
  let Fprev = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    const Ft = W.cdf(t);
    const p = Ft - Fprev;
    if (p > 0) {
      EN += (i + 1) * p;
      EL += t * p - W.pmean(prev, t);
    }
    prev = t;
    Fprev = Ft;
  }
  return { EN, EL };
}

/** The same list of poll times on the sampled durations (the bench's own draws). */
function evalTimesOn(times, durations) {
  let polls = 0;
  let latency = 0;
  for (const D of durations) {
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] >= D) hi = mid;
      else lo = mid + 1;
    }
    polls += lo + 1;
    latency += times[lo] - D;
  }
  return { EN: polls / durations.length, EL: latency / durations.length };
}

/**
 * Optimal schedule for a known distribution: minimises E[N] + lambda * E[L] by dynamic programming over a
 * log-spaced grid of G candidate poll times in [W.lo, W.hi] (after the poll at 0): Barlow, Hunter and Proschan's
 * optimum checking procedure in discrete form.
 */
function optimalTimes(W, lambda, G = 2000) {
  const grid = [];
  for (let i = 0; i < G; i++) grid.push(W.lo * (W.hi / W.lo) ** ((i + 1) / G));
  const F = grid.map((t) => W.cdf(t));
  const C = new Float64Array(G + 1); // C[j+1]: cost to go after a poll at grid[j]; C[0]: after the poll at 0
  const nxt = new Int32Array(G + 1);
  C[G] = 0;
  for (let j = G - 2; j >= -1; j--) {
    const x = j < 0 ? 0 : grid[j];
    const Fx = j < 0 ? 0 : F[j];
    const Sx = 1 - Fx;
    let best = Infinity;
    let arg = G - 1;
    for (let k = j + 1; k < G; k++) {
      const c = Sx + lambda * (grid[k] * (F[k] - Fx) - W.pmean(x, grid[k])) + C[k + 1];
      if (c < best) {
        best = c;
        arg = k;
      }
    }
    C[j + 1] = best;
    nxt[j + 1] = arg;
  }
  const times = [0];
  for (let j = -1; j < G - 1; ) {
    j = nxt[j + 1];
    times.push(grid[j]);
  }
  return times;
}

/**
 * Keller's continuous approximation (Management Science 21(3), 1974): checks at density sqrt(lambda h(t) / 2),
 * h = f / (1 - F) the hazard rate of D; the k-th poll where the integral of the density reaches k; a last poll at W.hi.
 */
function kellerTimes(W, lambda, G = 20000) {
  const times = [0];
  let acc = 0;
  let k = 1;
  let prevT = W.lo;
  for (let i = 1; i <= G; i++) {
    const t = W.lo * (W.hi / W.lo) ** (i / G);
    const F0 = W.cdf(prevT);
    const F1 = W.cdf(t);
    const surv = 1 - (F0 + F1) / 2;
    const h = surv > 1e-12 ? (F1 - F0) / (t - prevT) / surv : 0;
    acc += Math.sqrt((lambda * h) / 2) * (t - prevT);
    while (acc >= k && k < 1e6) {
      times.push(t);
      k++;
    }
    prevT = t;
  }
  if (times[times.length - 1] < W.hi) times.push(W.hi);
  return times;
}

/** The optimum curve's E[N] at a given E[L] (lower-left Pareto set, linear interpolation); undefined outside it. */
function optimalPollsAt(curve, EL) {
  const pts = curve
    .filter((r) => !curve.some((o) => o !== r && o.EN <= r.EN && o.EL <= r.EL && (o.EN < r.EN || o.EL < r.EL)))
    .sort((a, b) => a.EL - b.EL);
  if (EL < pts[0].EL || EL > pts[pts.length - 1].EL) return undefined;
  for (let i = 1; i < pts.length; i++)
    if (EL <= pts[i].EL) {
      const f = (EL - pts[i - 1].EL) / (pts[i].EL - pts[i - 1].EL);
      return pts[i - 1].EN + f * (pts[i].EN - pts[i - 1].EN);
    }
  return undefined;
}

/** DP and Keller schedules over lambda = 10^-1.5 .. 10^2 per second, evaluated exactly and on the draws. */
function optimumCurves(W, durations) {
  const exact = [];
  const sampled = [];
  for (let e = -1.5; e <= 2.001; e += 0.125) {
    for (const times of [optimalTimes(W, 10 ** e), kellerTimes(W, 10 ** e)]) {
      const x = evalTimes(times, W);
      if (x.EN >= 400) continue;
      exact.push(x);
      sampled.push(evalTimesOn(times, durations));
    }
  }
  return { exact, sampled };
}

// ---------------------------------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------------------------------

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Mean of a - b over paired draws, and its standard error. */
function paired(a, b) {
  const n = a.length;
  let s = 0;
  let s2 = 0;
  for (let j = 0; j < n; j++) {
    const d = a[j] - b[j];
    s += d;
    s2 += d * d;
  }
  const m = s / n;
  return { diff: m, se: Math.sqrt(Math.max(0, s2 / n - m * m) / (n - 1)) };
}

/** Nearest-rank p99 and a distribution-free interval around it (order statistics, +-Z binomial sd). */
function p99Of(latency) {
  const sorted = Float64Array.from(latency).sort();
  const n = sorted.length;
  const rank = (k) => sorted[clamp(Math.ceil(k) - 1, 0, n - 1)];
  const half = Z * Math.sqrt(n * 0.99 * 0.01);
  return { p99: rank(0.99 * n), lo: rank(0.99 * n - half), hi: rank(0.99 * n + half) };
}

function summarise(run) {
  const { polls, latency } = run;
  return { ...run, EN: mean(polls), EL: mean(latency), ...p99Of(latency) };
}

const fmtT = (s) =>
  s === undefined || Number.isNaN(s)
    ? "–"
    : s < 1
      ? `${(s * 1000).toFixed(0)} ms`
      : s < 100
        ? `${s.toFixed(2)} s`
        : `${s.toFixed(0)} s`;
const fmtN = (n) => (n < 100 ? n.toFixed(2) : n.toFixed(1));
const pct = (x, digits = 1) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(digits)} %`;

// ---------------------------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------------------------

const NEW = "new default (1 s x1.5, cap 20-22 s, band +0-10 %) [engine]";
const OLD = "today's default (U[1 s, min(30 s, 2^(n-1) s)]) [engine, baseline]";

const wall = performance.now();
const results = {};
for (const [w, W] of WORKLOADS.entries()) {
  const rngD = mulberry32(seedOf(SEED, 1000 + w));
  const durations = Float64Array.from({ length: N }, () => W.sample(rngD));
  const jitterSeed = seedOf(SEED, 2000 + w);
  const rows = new Map();
  log(`${W.name}: ${N} jobs, new default (engine) ...`);
  rows.set(NEW, summarise(await runEngine(durations, jitterSeed)));
  log(`${W.name}: today's default (engine) ...`);
  rows.set(OLD, summarise(await runEngine(durations, jitterSeed, TODAY)));
  for (const a of ANCHORS) rows.set(a.name, summarise(simulate(a, durations, jitterSeed)));
  log(`${W.name}: known-distribution optimum ...`);
  results[W.name] = { W, durations, rows, optimum: optimumCurves(W, durations) };
}
const wallS = (performance.now() - wall) / 1000;

// ---------------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------------

const cpus = os.cpus();
console.log("# opstatus default schedule vs today's default and the anchors (issue 18, point 5)\n");
console.log(`- machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${os.platform()} ${os.arch()}`);
console.log(`- node: ${process.version}; date: ${new Date().toISOString()}`);
console.log(
  `- ${N.toLocaleString("en-US")} jobs per workload (seed ${SEED}), the same durations and per-job jitter streams for every row; zero request time`,
);
console.log(
  `- [engine] rows: waitUntilDone of @opstatus/core on a virtual clock, timeout ${ENGINE_TIMEOUT_MS / 3600_000} h (no job times out); the other rows are the anchors' schedules simulated on the same draws`,
);
console.log(
  "- polls = mean number of polls up to and including the first at or after the job's end; latency = that poll's time - the end\n",
);

const header = WORKLOADS.map((W) => `${W.name} polls | ${W.name} mean latency | ${W.name} p99 latency`).join(" | ");
console.log(`| schedule | ${header} |`);
console.log(`| --- | ${WORKLOADS.map(() => "---: | ---: | ---:").join(" | ")} |`);
for (const name of [OLD, NEW, ...ANCHORS.map((a) => a.name)]) {
  const cells = WORKLOADS.map((W) => {
    const r = results[W.name].rows.get(name);
    return `${fmtN(r.EN)} | ${fmtT(r.EL)} | ${fmtT(r.p99)}`;
  });
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
console.log(`\nWorkloads: ${WORKLOADS.map((W) => W.title).join("; ")}.`);

const goals = { a: true, b: true, c: true };
const verdict = (goal, pass) => {
  if (!pass) goals[goal] = false;
  return pass ? "holds" : "FAILS";
};

// (a)
console.log(
  `\n## (a) the new default beats today's on polls, mean latency and p99 latency (by more than ${Z} standard errors of the paired difference; p99: ${Z}-sigma order-statistic intervals apart)\n`,
);
console.log(
  "| workload | polls: new - today (± SE) | mean latency: new - today (± SE) | p99: new [interval] vs today [interval] | (a) |",
);
console.log("| --- | --- | --- | --- | --- |");
for (const W of WORKLOADS) {
  const { rows } = results[W.name];
  const a = rows.get(NEW);
  const b = rows.get(OLD);
  const dp = paired(a.polls, b.polls);
  const dl = paired(a.latency, b.latency);
  const pass = dp.diff + Z * dp.se < 0 && dl.diff + Z * dl.se < 0 && a.hi < b.lo;
  console.log(
    `| ${W.name} | ${dp.diff.toFixed(3)} ± ${dp.se.toFixed(3)} (${pct(dp.diff / b.EN)}) | ${fmtT(Math.abs(dl.diff))} ${dl.diff < 0 ? "less" : "more"} ± ${fmtT(dl.se)} (${pct(dl.diff / b.EL)}) | ${fmtT(a.p99)} [${fmtT(a.lo)}, ${fmtT(a.hi)}] vs ${fmtT(b.p99)} [${fmtT(b.lo)}, ${fmtT(b.hi)}] (${pct(a.p99 / b.p99 - 1)}) | ${verdict("a", pass)} |`,
  );
}

// (b)
console.log(
  `\n## (b) no anchor dominates the new default (dominates = at least ${100 * DOMINANCE} % fewer polls AND at least ${100 * DOMINANCE} % lower mean latency; "clear" = at least one of the two is above -${100 * DOMINANCE} % by more than ${Z} standard errors)\n`,
);
console.log("| workload | anchor | polls vs new (± SE) | mean latency vs new (± SE) | dominates? |");
console.log("| --- | --- | ---: | ---: | --- |");
for (const W of WORKLOADS) {
  const { rows } = results[W.name];
  const a = rows.get(NEW);
  for (const anchor of ANCHORS) {
    const r = rows.get(anchor.name);
    const dp = paired(r.polls, a.polls);
    const dl = paired(r.latency, a.latency);
    const rp = dp.diff / a.EN;
    const rl = dl.diff / a.EL;
    const sp = dp.se / a.EN;
    const sl = dl.se / a.EL;
    const clear = rp - Z * sp > -DOMINANCE || rl - Z * sl > -DOMINANCE;
    const margin = Math.max((rp + DOMINANCE) / sp, (rl + DOMINANCE) / sl);
    console.log(
      `| ${W.name} | ${anchor.name}${anchor.required ? "" : " (extra)"} | ${pct(rp)} ± ${(100 * sp).toFixed(1)} | ${pct(rl)} ± ${(100 * sl).toFixed(1)} | ${clear ? `no (${margin.toFixed(0)} SE clear)` : rp <= -DOMINANCE && rl <= -DOMINANCE ? "YES" : "within noise"} |`,
    );
    verdict("b", clear);
  }
}
console.log(`\n(b) ${goals.b ? "holds" : "FAILS"}`);

// (c)
console.log(
  `\n## (c) polls within ${100 * MAX_EXCESS} % of the known-distribution optimum at the new default's mean latency (lower envelope of the DP optimum and Keller's rule; exact for the distribution, and on the same draws)\n`,
);
console.log(
  "| workload | new default: polls / mean latency | optimum's polls (exact) | excess | optimum's polls (on the draws) | excess | (c) |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | --- |");
for (const W of WORKLOADS) {
  const { rows, optimum } = results[W.name];
  const a = rows.get(NEW);
  const oe = optimalPollsAt(optimum.exact, a.EL);
  const os_ = optimalPollsAt(optimum.sampled, a.EL);
  const ee = oe === undefined ? Infinity : a.EN / oe - 1;
  const es = os_ === undefined ? Infinity : a.EN / os_ - 1;
  console.log(
    `| ${W.name} | ${fmtN(a.EN)} / ${fmtT(a.EL)} | ${oe === undefined ? "–" : fmtN(oe)} | ${pct(ee)} | ${os_ === undefined ? "–" : fmtN(os_)} | ${pct(es)} | ${verdict("c", ee <= MAX_EXCESS && es <= MAX_EXCESS)} |`,
  );
}
for (const name of [OLD, ...ANCHORS.map((x) => x.name)]) {
  // for context: the same excess for the other rows (not a goal)
  const cells = WORKLOADS.map((W) => {
    const { rows, optimum } = results[W.name];
    const r = rows.get(name);
    const o = optimalPollsAt(optimum.exact, r.EL);
    return o === undefined ? "–" : pct(r.EN / o - 1, 0);
  });
  if (name === OLD) console.log("\nExcess over the optimum (exact) of the other rows, for context (W1 / W2 / W3):\n");
  console.log(`- ${name}: ${cells.join(" / ")}`);
}

console.log(
  `\nRun: ${wallS.toFixed(1)} s wall; engine: ${cost.polls.toLocaleString("en-US")} polls in ${(cost.cpuMs / 1000).toFixed(1)} s of CPU (${((1000 * cost.cpuMs) / cost.polls).toFixed(1)} µs per poll).`,
);
const ok = goals.a && goals.b && goals.c;
console.log(
  `\nGoals: (a) ${goals.a ? "holds" : "FAILS"}, (b) ${goals.b ? "holds" : "FAILS"}, (c) ${goals.c ? "holds" : "FAILS"}`,
);
process.exitCode = ok ? 0 : 1;
