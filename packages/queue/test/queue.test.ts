// The queue in one process against a real redis-server: a wait added by a caller is polled by a worker, one status
// call per job run, and ends as `waitUntilDone` would end it; add, get, result, cancel and the event stream; what a
// job can and cannot make a worker do; pacing per vendor origin.
import * as vsphere from "@opstatus/vmware-vsphere";
import {
  isOpstatusError,
  OpstatusAbortError,
  OpstatusApiError,
  OpstatusAuthError,
  OpstatusOperationFailedError,
  OpstatusRequestError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
  VsphereApiError,
} from "@opstatus/vmware-vsphere";
import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { createWaitQueue, createWaitWorker, DEFAULT_PREFIX, waitId, type WaitEvent } from "../src/index.js";
import {
  redisClient,
  uniqueQueueName,
  until,
  useQueueTest,
  vcenterProfile,
  vcenterWorker,
  waitQueue,
} from "./helpers.js";
import { startVendor, type Answer, type Vendor } from "@opstatus/tools/test-kit/wait-vendor";
import { Pacer } from "../src/pacing.js";

const { redis, opened } = useQueueTest();

/** A vendor on `plan`, a caller's queue and an in-process worker on a queue of their own. */
async function setUp(plan: (vm: string, n: number) => Answer, workerOptions: Parameters<typeof vcenterWorker>[4] = {}) {
  const vendor = opened.add(await startVendor(plan));
  const queueName = uniqueQueueName("q");
  const queue = waitQueue(opened, redis.connection(), queueName);
  const worker = vcenterWorker(opened, redis.connection(), vendor, queueName, workerOptions);
  return { vendor, queueName, queue, worker };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );

describe("a wait on the queue", () => {
  it("is polled until the operation ends, one status call per job run; result() resolves with the WaitResult", async () => {
    const { vendor, queue } = await setUp((_vm, n) => (n < 3 ? "RUNNING" : "SUCCEEDED"));
    const { id } = await queue.add({ profile: "vcenter", target: "vm-1", minDelay: 30, maxDelay: 30 });
    const result = await queue.result(id);
    expect(result).toMatchObject({
      state: "succeeded",
      vendorStatus: "SUCCEEDED",
      attempts: 3,
      body: { status: "SUCCEEDED" },
    });
    const polls = vendor.polls("vm-1");
    expect(polls).toHaveLength(3);
    // the wait's own schedule holds between job runs: minDelay apart
    for (let i = 1; i < polls.length; i++) expect(polls[i]!.at - polls[i - 1]!.at).toBeGreaterThanOrEqual(29);
    expect(await queue.get(id)).toMatchObject({ id, status: "completed", attempts: 3, vendorStatus: "SUCCEEDED" });
  });

  it("between polls, the job is delayed with its state: get() tells the attempts, last status and next poll", async () => {
    const { queue } = await setUp(() => "RUNNING");
    const { id } = await queue.add({ profile: "vcenter", target: "vm-2", minDelay: 60_000, timeout: 3_600_000 });
    await until(async () => (await queue.get(id))?.status === "delayed", 5000, "the delayed job");
    const info = await queue.get(id);
    expect(info).toMatchObject({ profile: "vcenter", target: "vm-2", attempts: 1, vendorStatus: "RUNNING" });
    expect(info!.nextPollAt).toBeGreaterThan(Date.now() + 50_000);
    // the pending job holds the state and nothing else: no history, no body, no credential, nothing the waiter adds
    const job = await queue.queue.getJob(id);
    expect(Object.keys(job!.data).sort()).toEqual(["addedAt", "options", "profile", "state", "target"]);
    expect(Object.keys(job!.data.state!).sort()).toEqual([
      "attempt",
      "deadline",
      "lastPollAt",
      "lastStatus",
      "nextPollAt",
      "startedAt",
    ]);
    expect(JSON.stringify(job!.data)).not.toMatch(/history|start_time|password|session/i);
    expect(job!.opts).toEqual({ jobId: id, attempts: 3 });
    expect(await queue.get("w-000000000000000000000000")).toBeUndefined();
  });

  it("a failed operation rejects result() with OpstatusOperationFailedError, its result and reason", async () => {
    const { queue } = await setUp(() => "FAILED");
    const { id } = await queue.add({ profile: "vcenter", target: "vm-3" });
    const error = await rejection(queue.result(id));
    expect(error).toBeInstanceOf(OpstatusOperationFailedError);
    expect(isOpstatusError(error, "operation-failed") && error.result).toMatchObject({
      state: "failed",
      vendorStatus: "FAILED",
      reason: "customization script exited 3",
      attempts: 1,
    });
    expect(await queue.get(id)).toMatchObject({ status: "failed", error: { code: "operation-failed" } });
  });

  it("a vendor status the mapping does not know fails (OpstatusUnknownStatusError), or is waited on with unknownStatus: wait", async () => {
    const { queue } = await setUp((vm, n) =>
      vm === "vm-4b" && n > 1 ? "SUCCEEDED" : { body: { status: "MIGRATING" } },
    );
    const failing = await queue.add({ profile: "vcenter", target: "vm-4a" });
    const error = await rejection(queue.result(failing.id));
    expect(error).toBeInstanceOf(OpstatusUnknownStatusError);
    expect((error as OpstatusUnknownStatusError).vendorStatus).toBe("MIGRATING");
    const waiting = await queue.add({ profile: "vcenter", target: "vm-4b", unknownStatus: "wait", minDelay: 20 });
    expect(await queue.result(waiting.id)).toMatchObject({ state: "succeeded", attempts: 2 });
  });

  it("the deadline counts from add(): a wait added 400 ms before any worker, timeout 300 ms, polls once and times out", async () => {
    const vendor = opened.add(await startVendor(() => "RUNNING"));
    const queueName = uniqueQueueName("deadline");
    const queue = waitQueue(opened, redis.connection(), queueName);
    const { id } = await queue.add({ profile: "vcenter", target: "vm-5", timeout: 300, minDelay: 50, maxDelay: 50 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    vcenterWorker(opened, redis.connection(), vendor, queueName);
    const error = await rejection(queue.result(id));
    expect(error).toBeInstanceOf(OpstatusTimeoutError);
    expect(error).toMatchObject({ attempts: 1, lastStatus: "RUNNING" });
    expect((error as OpstatusTimeoutError).elapsedMs).toBeGreaterThanOrEqual(400);
    expect(vendor.polls("vm-5")).toHaveLength(1);
  });

  it("a refused log-in fails the wait with OpstatusAuthError, and no status call is made", async () => {
    const vendor = opened.add(await startVendor(() => "SUCCEEDED"));
    const queueName = uniqueQueueName("auth");
    const queue = waitQueue(opened, redis.connection(), queueName);
    const wrong = {
      ...vcenterProfile(vendor),
      auth: { username: "administrator@vsphere.local", password: "not-it-9f8e" },
    };
    opened.add(
      createWaitWorker({ connection: redis.connection(), queueName, providers: [vsphere], profiles: { wrong } }),
    );
    const { id } = await queue.add({ profile: "wrong", target: "vm-6" });
    const error = await rejection(queue.result(id));
    expect(error).toBeInstanceOf(OpstatusAuthError);
    expect((error as Error).message).not.toContain("not-it-9f8e");
    expect(vendor.polls("vm-6")).toHaveLength(0);
  });

  it("an API error comes back as the provider's class, or without the provider as OpstatusApiError with its name", async () => {
    const { queue, queueName } = await setUp(() => ({
      status: 404,
      body: { error_type: "NOT_FOUND", messages: [{ id: "vm.not.found", default_message: "no VM vm-7" }] },
    }));
    const { id } = await queue.add({ profile: "vcenter", target: "vm-7" });
    const error = await rejection(queue.result(id));
    expect(error).toBeInstanceOf(VsphereApiError);
    expect(error).toMatchObject({ status: 404, provider: "vmware-vsphere", operation: "getVmGuestCustomization" });
    expect((error as VsphereApiError).body).toMatchObject({ error_type: "NOT_FOUND" });
    const bare = opened.add(createWaitQueue({ connection: redis.connection(), queueName }));
    const again = await rejection(bare.result(id));
    expect(again).toBeInstanceOf(OpstatusApiError);
    expect(again).not.toBeInstanceOf(VsphereApiError);
    expect(again).toMatchObject({ name: "VsphereApiError", status: 404, message: (error as Error).message });
  });
});

describe("add()", () => {
  it("gives the same id for the same wait and starts nothing new; another target or profile is another wait", async () => {
    const { vendor, queue } = await setUp((_vm, n) => (n < 2 ? "RUNNING" : "SUCCEEDED"));
    const first = await queue.add({ profile: "vcenter", target: "vm-8", minDelay: 100, maxDelay: 100 });
    const second = await queue.add({ profile: "vcenter", target: "vm-8", minDelay: 100, maxDelay: 100 });
    expect(second.id).toBe(first.id);
    expect(first.id).toBe(waitId("vcenter", "vm-8"));
    expect(first.id).toMatch(/^w-[0-9a-f]{24}$/);
    expect(waitId("vcenter", "vm-9")).not.toBe(first.id);
    expect(waitId("vcenter-2", "vm-8")).not.toBe(first.id);
    expect(waitId("p", { b: "2", a: "1" })).toBe(waitId("p", { a: "1", b: "2" }));
    expect(await queue.result(first.id)).toMatchObject({ attempts: 2 });
    // once ended (and kept), adding it again starts nothing either
    expect((await queue.add({ profile: "vcenter", target: "vm-8" })).id).toBe(first.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(vendor.polls("vm-8")).toHaveLength(2);
    expect(await queue.queue.getJobCounts()).toMatchObject({ completed: 1, delayed: 0, waiting: 0, active: 0 });
  });

  it("refuses bad options, function options and bad targets with OpstatusRequestError, and queues nothing", async () => {
    const { queue } = await setUp(() => "SUCCEEDED");
    const bad: unknown[] = [
      { profile: "vcenter", target: "vm-x", timeout: Number.NaN },
      { profile: "vcenter", target: "vm-x", minDelay: 0 },
      { profile: "vcenter", target: "vm-x", minDelay: 500, maxDelay: 100 },
      { profile: "vcenter", target: "vm-x", unknownStatus: "ignore" },
      { profile: "vcenter", target: "vm-x", delay: () => 5 },
      { profile: "vcenter", target: "vm-x", baseUrl: "http://127.0.0.2" },
      { profile: "", target: "vm-x" },
      { profile: "vcenter", target: "" },
      { profile: "vcenter", target: { resourceId: 5 } },
    ];
    for (const wait of bad)
      expect(await rejection(queue.add(wait as never)), JSON.stringify(wait)).toBeInstanceOf(OpstatusRequestError);
    const error = await rejection(queue.add({ profile: "vcenter", target: "vm-x", onPoll: () => {} } as never));
    expect((error as Error).message).toMatch(/not onPoll .*worker's options/);
    expect(await queue.queue.count()).toBe(0);
  });
});

describe("a job and the worker's credentials", () => {
  it("a job naming a profile the worker lacks fails at once with a clear error, and nothing is sent (pacing on too)", async () => {
    const { vendor, queue } = await setUp(() => "SUCCEEDED", { pacing: { max: 1, duration: 60_000 } });
    const started = Date.now();
    const { id } = await queue.add({ profile: "vcenter-staging", target: "vm-10" });
    const error = await rejection(queue.result(id));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(OpstatusRequestError);
    expect((error as Error).message).toBe(
      '@opstatus/queue poll: the wait names the profile "vcenter-staging", which this worker does not have (it has vcenter); nothing was sent',
    );
    expect(vendor.requests).toHaveLength(0);
  });

  it("cannot point the worker's credential at another host: a job carries no URL, and its target goes into the path only", async () => {
    const { vendor, queueName } = await setUp(() => "SUCCEEDED");
    const elsewhere = opened.add(await startVendor(() => "SUCCEEDED"));
    // jobs written straight into Redis, as anyone with Redis access could
    const raw = opened.add(new Queue(queueName, { connection: redis.connection(), prefix: DEFAULT_PREFIX }));
    const crafted = [
      {
        profile: "vcenter",
        target: "vm-11",
        options: { baseUrl: elsewhere.url },
        baseUrl: elsewhere.url,
        addedAt: Date.now(),
      },
      { profile: "vcenter", target: `vm-12/../../x?y=${elsewhere.url}`, options: {}, addedAt: Date.now() },
      { profile: "vcenter", target: "..", options: {}, addedAt: Date.now() },
      { profile: "vcenter", target: { serverVariables: elsewhere.url }, options: {}, addedAt: Date.now() },
    ];
    const jobs = await Promise.all(
      crafted.map((data, i) => raw.add("vcenter", data as never, { jobId: `crafted-${i}` })),
    );
    const queue = waitQueue(opened, redis.connection(), queueName);
    const outcomes = await Promise.allSettled(jobs.map((job) => queue.result(job.id!)));
    expect(outcomes[0]).toMatchObject({ status: "fulfilled", value: { state: "succeeded" } });
    // a path id that would climb out of its segment is refused before anything is sent
    expect(outcomes[2]).toMatchObject({ status: "rejected", reason: { code: "request" } });
    expect(elsewhere.requests).toHaveLength(0);
    for (const request of vendor.requests.filter((r) => r.method === "GET"))
      expect(request.path).toMatch(/^\/api\/vcenter\/vm\/[^/]+\/guest\/customization$/);
    // a target with slashes stays one path segment, percent-encoded
    expect(vendor.polls(`vm-12/../../x?y=${elsewhere.url}`)).toHaveLength(1);
    expect(vendor.requests.some((r) => r.path.startsWith("/api/vcenter/vm/vm-12%2F..%2F..%2Fx%3Fy%3D"))).toBe(true);
    expect(outcomes[1]).toMatchObject({ status: "fulfilled" });
    expect(outcomes[3]).toMatchObject({ status: "rejected", reason: { code: "request" } });
  });

  it("keeps one client per profile: 30 waits on one vCenter log in once", async () => {
    const { vendor, queue } = await setUp((_vm, n) => (n < 2 ? "RUNNING" : "SUCCEEDED"));
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) => queue.add({ profile: "vcenter", target: `vm-s${i}`, minDelay: 20 })),
    );
    await Promise.all(ids.map(({ id }) => queue.result(id)));
    expect(vendor.logins()).toBe(1);
    expect(new Set(vendor.requests.filter((r) => r.target).map((r) => r.session)).size).toBe(1);
  });

  it("makes the profiles' clients at start: a profile of a provider the worker lacks, or with bad options, throws", () => {
    const base = { connection: redis.connection(), queueName: uniqueQueueName("profiles"), providers: [vsphere] };
    expect(() =>
      createWaitWorker({ ...base, profiles: { oig: { provider: "oracle-identity-governance", auth: {} } as never } }),
    ).toThrow(
      /the profile oig names the provider oracle-identity-governance, which is not among the worker's providers \(vmware-vsphere\)/,
    );
    const refused = () =>
      createWaitWorker({
        ...base,
        profiles: { vcenter: { provider: "vmware-vsphere", baseUrl: "http://127.0.0.1:1", auth: {} as never } },
      });
    expect(refused).toThrow(OpstatusRequestError);
    // the client's own message, and which profile holds the options
    expect(refused).toThrow(
      /^@opstatus\/queue createWaitWorker: the profile vcenter: vmware-vsphere createClient: auth lacks a good username, password/,
    );
    expect(() => createWaitWorker({ ...base, providers: [{ name: "x" } as never], profiles: {} })).toThrow(
      /opstatusProvider/,
    );
  });
});

describe("cancel()", () => {
  it("ends a delayed wait: nothing more is sent, result() rejects with OpstatusAbortError, get() tells what it was", async () => {
    const { vendor, queue } = await setUp(() => "RUNNING");
    const { id } = await queue.add({ profile: "vcenter", target: "vm-13", minDelay: 500, maxDelay: 500 });
    await until(async () => (await queue.get(id))?.status === "delayed", 5000, "the delayed job");
    const pending = queue.result(id);
    expect(await queue.cancel(id)).toBe(true);
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(OpstatusAbortError);
    expect(error).toMatchObject({
      name: "AbortError",
      code: "aborted",
      provider: "@opstatus/queue",
      operation: "cancel",
    });
    expect((error as Error).message).toBe("@opstatus/queue cancel: the wait was aborted (canceled)");
    expect(await queue.get(id)).toMatchObject({ status: "canceled", attempts: 1, error: { code: "aborted" } });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(vendor.polls("vm-13")).toHaveLength(1);
    expect(await queue.cancel(id)).toBe(false);
    // the same wait added again is a new wait
    expect((await queue.add({ profile: "vcenter", target: "vm-13", minDelay: 500 })).id).toBe(id);
    await until(() => vendor.polls("vm-13").length === 2, 5000, "the new wait's first poll");
    expect(await queue.get(id)).toMatchObject({ status: "delayed", attempts: 1 });
  });

  it("lets a poll in flight finish, then ends the wait; an ended wait is not canceled", async () => {
    const { vendor, queue } = await setUp((vm) =>
      vm === "vm-14" ? { delayMs: 300, body: { status: "RUNNING" } } : "SUCCEEDED",
    );
    const { id } = await queue.add({ profile: "vcenter", target: "vm-14", minDelay: 50 });
    await until(() => vendor.polls("vm-14").length === 1, 5000, "the poll in flight");
    expect(await queue.cancel(id)).toBe(true);
    expect(vendor.polls("vm-14")[0]!.answeredAt).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(vendor.polls("vm-14")).toHaveLength(1);
    const done = await queue.add({ profile: "vcenter", target: "vm-15" });
    await queue.result(done.id);
    expect(await queue.cancel(done.id)).toBe(false);
    expect(await queue.result(done.id)).toMatchObject({ state: "succeeded" });
  });
});

describe("BullMQ's own cancel of a job run", () => {
  it("worker.cancelJob stops the poll in flight but not the wait: it goes back to delayed, the poll not counted", async () => {
    const { vendor, queue, worker } = await setUp((_vm, n) => (n === 1 ? { delayMs: 2000 } : "SUCCEEDED"));
    const { id } = await queue.add({ profile: "vcenter", target: "vm-22", minDelay: 200, maxDelay: 200 });
    await until(() => vendor.polls("vm-22").length === 1, 5000, "the poll in flight");
    const canceledAt = Date.now();
    expect(worker.worker.cancelJob(id)).toBe(true);
    expect(await queue.result(id)).toMatchObject({ state: "succeeded", attempts: 1 });
    const polls = vendor.polls("vm-22");
    expect(polls).toHaveLength(2);
    // the next poll kept minDelay after the one cut short
    expect(polls[1]!.at - canceledAt).toBeGreaterThanOrEqual(190);
  });
});

describe("subscribe()", () => {
  it("streams every poll and the end of each wait", async () => {
    const { queue } = await setUp((vm, n) =>
      vm === "vm-16" && n < 3 ? "RUNNING" : vm === "vm-17" ? "FAILED" : "SUCCEEDED",
    );
    const events: WaitEvent[] = [];
    const stop = await queue.subscribe((event) => events.push(event));
    const ok = await queue.add({ profile: "vcenter", target: "vm-16", minDelay: 20, maxDelay: 20 });
    const bad = await queue.add({ profile: "vcenter", target: "vm-17" });
    await queue.result(ok.id);
    await rejection(queue.result(bad.id));
    await until(() => events.filter((e) => e.type === "end").length === 2, 5000, "two ends");
    const polls = events.filter((e) => e.type === "poll" && e.id === ok.id);
    expect(polls.map((e) => e.type === "poll" && [e.attempt, e.vendorStatus, e.state])).toEqual([
      [1, "RUNNING", "running"],
      [2, "RUNNING", "running"],
    ]);
    for (const e of polls) expect(e.type === "poll" && e.nextPollAt).toBeGreaterThan(0);
    const ends = events.filter((e) => e.type === "end");
    expect(ends).toHaveLength(2);
    expect(ends).toEqual(
      expect.arrayContaining([
        { type: "end", id: ok.id, outcome: "succeeded", attempts: 3, vendorStatus: "SUCCEEDED" },
        {
          type: "end",
          id: bad.id,
          outcome: "failed",
          message: expect.stringMatching(/ended failed \(status FAILED\)/),
        },
      ]),
    );
    stop();
    const later = await queue.add({ profile: "vcenter", target: "vm-18" });
    await queue.result(later.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.some((e) => e.id === later.id)).toBe(false);
  });
});

describe("pacing per vendor origin", () => {
  /** The most polls `vendor` got in any `duration` ms. */
  const busiest = (vendor: Vendor, duration: number) => {
    const times = vendor.requests.filter((r) => r.target).map((r) => r.at);
    let most = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while (times[j]! - times[i]! >= duration) i++;
      most = Math.max(most, j - i + 1);
    }
    return most;
  };

  it("gives up a slot the poll woke a whole spacing after (it asks for a new one), on paced origins only", () => {
    const pacer = new Pacer({ max: 5, duration: 200, origins: { "https://free.test": false } }, (origin) => origin);
    expect(pacer.missed("https://paced.test", 1000, 1039)).toBe(false);
    expect(pacer.missed("https://paced.test", 1000, 1040)).toBe(true);
    expect(pacer.missed("https://free.test", 1000, 9000)).toBe(false);
  });

  it("keeps polls to one origin under the rate across two workers, and leaves other origins alone", async () => {
    const paced = opened.add(await startVendor((_vm, n) => (n < 2 ? "RUNNING" : "SUCCEEDED")));
    const free = opened.add(await startVendor((_vm, n) => (n < 2 ? "RUNNING" : "SUCCEEDED")));
    const queueName = uniqueQueueName("pacing");
    const queue = waitQueue(opened, redis.connection(), queueName);
    const pacing = { max: 5, duration: 200, origins: { [free.url]: false as const } };
    for (const name of ["A", "B"])
      opened.add(
        createWaitWorker({
          connection: redis.connection(),
          queueName,
          providers: [vsphere],
          profiles: { paced: vcenterProfile(paced, name), free: vcenterProfile(free, name) },
          pacing,
        }),
      );
    const started = Date.now();
    const waits = [
      ...Array.from({ length: 15 }, (_, i) => queue.add({ profile: "paced", target: `vm-p${i}`, minDelay: 20 })),
      ...Array.from({ length: 15 }, (_, i) => queue.add({ profile: "free", target: `vm-f${i}`, minDelay: 20 })),
    ];
    const ids = (await Promise.all(waits)).map((w) => w.id);
    const freeDone = Promise.all(ids.slice(15).map((id) => queue.result(id))).then(() => Date.now() - started);
    await Promise.all(ids.map((id) => queue.result(id)));
    const pacedMs = Date.now() - started;
    // 30 polls at 5 per 200 ms: slots one every 40 ms, about 1.2 s in all. A poll is never sent before its slot, and
    // never a whole spacing after it (it asks for a new one then): one or two more in a window at most. The other
    // origin's 30 polls are not held back.
    expect(pacedMs).toBeGreaterThanOrEqual(29 * 40 - 15);
    expect(busiest(paced, 200)).toBeLessThanOrEqual(5 + 2);
    expect(await freeDone).toBeLessThan(pacedMs / 2);
    expect(busiest(free, 200)).toBeGreaterThan(10);
    expect(new Set(paced.requests.filter((r) => r.target).map((r) => r.worker))).toEqual(new Set(["A", "B"]));
    // a paced poll is not a poll: each wait counted its two
    const results = await Promise.all(ids.slice(0, 15).map((id) => queue.result(id)));
    expect(results.map((r) => r.attempts)).toEqual(results.map(() => 2));
  });

  it("still honours Retry-After and the wait's own schedule", async () => {
    const { vendor, queue } = await setUp(
      (_vm, n) =>
        n === 1
          ? { status: 503, body: { error_type: "SERVICE_UNAVAILABLE" }, headers: { "retry-after": "1" } }
          : "SUCCEEDED",
      { pacing: { max: 100, duration: 100 } },
    );
    const { id } = await queue.add({ profile: "vcenter", target: "vm-19", minDelay: 20, maxDelay: 50 });
    expect(await queue.result(id)).toMatchObject({ state: "succeeded", attempts: 2 });
    const [first, second] = vendor.polls("vm-19");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });
});

describe("keys", () => {
  it("every key of the queue, ours included, carries the {opstatus} hash tag: one queue, one Cluster slot", async () => {
    const { queue, queueName } = await setUp((_vm, n) => (n < 2 ? "RUNNING" : "SUCCEEDED"), {
      pacing: { max: 100, duration: 1000 },
    });
    const a = await queue.add({ profile: "vcenter", target: "vm-20", minDelay: 20 });
    const b = await queue.add({ profile: "vcenter", target: "vm-21", minDelay: 5000 });
    await queue.result(a.id);
    await until(async () => (await queue.get(b.id))?.status === "delayed", 5000, "a delayed wait");
    await queue.cancel(b.id);
    const keys = await redisClient(opened, redis.connection()).keys(`*${queueName}*`);
    expect(keys.some((key) => key.includes("opstatus-pace"))).toBe(true);
    expect(keys.some((key) => key.includes("opstatus-canceled"))).toBe(true);
    for (const key of keys) expect(key.startsWith(`{opstatus}:${queueName}:`), key).toBe(true);
  });
});
