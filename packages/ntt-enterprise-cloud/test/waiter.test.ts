// Enterprise Cloud's own cases (letter case, by resource, STUCK, not listed yet); the shared waiter suite runs in
// provider.test.ts.
import { scriptedServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { afterEach, describe, expect, it } from "vitest";
import { createEnterpriseCloudClient, NOT_LISTED, operationStates, waitForOperation } from "../src/index.js";
import { operationId as id, operationList as list, resourceId as resource } from "./operation-list.js";

const client = (baseUrl: string) =>
  createEnterpriseCloudClient({ baseUrl, auth: { token: "69105c889f824efdafb56af224208ad4" } });

describe("waitForOperation", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());
  const fast = { minDelay: 5, maxDelay: 20, timeout: 5000 };

  it("accepts the status in any letter case", () => {
    expect(operationStates).toEqual({ PROCESSING: "running", COMPLETE: "succeeded", ERROR: "failed", STUCK: "failed" });
  });

  it("reads a status outside the known values (Migrating) as unknown: fails fast, or waits when asked", async () => {
    server = await scriptedServer([{ status: 200, body: list("Migrating") }]);
    const error: any = await waitForOperation(client(server.url), { operationId: id }, fast).catch((e) => e);
    expect(error.name).toBe("OpstatusUnknownStatusError");
    expect(error.message).toContain('"Migrating"');
    const patient: any = await waitForOperation(
      client(server.url),
      { operationId: id },
      { ...fast, timeout: 200, unknownStatus: "wait" },
    ).catch((e) => e);
    expect(patient.name).toBe("OpstatusTimeoutError");
    expect(patient.lastStatus).toBe("Migrating");
  });

  it("waits by resource id with latest=true", async () => {
    server = await scriptedServer([
      { status: 200, body: list("processing") },
      { status: 200, body: list("COMPLETE") },
    ]);
    const result = await waitForOperation(client(server.url), { resourceId: resource }, fast);
    expect(result.state).toBe("succeeded");
    expect(server.requests[0]!.url).toBe(`/v1.0/operations?resource_id=${resource}&latest=true`);
  });

  it("ends STUCK as failed with its own reason", async () => {
    server = await scriptedServer([
      { status: 200, body: list("PROCESSING") },
      { status: 200, body: list("Stuck") },
    ]);
    const error: any = await waitForOperation(client(server.url), { operationId: id }, fast).catch((e) => e);
    expect(error.name).toBe("OpstatusOperationFailedError");
    expect(error.result.reason).toBe(`operation ${id} is STUCK`);
  });

  it("keeps waiting while the operation is not listed yet", async () => {
    server = await scriptedServer([
      { status: 200, body: { operations: [] } },
      { status: 200, body: list("COMPLETE") },
    ]);
    const events: string[] = [];
    const result = await waitForOperation(
      client(server.url),
      { operationId: id },
      { ...fast, onProgress: (e) => events.push(e.vendorStatus) },
    );
    expect(events).toEqual([NOT_LISTED, "COMPLETE"]);
    expect(result.body.operations?.[0]?.id).toBe(id);
  });
});
