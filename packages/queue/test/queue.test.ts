// The queue in one process against a real redis-server: a wait added by a caller is polled by a worker, one status
// call per job run, and ends as `waitUntilDone` would end it.
import { isOpstatusError, OpstatusOperationFailedError, VsphereApiError } from "@opstatus/vmware-vsphere";
import { afterEach, describe, expect, it } from "vitest";
import { Opened, uniqueQueueName, until, useRedis, vcenterWorker, waitQueue } from "./helpers.js";
import { startVendor } from "./vendor.js";

const redis = useRedis();
const opened = new Opened();
afterEach(() => opened.close());

describe("a wait on the queue", () => {
  it("is polled until the operation ends, and result() resolves with the WaitResult", async () => {
    const vendor = opened.add(await startVendor((_vm, n) => (n < 3 ? "RUNNING" : "SUCCEEDED")));
    const queueName = uniqueQueueName("basic");
    const queue = waitQueue(opened, redis.connection(), queueName);
    vcenterWorker(opened, redis.connection(), vendor, queueName);
    const { id } = await queue.add({ profile: "vcenter", target: "vm-1", minDelay: 20, maxDelay: 40 });
    const result = await queue.result(id);
    expect(result).toMatchObject({ state: "succeeded", vendorStatus: "SUCCEEDED", attempts: 3 });
    expect(vendor.polls("vm-1")).toHaveLength(3);
    expect(await queue.get(id)).toMatchObject({ id, status: "completed", attempts: 3, vendorStatus: "SUCCEEDED" });
  });

  it("a failed operation rejects result() with OpstatusOperationFailedError", async () => {
    const vendor = opened.add(await startVendor(() => "FAILED"));
    const queueName = uniqueQueueName("failed");
    const queue = waitQueue(opened, redis.connection(), queueName);
    vcenterWorker(opened, redis.connection(), vendor, queueName);
    const { id } = await queue.add({ profile: "vcenter", target: "vm-2" });
    const error = await queue.result(id).then(
      () => expect.fail("expected a rejection"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpstatusOperationFailedError);
    expect(isOpstatusError(error, "operation-failed") && error.result.reason).toBe("customization script exited 3");
    await until(async () => (await queue.get(id))?.status === "failed");
    void VsphereApiError;
  });
});
