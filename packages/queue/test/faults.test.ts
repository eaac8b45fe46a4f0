// Faults, with worker processes and a real redis-server: a worker killed with SIGKILL mid-poll, a worker stopped with
// SIGTERM mid-poll, a graceful restart of Redis (append-only file on), and a wait's end read by another process.
import { describe, expect, it } from "vitest";
import {
  resultInAnotherProcess,
  spawnWorker,
  TEST_LOCK_MS,
  TEST_STALL_MS,
  uniqueQueueName,
  until,
  useQueueTest,
  vcenterWorker,
  waitQueue,
} from "./helpers.js";
import { startVendor } from "@opstatus/tools/test-kit/wait-vendor";

const { redis, opened } = useQueueTest();

describe("a worker killed with SIGKILL mid-poll", () => {
  it("has its wait polled again by another worker process within lockDuration + 2 × stalledInterval, attempts counted right", async () => {
    // polls 1 and 2 answer RUNNING; poll 3 (worker A's) hangs until A dies; the next one answers SUCCEEDED
    const vendor = opened.add(
      await startVendor((_vm, n, request) => (n < 3 ? "RUNNING" : request.worker === "A" ? "hang" : "SUCCEEDED")),
    );
    const queueName = uniqueQueueName("kill");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    const a = await spawnWorker(opened, { name: "A", connection, queueName, vendorUrl: vendor.url });
    const { id } = await queue.add({ profile: "vcenter", target: "vm-kill", minDelay: 50, maxDelay: 50 });
    await until(() => vendor.polls("vm-kill").length === 3, 10_000, "poll 3 in flight on A");
    const b = await spawnWorker(opened, { name: "B", connection, queueName, vendorUrl: vendor.url });

    const killedAt = Date.now();
    a.child.kill("SIGKILL");
    await a.exited;
    await until(() => vendor.polls("vm-kill").length === 4, TEST_LOCK_MS + 2 * TEST_STALL_MS + 5000, "B's poll");
    const recovery = vendor.polls("vm-kill")[3]!.at - killedAt;
    console.log(
      `SIGKILL mid-poll: polled again by B after ${recovery} ms (bound ${TEST_LOCK_MS + 2 * TEST_STALL_MS} ms)`,
    );
    expect(vendor.polls("vm-kill")[3]!.worker).toBe("B");
    // a little room for the processes' scheduling on a loaded machine
    expect(recovery).toBeLessThanOrEqual(TEST_LOCK_MS + 2 * TEST_STALL_MS + 500);

    const result = await queue.result(id);
    // A's third poll never came back: it is not counted, B's is the third
    expect(result).toMatchObject({ state: "succeeded", attempts: 3 });
    expect(vendor.polls("vm-kill").map((r) => r.worker)).toEqual(["A", "A", "A", "B"]);
    await b.close();
  }, 30_000);
});

describe("a worker stopped with SIGTERM mid-poll", () => {
  it("finishes the poll in flight, leaves the job delayed with its next state saved, and exits", async () => {
    const vendor = opened.add(
      await startVendor((_vm, n) => (n === 1 ? { delayMs: 1200, body: { status: "RUNNING" } } : "SUCCEEDED")),
    );
    const queueName = uniqueQueueName("sigterm");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    const a = await spawnWorker(opened, { name: "A", connection, queueName, vendorUrl: vendor.url });
    const { id } = await queue.add({ profile: "vcenter", target: "vm-term", minDelay: 300, maxDelay: 300 });
    await until(() => vendor.polls("vm-term").length === 1, 10_000, "the first poll in flight");

    a.child.kill("SIGTERM");
    const closed = await a.next((e) => e.event === "closed");
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(vendor.polls("vm-term")[0]!.answeredAt).toBeDefined();
    // close() waited for the poll (about 1.2 s), not for a lock to expire
    expect(closed.ms).toBeGreaterThan(500);
    expect(closed.ms).toBeLessThan(TEST_LOCK_MS + 1000);

    const info = await queue.get(id);
    expect(info).toMatchObject({ status: "delayed", attempts: 1, vendorStatus: "RUNNING" });
    const job = await queue.queue.getJob(id);
    expect(job!.data.state).toMatchObject({ attempt: 1, lastStatus: "RUNNING" });

    const b = await spawnWorker(opened, { name: "B", connection, queueName, vendorUrl: vendor.url });
    expect(await queue.result(id)).toMatchObject({ state: "succeeded", attempts: 2 });
    expect(vendor.polls("vm-term")).toHaveLength(2);
    await b.close();
  }, 30_000);
});

describe("a graceful restart of Redis (SIGTERM, append-only file)", () => {
  it("loses no wait: the workers and the caller reconnect and every wait ends", async () => {
    const firstSeen = new Map<string, number>();
    // each wait's operation runs 1.5 s from its first poll
    const vendor = opened.add(
      await startVendor((vm, _n, request) => {
        if (!firstSeen.has(vm)) firstSeen.set(vm, request.at);
        return request.at - firstSeen.get(vm)! >= 1500 ? "SUCCEEDED" : "RUNNING";
      }),
    );
    const queueName = uniqueQueueName("restart");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    for (const name of ["A", "B"]) vcenterWorker(opened, connection, vendor, queueName, { name });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push((await queue.add({ profile: "vcenter", target: `vm-r${i}`, minDelay: 100, maxDelay: 200 })).id);
    const results = Promise.all(ids.map((id) => queue.result(id)));
    await until(() => firstSeen.size === 40, 10_000, "every wait polled once");

    const before = vendor.requests.length;
    await redis.server().restart();
    const waits = await results;
    expect(waits.map((r) => r.state)).toEqual(ids.map(() => "succeeded"));
    // polls went on after the restart, and every wait's attempts are its polls (but for polls cut by the restart)
    expect(vendor.requests.length).toBeGreaterThan(before);
    const polls = vendor.requests.filter((r) => r.target).length;
    const attempts = waits.reduce((sum, r) => sum + r.attempts, 0);
    console.log(`Redis restart: ${attempts} polls counted, ${polls} made`);
    expect(polls - attempts).toBeGreaterThanOrEqual(0);
    expect(polls - attempts).toBeLessThanOrEqual(40);
  }, 30_000);
});

describe("result() in another process", () => {
  it("gives the WaitResult of a wait that ended, and the same error classes, with or without the provider", async () => {
    const vendor = opened.add(
      await startVendor((vm) =>
        vm === "vm-ok"
          ? "SUCCEEDED"
          : vm === "vm-failed"
            ? "FAILED"
            : { status: 404, body: { error_type: "NOT_FOUND", messages: [{ default_message: "no VM vm-gone" }] } },
      ),
    );
    const queueName = uniqueQueueName("other");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    vcenterWorker(opened, connection, vendor, queueName);
    const [ok, failed, gone] = await Promise.all(
      ["vm-ok", "vm-failed", "vm-gone"].map((target) => queue.add({ profile: "vcenter", target })),
    );
    await Promise.allSettled([ok, failed, gone].map((w) => queue.result(w!.id)));

    const ask = (id: string, providers: boolean) => resultInAnotherProcess({ connection, queueName, id, providers });
    expect((await ask(ok!.id, false)).result).toMatchObject({
      state: "succeeded",
      vendorStatus: "SUCCEEDED",
      attempts: 1,
      body: { status: "SUCCEEDED" },
    });
    expect((await ask(failed!.id, false)).error).toMatchObject({
      class: "OpstatusOperationFailedError",
      code: "operation-failed",
      provider: "vmware-vsphere",
      operation: "getVmGuestCustomization",
      vendorStatus: "FAILED",
      reason: "customization script exited 3",
      isOperationFailed: true,
    });
    const withProvider = (await ask(gone!.id, true)).error;
    expect(withProvider).toMatchObject({ class: "VsphereApiError", name: "VsphereApiError", code: "api", status: 404 });
    expect(withProvider.isVsphereApiError).toBe(true);
    expect(withProvider.message).toMatch(/^vmware-vsphere getVmGuestCustomization: .*404/);
    const withoutProvider = (await ask(gone!.id, false)).error;
    expect(withoutProvider).toMatchObject({
      class: "OpstatusApiError",
      name: "VsphereApiError",
      code: "api",
      status: 404,
    });
    expect(withoutProvider.message).toBe(withProvider.message);
    expect(withoutProvider.isOpstatusError).toBe(true);
  }, 30_000);

  it("waits for a wait that ends later, in the first process's worker", async () => {
    let release = false;
    const vendor = opened.add(await startVendor(() => (release ? "SUCCEEDED" : "RUNNING")));
    const queueName = uniqueQueueName("later");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    vcenterWorker(opened, connection, vendor, queueName);
    const { id } = await queue.add({ profile: "vcenter", target: "vm-later", minDelay: 100, maxDelay: 100 });
    const asked = resultInAnotherProcess({ connection, queueName, id, providers: true });
    await until(() => vendor.polls("vm-later").length >= 3, 10_000, "a few polls");
    release = true;
    const { result } = await asked;
    expect(result).toMatchObject({ state: "succeeded" });
    expect(result.attempts).toBe(vendor.polls("vm-later").length);
  }, 30_000);
});
