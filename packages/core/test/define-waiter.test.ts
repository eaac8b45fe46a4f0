// A provider's waiter from one status call (core's own suite; the providers test theirs through the built package):
// the status table, the reading of an answer, and what a poll hands the engine.
import { describe, expect, it } from "vitest";
import { FakeClock } from "@opstatus/tools/test-kit/fake-clock";
import { defineWaiter, lookupState, statusField } from "../src/define-waiter.js";

const table = { DONE: "succeeded", FAILED: "failed", STOPPED: "canceled", RUNNING: "running" } as const;

describe("lookupState", () => {
  it("finds a status as the vendor spells it, trimmed; ignoreCase upper-cases it first", () => {
    expect(lookupState(table, " DONE ")).toBe("succeeded");
    expect(lookupState(table, "done")).toBe("unknown");
    expect(lookupState(table, " done", { ignoreCase: true })).toBe("succeeded");
    expect(lookupState(table, undefined)).toBe("unknown");
    expect(lookupState(table, "toString")).toBe("unknown");
  });
});

describe("statusField", () => {
  const read = statusField({
    states: table,
    status: (answer: { status?: string; why?: string }) => answer.status,
    reason: (answer) => answer.why,
  });

  it("gives the reason of a failed or canceled operation only", () => {
    expect(read({ status: "FAILED", why: "disk full" })).toEqual({
      state: "failed",
      vendorStatus: "FAILED",
      reason: "disk full",
    });
    expect(read({ status: "STOPPED", why: "by admin" }).reason).toBe("by admin");
    expect(read({ status: "DONE", why: "note" }).reason).toBeUndefined();
    expect(read({ status: "RUNNING", why: "note" }).reason).toBeUndefined();
  });

  it("reads a missing status as an unknown empty one; ignoreCase only when asked", () => {
    expect(read({})).toEqual({ state: "unknown", vendorStatus: "", reason: undefined });
    expect(read({ status: "done" }).state).toBe("unknown");
    const caseless = statusField({ states: table, status: (a: { status: string }) => a.status, ignoreCase: true });
    expect(caseless({ status: "done" }).state).toBe("succeeded");
    const reasonless = statusField({ states: table, status: (a: { status: string }) => a.status });
    expect(reasonless({ status: "FAILED" })).toEqual({ state: "failed", vendorStatus: "FAILED", reason: undefined });
  });
});

describe("defineWaiter", () => {
  type Answer = { status: string; detail?: string };
  const client = (answers: Answer[], headers: Record<string, string> = {}) => {
    const calls: { target: string; vendor: unknown; signal: boolean }[] = [];
    return {
      calls,
      get(target: string, options: { signal?: AbortSignal; onResponse?: (r: Response) => void; vendor?: unknown }) {
        calls.push({ target, vendor: options.vendor, signal: options.signal instanceof AbortSignal });
        options.onResponse?.(new Response(null, { status: 202, headers }));
        return Promise.resolve(answers[Math.min(calls.length - 1, answers.length - 1)]!);
      },
    };
  };

  it("polls with the client and target, keyed by the target, handing the answer's status, Retry-After and the vendor's state on", async () => {
    const waiter = defineWaiter({
      provider: "test-provider",
      operation: "getThing",
      key: (target: string) => `id=${target}`,
      call: (c: ReturnType<typeof client>, target, options) => c.get(target, options),
      read: (answer: Answer) => ({
        state: lookupState(table, answer.status),
        vendorStatus: answer.status,
        reason: answer.detail,
        vendor: { seen: answer.status },
      }),
    });
    const c = client([{ status: "RUNNING", detail: "half way" }, { status: "DONE" }], { "Retry-After": "3" });
    const clock = new FakeClock();
    const first = await clock.run(waiter.step(c, "42", undefined, { clock }));
    expect(first.value).toMatchObject({
      done: false,
      observation: {
        state: "running",
        vendorStatus: "RUNNING",
        body: { status: "RUNNING", detail: "half way" },
        httpStatus: 202,
        retryAfter: "3",
        reason: "half way",
        vendor: { seen: "RUNNING" },
      },
      nextPollAt: 3000,
    });
    const token = (first.value as { token: string }).token;
    expect(JSON.parse(token).target).toBe("id=42");
    const second = await clock.run(waiter.step(c, "42", token, { clock }));
    expect(second.value).toMatchObject({ done: true, result: { state: "succeeded", vendorStatus: "DONE" } });
    expect(second.value?.observation).not.toHaveProperty("reason");
    expect(c.calls).toEqual([
      { target: "42", vendor: undefined, signal: true },
      { target: "42", vendor: { seen: "RUNNING" }, signal: true },
    ]);
  });

  it("keys a target by its text without a key, and takes the reading's own body when it gives one", async () => {
    const waiter = defineWaiter({
      provider: "test-provider",
      operation: "getThing",
      call: (c: ReturnType<typeof client>, target: number, options) => c.get(String(target), options),
      read: (answer: Answer) => ({ state: lookupState(table, answer.status), vendorStatus: answer.status, body: 7 }),
    });
    const clock = new FakeClock();
    const { value } = await clock.run(waiter(client([{ status: "DONE" }]), 42, { clock }));
    expect(value).toMatchObject({ state: "succeeded", body: 7 });
    const step = await clock.run(waiter.step(client([{ status: "RUNNING" }]), 42, undefined, { clock }));
    expect(JSON.parse((step.value as { token: string }).token).target).toBe("42");
    expect(step.value?.observation).not.toHaveProperty("vendor");
  });
});
