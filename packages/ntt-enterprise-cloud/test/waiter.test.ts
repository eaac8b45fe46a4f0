import { scriptedServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { describeWaiter } from "@opstatus/tools/test-kit/waiter-suite";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEnterpriseCloudClient,
  EnterpriseCloudApiError,
  NOT_LISTED,
  operationStates,
  waitForOperation,
} from "../src/index.js";

const id = "75aab8db-8632-42b4-af2f-06b5820798ef";
const resource = "a80c1728-cc0c-11e6-8080-525400060300";
const list = (status: string, extra: Record<string, string> = {}) => ({
  operations: [
    {
      id,
      resource_id: resource,
      resource_type: "ECL::VirtualNetworkAppliance::VSRX",
      request_type: "Create",
      status,
      ...extra,
    },
  ],
});
const client = (baseUrl: string) =>
  createEnterpriseCloudClient({ baseUrl, auth: { token: "69105c889f824efdafb56af224208ad4" } });

describeWaiter({
  provider: "ntt-enterprise-cloud",
  ErrorClass: EnterpriseCloudApiError,
  wait: (baseUrl, options) => waitForOperation(client(baseUrl), { operationId: id }, options),
  running: { status: 200, body: list("PROCESSING") },
  succeeded: { status: 200, body: list("Complete") },
  failed: { status: 200, body: list("ERROR", { error: "interface_1 network not found" }) },
  failureText: "interface_1 network not found",
  unknown: { status: 200, body: list("QUEUED") },
  succeededStatus: "Complete",
});

describe("waitForOperation", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());
  const fast = { minDelay: 5, maxDelay: 20, timeout: 5000 };

  it("accepts the status in any letter case", () => {
    expect(operationStates).toEqual({ PROCESSING: "running", COMPLETE: "succeeded", ERROR: "failed", STUCK: "failed" });
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
