// A worker process for the queue's tests and bench: the built @opstatus/queue with the vSphere provider, configured
// by OPSTATUS_TEST_WORKER (JSON). It prints one JSON line per event: ready, each poll (when asked), closed. SIGTERM
// closes it as a deployment would: the polls in flight finish, then it exits.
import { createWaitWorker } from "@opstatus/queue";
import * as vsphere from "@opstatus/vmware-vsphere";

const config = JSON.parse(process.env.OPSTATUS_TEST_WORKER ?? "{}");
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

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
  name: config.name,
  concurrency: config.concurrency ?? 50,
  lockDuration: config.lockDuration,
  stalledInterval: config.stalledInterval,
  ...(config.reportPolls
    ? {
        onPoll: (e) =>
          say({ event: "poll", id: e.id, attempt: e.attempt, dueAt: e.dueAt, startedAt: e.startedAt, at: e.at }),
      }
    : {}),
  onError: (error) => say({ event: "error", message: error.message }),
});

process.once("SIGTERM", async () => {
  const started = Date.now();
  await worker.close();
  say({ event: "closed", ms: Date.now() - started });
  process.exit(0);
});
process.on("message", (message) => {
  if (message === "memory") say({ event: "memory", rss: process.memoryUsage().rss });
});

await worker.worker.waitUntilReady();
say({ event: "ready", pid: process.pid });
