// A worker process for the queue's tests and for bench/queue.mjs: the built @opstatus/queue with the vSphere provider,
// configured by OPSTATUS_TEST_WORKER (JSON). It prints one JSON line per event: ready, each poll (when asked),
// closed; asked "stats" over IPC, it answers with its polls' lateness (since the last time asked) and its memory
// ("memory": the same, after a full garbage collection). SIGTERM closes it as a
// deployment would: the polls in flight finish, then it exits.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createWaitWorker } from "@opstatus/queue";
import * as vsphere from "@opstatus/vmware-vsphere";

const config = JSON.parse(process.env.OPSTATUS_TEST_WORKER ?? "{}");
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
/** How late each poll began after it was due (ms), from its second poll on (a first poll is due at add). */
const lateness = [];

const worker = createWaitWorker({
  connection: config.connection,
  queueName: config.queueName,
  providers: [vsphere],
  profiles: {
    vcenter: {
      provider: "vmware-vsphere",
      baseUrl: config.vendorUrl,
      auth: { username: config.username, password: config.password },
      headers: { "x-worker": config.name },
    },
  },
  // kept on each job it runs (BullMQ's processedBy), unless told not to (a ninth field in every pending job)
  ...(config.recordName === false ? {} : { name: config.name }),
  concurrency: config.concurrency ?? 50,
  lockDuration: config.lockDuration,
  stalledInterval: config.stalledInterval,
  onPoll: (e) => {
    if (e.attempt > 1) lateness.push(e.startedAt - e.dueAt);
    if (config.reportPolls) say({ event: "poll", id: e.id, attempt: e.attempt, dueAt: e.dueAt, at: e.at });
  },
  onError: (error) => say({ event: "error", message: error.message }),
});

process.once("SIGTERM", async () => {
  const started = Date.now();
  await worker.close();
  say({ event: "closed", ms: Date.now() - started });
  process.exit(0);
});
process.on("message", (message) => {
  if (message !== "stats" && message !== "memory") return;
  if (message === "memory") {
    // after a full collection: what the worker holds, not garbage it has not collected yet
    setFlagsFromString("--expose-gc");
    runInNewContext("gc")();
  }
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ lateness: lateness.splice(0), rss, heapUsed });
});

await worker.worker.waitUntilReady();
say({ event: "ready", pid: process.pid });
