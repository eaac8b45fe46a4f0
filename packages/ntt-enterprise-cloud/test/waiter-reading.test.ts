// How the hand-written waiter reads List Operation (src/waiter.ts), one step at a time against an in-process lister:
// the query for each kind of target, the operation it picks from the list, and the reason of an ERROR or STUCK.
import { describe, expect, it } from "vitest";
import { NOT_LISTED, waitForOperationDefinition as waiter } from "../src/waiter.js";

type Listed = { id?: string; resource_id?: string; status?: string; error?: string };

/** A client whose List Operation answers `operations`; records the queries. */
function lister(operations: Listed[] | undefined) {
  const queries: unknown[] = [];
  return {
    queries,
    async listOperations(query?: object, options?: { onResponse?: (response: Response) => void }) {
      queries.push(query);
      options?.onResponse?.(new Response(null, { status: 200 }));
      return (operations === undefined ? {} : { operations }) as never;
    },
  };
}

const step = (client: ReturnType<typeof lister>, target: { operationId: string } | { resourceId: string }) =>
  waiter.step(client, target as never).then(
    (value) => ({ value, error: undefined as any }),
    (error: unknown) => ({ value: undefined, error: error as any }),
  );

describe("waitForOperation's reading of List Operation", () => {
  it("asks by id for an operation id, and by resource with latest=true for a resource, keying each wait apart", async () => {
    const byId = lister([
      { id: "op-2", status: "COMPLETE" },
      { id: "op-1", status: "processing" },
    ]);
    const { value } = await step(byId, { operationId: "op-1" });
    expect(byId.queries).toEqual([{ id: "op-1" }]);
    expect(value).toMatchObject({ done: false, observation: { state: "running", vendorStatus: "processing" } });
    expect(JSON.parse((value as { token: string }).token).target).toBe("id=op-1");

    const byResource = lister([
      { resource_id: "r-2", status: "ERROR" },
      { resource_id: "r-1", status: "Complete" },
    ]);
    const done = await step(byResource, { resourceId: "r-1" });
    expect(byResource.queries).toEqual([{ resource_id: "r-1", latest: true }]);
    expect(done.value).toMatchObject({ done: true, result: { state: "succeeded", vendorStatus: "Complete" } });
    expect((done.value as { result: object }).result).not.toHaveProperty("reason");
    const running = await step(lister([{ resource_id: "r-1", status: "PROCESSING" }]), { resourceId: "r-1" });
    expect(JSON.parse((running.value as { token: string }).token).target).toBe("resource_id=r-1");
    expect(running.value?.observation).not.toHaveProperty("reason");
  });

  it("reads an operation not (yet) in the list as pending, shown as (not listed)", async () => {
    expect(NOT_LISTED).toBe("(not listed)");
    for (const operations of [undefined, [], [{ id: "other", status: "COMPLETE" }]]) {
      const { value } = await step(lister(operations), { operationId: "op-1" });
      expect(value?.observation).toMatchObject({ state: "pending", vendorStatus: "(not listed)" });
      expect(value?.observation).not.toHaveProperty("reason");
    }
  });

  it("gives an ERROR or a STUCK operation its reason, with the vendor's error text where there is one", async () => {
    const reason = async (listed: Listed) =>
      (await step(lister([{ id: "op-1", ...listed }]), { operationId: "op-1" })).error?.result?.reason;
    expect(await reason({ status: "stuck", error: "no host" })).toBe("operation op-1 is STUCK: no host");
    expect(await reason({ status: "ERROR" })).toBe("operation op-1 ended in ERROR");
    expect(await reason({ status: "Error", error: "quota" })).toBe("operation op-1 ended in ERROR: quota");
  });

  it("reads an operation without a status as an unknown, empty one", async () => {
    const { error } = await step(lister([{ id: "op-1" }]), { operationId: "op-1" });
    expect(error?.name).toBe("OpstatusUnknownStatusError");
    expect(error?.vendorStatus).toBe("");
    expect(error?.operation).toBe("listOperations");
  });
});
