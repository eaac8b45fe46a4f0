// 2000 waits over 2 worker processes against the loopback vendor: every wait ends right, and no poll is made twice
// unless a worker dies, and then at most the polls it had in flight. A poll made twice is a request the vendor got
// that the wait did not count: per wait, the vendor's requests minus the result's `attempts`.
import type { WaitResult } from "@opstatus/core";
import { describe, expect, it } from "vitest";
import type { WaitQueue } from "../src/index.js";
import { type Opened, spawnWorker, uniqueQueueName, useQueueTest, waitQueue } from "./helpers.js";
import { startVendor, type Vendor } from "@opstatus/tools/test-kit/wait-vendor";

const WAITS = Number(process.env.WAITS ?? 2000);
const { redis, opened } = useQueueTest();

/** A vendor whose operation `vm-<i>` runs 30 to 70 ms from its first poll (time, not polls: duplicates do not shorten it). */
async function timedVendor(opened: Opened): Promise<Vendor> {
  const firstSeen = new Map<string, number>();
  return opened.add(
    await startVendor((vm, _n, request) => {
      if (!firstSeen.has(vm)) firstSeen.set(vm, request.at);
      const runs = 30 + (Number.parseInt(vm.slice(3), 10) % 5) * 10;
      return request.at - firstSeen.get(vm)! >= runs ? "SUCCEEDED" : "RUNNING";
    }),
  );
}

async function addAll(queue: WaitQueue, count: number, runLabel: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, k) =>
      queue.add({
        profile: "vcenter",
        target: `vm-${start + k}-${runLabel}`,
        minDelay: 5,
        maxDelay: 20,
        timeout: 120_000,
      }),
    );
    ids.push(...(await Promise.all(batch)).map((w) => w.id));
  }
  return ids;
}

/** Per wait, the vendor's requests minus the polls the wait counted; and the results. */
function duplicates(vendor: Vendor, results: WaitResult<unknown>[], targets: string[]): number {
  let extra = 0;
  results.forEach((result, i) => {
    const made = vendor.polls(targets[i]!).length;
    expect(made, targets[i]).toBeGreaterThanOrEqual(result.attempts);
    extra += made - result.attempts;
  });
  return extra;
}

describe(`${WAITS} waits over 2 worker processes`, () => {
  it("all end right, and no poll is made twice", async () => {
    const vendor = await timedVendor(opened);
    const queueName = uniqueQueueName("load");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    await Promise.all(
      ["A", "B"].map((name) => spawnWorker(opened, { name, connection, queueName, vendorUrl: vendor.url })),
    );

    const started = Date.now();
    const ids = await addAll(queue, WAITS, "a");
    const results = await Promise.all(ids.map((id) => queue.result(id)));
    const seconds = (Date.now() - started) / 1000;
    const polls = vendor.requests.filter((r) => r.target).length;
    console.log(
      `${WAITS} waits, 2 workers: ${polls} polls in ${seconds.toFixed(1)} s (${Math.round(polls / seconds)}/s)`,
    );

    expect(results.every((r) => r.state === "succeeded" && r.vendorStatus === "SUCCEEDED")).toBe(true);
    expect(results.every((r) => r.attempts >= 2)).toBe(true);
    const targets = Array.from({ length: WAITS }, (_, i) => `vm-${i}-a`);
    expect(duplicates(vendor, results, targets)).toBe(0);
    // both workers polled, and each logged in once
    const byWorker = new Set(vendor.requests.filter((r) => r.target).map((r) => r.worker));
    expect([...byWorker].sort()).toEqual(["A", "B"]);
    expect(vendor.logins()).toBe(2);
  }, 120_000);

  it("with one worker killed mid-run, all still end right and the polls made twice are at most those it had in flight", async () => {
    const vendor = await timedVendor(opened);
    const queueName = uniqueQueueName("load-kill");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    const [a] = await Promise.all(
      ["A", "B"].map((name) => spawnWorker(opened, { name, connection, queueName, vendorUrl: vendor.url })),
    );

    const ids = await addAll(queue, WAITS, "k");
    const results = Promise.all(ids.map((id) => queue.result(id)));
    const polls = () => vendor.requests.filter((r) => r.target).length;
    while (polls() < WAITS * 1.5) await new Promise((resolve) => setTimeout(resolve, 10));
    a!.child.kill("SIGKILL");
    await a!.exited;
    // what A had in flight: its jobs still active (their locks not yet expired)
    const inFlight = (await queue.queue.getActive()).filter((job) => job.processedBy === "A").length;

    const waits = await results;
    expect(waits.every((r) => r.state === "succeeded")).toBe(true);
    const targets = Array.from({ length: WAITS }, (_, i) => `vm-${i}-k`);
    const extra = duplicates(vendor, waits, targets);
    console.log(`killed A with ${inFlight} polls in flight: ${extra} polls made twice, of ${polls()}`);
    expect(inFlight).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(inFlight);
  }, 120_000);
});
