// A wait's job (src/wait-job.ts): its id from the profile and the target, the checks of `add`'s input and their
// messages, the options a job keeps, the state it saves, and the queue's own keys beside BullMQ's.
import { createHash } from "node:crypto";
import { OpstatusRequestError, type WaitState } from "@opstatus/core";
import { describe, expect, it } from "vitest";
import {
  asTarget,
  DEFAULT_PREFIX,
  DEFAULT_QUEUE_NAME,
  newJobData,
  POLL_EVENT,
  pickOptions,
  QUEUE_SCOPE,
  queueKeys,
  savedState,
  waitId,
} from "../../src/wait-job.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

function requestError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OpstatusRequestError);
    expect((error as OpstatusRequestError).provider).toBe("@opstatus/queue");
    expect((error as OpstatusRequestError).operation).toBe("add");
    return (error as Error).message;
  }
  throw new Error("no request error");
}

describe("constants", () => {
  it("the default prefix is a Cluster hash tag, the default queue is waits", () => {
    expect(DEFAULT_PREFIX).toBe("{opstatus}");
    expect(DEFAULT_QUEUE_NAME).toBe("waits");
    expect(POLL_EVENT).toBe("opstatus:poll");
    expect(QUEUE_SCOPE).toEqual({ provider: "@opstatus/queue", operation: "add" });
  });
});

describe("waitId", () => {
  it("is w- and the first 24 hex digits of SHA-256 over the profile, a newline and the target's JSON", () => {
    expect(waitId("vc", "vm-1")).toBe(`w-${sha('vc\n"vm-1"').slice(0, 24)}`);
    expect(waitId("vc", { b: "2", a: "1" })).toBe(`w-${sha('vc\n{"a":"1","b":"2"}').slice(0, 24)}`);
    expect(waitId("vc", "vm-1")).toMatch(/^w-[0-9a-f]{24}$/);
  });

  it("the same wait gets the same id, whatever the order of the target's keys", () => {
    const keys = ["d", "b", "a", "c", "e"];
    const forward = Object.fromEntries(keys.map((k) => [k, k.toUpperCase()]));
    const backward = Object.fromEntries([...keys].reverse().map((k) => [k, k.toUpperCase()]));
    expect(waitId("p", forward)).toBe(waitId("p", backward));
    expect(waitId("p", { a: "1", b: "2" })).toBe(waitId("p", { b: "2", a: "1" }));
    expect(waitId("p", { a: "1", b: "2" })).toBe(`w-${sha('p\n{"a":"1","b":"2"}').slice(0, 24)}`);
    expect(waitId("p", { b: "2", a: "1" })).toBe(`w-${sha('p\n{"a":"1","b":"2"}').slice(0, 24)}`);
  });

  it("sorts keys by code unit, not by locale", () => {
    expect(waitId("p", { a: "1", B: "2" })).toBe(`w-${sha('p\n{"B":"2","a":"1"}').slice(0, 24)}`);
    expect(waitId("p", { B: "2", a: "1" })).toBe(`w-${sha('p\n{"B":"2","a":"1"}').slice(0, 24)}`);
  });

  it("sorts a target of many keys, shuffled, to the same id as its keys in order", () => {
    const names = Array.from({ length: 300 }, (_, i) => `k${String(i).padStart(3, "0")}`);
    const sorted = Object.fromEntries(names.map((name) => [name, name]));
    // Shuffled the same way every time.
    const order = names.map((name, i) => ({ name, rank: (i * 7919) % 301 })).sort((a, b) => a.rank - b.rank);
    const shuffled = Object.fromEntries(order.map(({ name }) => [name, name]));
    expect(Object.keys(shuffled)).not.toEqual(names);
    expect(waitId("p", shuffled)).toBe(`w-${sha(`p\n${JSON.stringify(sorted)}`).slice(0, 24)}`);
  });

  it("differs by profile, by target, and between a string and an object", () => {
    const ids = new Set([
      waitId("a", "x"),
      waitId("b", "x"),
      waitId("a", "y"),
      waitId("a", { id: "x" }),
      waitId("a", { id: "y" }),
      waitId("a\nx", ""),
    ]);
    expect(ids.size).toBe(6);
  });
});

describe("asTarget", () => {
  it("takes a non-empty string or a non-empty object of strings", () => {
    expect(asTarget("vm-1")).toBe("vm-1");
    const target = { a: "1", b: "2" };
    expect(asTarget(target)).toBe(target);
  });

  it("refuses anything else", () => {
    for (const value of ["", undefined, null, 0, 1, true, [], ["a"], {}, { a: 1 }, { a: "1", b: 2 }, () => "x"])
      expect(asTarget(value)).toBeUndefined();
    // A function with string fields is no object of strings.
    for (const value of [Object.assign(() => "x", { id: "1" })]) expect(asTarget(value)).toBeUndefined();
  });
});

describe("pickOptions", () => {
  it("keeps only the wait's own options that are given", () => {
    expect(
      pickOptions({ timeout: 5, minDelay: 1, maxDelay: 2, unknownStatus: "wait", profile: "p", delay: () => 1 }),
    ).toEqual({ timeout: 5, minDelay: 1, maxDelay: 2, unknownStatus: "wait" });
    expect(Object.keys(pickOptions({ timeout: undefined, minDelay: 3 }))).toEqual(["minDelay"]);
    expect(pickOptions({ timeout: 0 })).toEqual({ timeout: 0 });
  });

  it("gives no options for a job that holds none", () => {
    expect(pickOptions(undefined)).toEqual({});
    expect(pickOptions(null)).toEqual({});
    expect(pickOptions("timeout")).toEqual({});
    expect(pickOptions(5)).toEqual({});
    expect(pickOptions(Object.assign(() => 1, { timeout: 5 }))).toEqual({});
  });
});

describe("savedState", () => {
  it("drops the version, provider, operation and target, keeps the rest", () => {
    const state = {
      v: 1,
      provider: "vmware-vsphere",
      operation: "customization",
      target: "vm-1",
      startedAt: 1,
      attempt: 3,
      lastStatus: "RUNNING",
    } as unknown as WaitState;
    expect(savedState(state)).toEqual({ startedAt: 1, attempt: 3, lastStatus: "RUNNING" });
  });
});

describe("newJobData", () => {
  it("checks the input and gives the job's data, added now", () => {
    expect(newJobData({ profile: "vc", target: "vm-1" }, 1000)).toEqual({
      profile: "vc",
      target: "vm-1",
      options: {},
      addedAt: 1000,
    });
    const data = newJobData(
      { profile: "vc", target: { id: "1" }, timeout: 60_000, minDelay: 10, maxDelay: 20, unknownStatus: "wait" },
      5,
    );
    expect(data).toEqual({
      profile: "vc",
      target: { id: "1" },
      options: { timeout: 60_000, minDelay: 10, maxDelay: 20, unknownStatus: "wait" },
      addedAt: 5,
    });
    expect(Object.keys(data)).toEqual(["profile", "target", "options", "addedAt"]);
  });

  it("refuses an input that is no object", () => {
    for (const input of [undefined, null, "vc", 5])
      expect(requestError(() => newJobData(input as never, 0))).toBe(
        "@opstatus/queue add: add takes { profile, target, ...options }",
      );
  });

  it("refuses unknown keys, naming them and where functions and credentials go", () => {
    expect(
      requestError(() => newJobData({ profile: "vc", target: "x", delay: () => 1, password: "s" } as never, 0)),
    ).toBe(
      "@opstatus/queue add: add takes profile, target, timeout, minDelay, maxDelay, unknownStatus; not delay, password (functions such as delay and onPoll are the worker's options, credentials are its profiles')",
    );
    expect(requestError(() => newJobData({ profile: "vc", target: "x", onPoll: 1 } as never, 0))).toMatch(
      /; not onPoll \(/,
    );
  });

  it("refuses a missing or empty profile", () => {
    for (const profile of [undefined, "", 5])
      expect(requestError(() => newJobData({ profile, target: "x" } as never, 0))).toBe(
        "@opstatus/queue add: the profile must be a non-empty string",
      );
  });

  it("refuses a bad target", () => {
    for (const target of [undefined, "", {}, { a: 1 }, ["a"]])
      expect(requestError(() => newJobData({ profile: "vc", target } as never, 0))).toBe(
        "@opstatus/queue add: the target must be a non-empty string or an object of strings",
      );
  });

  it("refuses bad options with the core's messages", () => {
    expect(requestError(() => newJobData({ profile: "vc", target: "x", timeout: 0 }, 0))).toMatch(
      /^@opstatus\/queue add: the timeout option must be a finite number of milliseconds > 0/,
    );
    expect(requestError(() => newJobData({ profile: "vc", target: "x", minDelay: 5, maxDelay: 2 }, 0))).toBe(
      "@opstatus/queue add: the maxDelay option (2) must not be less than minDelay (5)",
    );
    expect(requestError(() => newJobData({ profile: "vc", target: "x", unknownStatus: "x" as never }, 0))).toMatch(
      /unknownStatus option must be "fail" or "wait"/,
    );
  });
});

describe("queueKeys", () => {
  it("puts its keys beside BullMQ's, under the default prefix and queue", () => {
    const keys = queueKeys({});
    expect(keys.canceled("w-1")).toBe("{opstatus}:waits:opstatus-canceled:w-1");
    expect(keys.pace("https://vc.example.internal")).toBe(
      `{opstatus}:waits:opstatus-pace:${sha("https://vc.example.internal").slice(0, 16)}`,
    );
  });

  it("under a given prefix and queue, no host name in the pacing key", () => {
    const keys = queueKeys({ prefix: "{t}", queueName: "q" });
    expect(keys.canceled("w-2")).toBe("{t}:q:opstatus-canceled:w-2");
    const key = keys.pace("https://vc.example.internal");
    expect(key).toMatch(/^\{t\}:q:opstatus-pace:[0-9a-f]{16}$/);
    expect(key).not.toContain("vc");
    expect(keys.pace("https://a.example.internal")).not.toBe(key);
  });
});
