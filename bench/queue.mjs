#!/usr/bin/env node
// `pnpm --filter @opstatus/bench bench:queue`: durable waits on Redis (issue 19, point 7), 10,000 waits over 2 worker
// processes of the built @opstatus/queue (the queue tests' worker process, test/processes/worker.mjs), with the
// production settings (lockDuration 10 s, stalledInterval 5 s, concurrency 50), against a loopback vCenter and
// Debian's redis-server (AOF on). Run on demand only; needs `pnpm build` and redis-server. Prints:
//
// 1. burst: 10,000 waits added at once, each ending at its 3rd poll, minDelay 5 ms: polls per second, flat out.
// 2. steady: 10,000 waits added over 21 s and polled every 20-22 s (the default cap; about 470 polls/s, evenly,
//    below the burst rate) for 50 s each: the lateness of polls against their `nextPollAt` (p50, p99; each wait's
//    2nd poll on, from 5 s after the last wait was added to the end), Redis memory per pending wait (`used_memory` with every wait pending and delayed, minus
//    before; the events stream's share included), and worker RSS and heap (after a full GC) with 1,000 and with
//    10,000 waits pending (flat: a worker holds only its polls in flight).
// 3. recovery: the worker whose poll of one wait hangs, killed with SIGKILL: the time until the other polls it.
//
// Usage: cd bench && node queue.mjs [--waits 10000]   (about 2.5 minutes)
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { createWaitQueue } from "@opstatus/queue";
import { spawnJsonLines } from "@opstatus/tools/test-kit/processes";
import { startRedis } from "@opstatus/tools/test-kit/redis";
import { repoRoot } from "@opstatus/tools/workspace";

const argv = process.argv.slice(2);
const WAITS = argv.includes("--waits") ? Number(argv[argv.indexOf("--waits") + 1]) : 10_000;
const LOCK_MS = 10_000;
const STALL_MS = 5_000;
const USER = "bench@vsphere.local";
const PASSWORD = "bench-password-7h3k";
const SESSION = "bench-session-9q2w";
const execFileAsync = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// the vendor: a vCenter whose operation ends at its 3rd poll (burst-...) or 50 s after its first poll (steady-...);
// `vm-hang` never answers the first worker that polls it
const polls = { count: 0, firstSeen: new Map(), perTarget: new Map(), hangWorker: "", recoveredAt: 0 };
const vendor = createServer((req, res) => {
  const send = (status, body) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (req.url === "/api/session") return send(req.method === "POST" ? 201 : 204, SESSION);
  const vm = /^\/api\/vcenter\/vm\/([^/]+)\/guest\/customization$/.exec(req.url ?? "")?.[1];
  if (!vm || req.headers["vmware-api-session-id"] !== SESSION) return send(404, { error_type: "NOT_FOUND" });
  polls.count++;
  const n = (polls.perTarget.get(vm) ?? 0) + 1;
  polls.perTarget.set(vm, n);
  if (vm === "vm-hang") {
    // the first worker to poll it gets no answer (and is killed); the other one's poll ends the wait
    polls.hangWorker ||= String(req.headers["x-worker"]);
    if (req.headers["x-worker"] === polls.hangWorker) return;
    polls.recoveredAt ||= Date.now();
    return send(200, { status: "SUCCEEDED" });
  }
  if (!polls.firstSeen.has(vm)) polls.firstSeen.set(vm, Date.now());
  const done = vm.startsWith("burst-") ? n >= 3 : Date.now() - polls.firstSeen.get(vm) >= 50_000;
  send(200, { status: done ? "SUCCEEDED" : "RUNNING", start_time: "2026-12-01T10:00:00Z" });
});
await new Promise((resolve) => vendor.listen(0, "127.0.0.1", resolve));
const vendorUrl = `http://127.0.0.1:${vendor.address().port}`;

const redis = await startRedis();
const connection = { host: redis.host, port: redis.port };
const usedMemory = async () =>
  Number(
    /used_memory:(\d+)/.exec(
      (await execFileAsync("redis-cli", ["-p", String(redis.port), "info", "memory"])).stdout,
    )[1],
  );
const script = join(repoRoot, "packages/queue/test/processes/worker.mjs");
const startWorker = async (name, queueName) => {
  const worker = spawnJsonLines(script, {
    OPSTATUS_TEST_WORKER: JSON.stringify({
      name,
      connection,
      queueName,
      vendorUrl,
      username: USER,
      password: PASSWORD,
      lockDuration: LOCK_MS,
      stalledInterval: STALL_MS,
      recordName: false,
    }),
  });
  await worker.next((e) => e.event === "ready");
  return worker;
};
/** What a worker tells: its polls' lateness since last asked, and its memory (after a full GC when `gc`). */
const stats = (worker, gc = false) =>
  new Promise((resolve) => {
    worker.child.once("message", resolve);
    worker.child.send(gc ? "memory" : "stats");
  });
/** Adds waits `from` to `to` in batches of 250, at once or spread evenly over `spreadMs`. */
const addWaits = async (queue, prefix, from, to, options, spreadMs = 0) => {
  const started = Date.now();
  for (let start = from; start < to; start += 250) {
    await Promise.all(
      Array.from({ length: Math.min(250, to - start) }, (_, k) =>
        queue.add({ profile: "vcenter", target: `${prefix}${start + k}`, ...options }),
      ),
    );
    const due = started + ((start + 250 - from) / (to - from)) * spreadMs;
    if (due > Date.now()) await sleep(due - Date.now());
  }
};
const report = {};

try {
  // 1. burst
  {
    const queue = createWaitQueue({ connection, queueName: "burst" });
    const workers = await Promise.all(["A", "B"].map((name) => startWorker(name, "burst")));
    const started = Date.now();
    await addWaits(queue, "burst-", 0, WAITS, { minDelay: 5, maxDelay: 5, timeout: 600_000 });
    while ((await queue.queue.getCompletedCount()) < WAITS) await sleep(20);
    const seconds = (Date.now() - started) / 1000;
    report.burst = { waits: WAITS, polls: polls.count, seconds, pollsPerSecond: Math.round(polls.count / seconds) };
    console.log(
      `burst: ${polls.count} polls of ${WAITS} waits in ${seconds.toFixed(1)} s: ${report.burst.pollsPerSecond} polls/s`,
    );
    await Promise.all(workers.map((w) => w.close()));
    await queue.queue.obliterate({ force: true });
    await queue.close();
  }

  // 2. steady
  const queue = createWaitQueue({ connection, queueName: "steady" });
  const workers = await Promise.all(["A", "B"].map((name) => startWorker(name, "steady")));
  await Promise.all(workers.map(stats)); // drop the burst's samples
  const pending = async (count) => {
    while ((await queue.queue.getDelayedCount()) < count) await sleep(100);
  };
  const memory = async () =>
    (await Promise.all(workers.map((worker) => stats(worker, true)))).map((s) => ({
      rss: Math.round(s.rss / 1048576),
      heap: Math.round(s.heapUsed / 1048576),
    }));
  const steady = { minDelay: 20_000, maxDelay: 22_000, timeout: 3_600_000 };
  const before = await usedMemory();
  const small = Math.min(1000, WAITS);
  // added over one polling cycle (21 s), so that the polls come evenly rather than in waves
  await addWaits(queue, "steady-", 0, small, steady, (21_000 * small) / WAITS);
  await pending(small);
  const memorySmall = await memory();
  await addWaits(queue, "steady-", small, WAITS, steady, (21_000 * (WAITS - small)) / WAITS);
  await pending(WAITS);
  const perWait = ((await usedMemory()) - before) / WAITS;
  const memoryLarge = await memory();
  report.memory = {
    redisBytesPerPendingWait: Math.round(perWait),
    workerMiB: { [small]: memorySmall, [WAITS]: memoryLarge },
  };
  console.log(`Redis: ${(perWait / 1024).toFixed(2)} KB per pending wait (${WAITS} delayed)`);
  const show = (m) => m.map(({ rss, heap }) => `RSS ${rss} MiB, heap ${heap} MiB`).join("; ");
  console.log(
    `workers (A; B) after a GC: ${show(memorySmall)} with ${small} waits pending; ${show(memoryLarge)} with ${WAITS}`,
  );
  // the steady window: from 5 s after the last wait was added and the memory measured, to the last end
  await sleep(5000);
  await Promise.all(workers.map((worker) => stats(worker)));
  const countAtStart = polls.count;
  const steadyStart = Date.now();
  while ((await queue.queue.getCompletedCount()) < WAITS) await sleep(200);
  const steadySeconds = (Date.now() - steadyStart) / 1000;
  const lateness = (await Promise.all(workers.map(stats))).flatMap((s) => s.lateness).sort((a, b) => a - b);
  report.steady = {
    polls: polls.count - countAtStart,
    pollsPerSecond: Math.round((polls.count - countAtStart) / steadySeconds),
    latenessMs: {
      samples: lateness.length,
      p50: percentile(lateness, 50),
      p99: percentile(lateness, 99),
      max: lateness.at(-1),
    },
  };
  console.log(
    `steady: ${report.steady.polls} polls at ${report.steady.pollsPerSecond}/s; lateness against nextPollAt: p50 ${report.steady.latenessMs.p50} ms, p99 ${report.steady.latenessMs.p99} ms, max ${report.steady.latenessMs.max} ms (${lateness.length} polls)`,
  );

  // 3. recovery
  const { id } = await queue.add({ profile: "vcenter", target: "vm-hang", timeout: 600_000 });
  while (!polls.hangWorker) await sleep(5);
  const [hung, other] = polls.hangWorker === "A" ? workers : [...workers].reverse();
  hung.child.kill("SIGKILL");
  const killedAt = Date.now();
  await hung.exited;
  const result = await queue.result(id);
  const recovery = polls.recoveredAt - killedAt;
  report.recovery = { ms: recovery, boundMs: LOCK_MS + 2 * STALL_MS, attempts: result.attempts };
  console.log(
    `SIGKILL mid-poll: polled again by B ${recovery} ms later (bound ${LOCK_MS + 2 * STALL_MS} ms); attempts ${result.attempts}`,
  );
  await other.close();
  await queue.close();
  console.log(JSON.stringify(report));
} finally {
  await redis.stop();
  vendor.close();
}
