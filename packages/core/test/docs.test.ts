// What the README and the doc comments say about the waiter matches what it does.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OpstatusNetworkError, OpstatusRequestError, OpstatusUnknownStatusError } from "../src/index.js";
import { backoffDelay, isRetryable } from "../src/schedule.js";
import { apiError } from "./operation.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const scheduleSource = readFileSync(new URL("../src/schedule.ts", import.meta.url), "utf8");

describe("the delay scheme's description", () => {
  it("is a narrow band above the planned delay, not a draw from minDelay (nor AWS's full jitter from 0)", () => {
    expect(backoffDelay(20, 1000, 8800, () => 0)).toBe(8000);
    expect(backoffDelay(20, 1000, 8800, () => 1)).toBe(8800);
    for (const [name, text] of [
      ["README.md", readme],
      ["src/schedule.ts", scheduleSource],
    ] as const) {
      expect(text, name).toMatch(/band 0-10 % above/i);
      const claims = text
        .split(/(?<=[.;])\s/)
        .filter((sentence) => /full jitter|uniformly between/i.test(sentence) && !/\bnot\b/.test(sentence));
      expect(claims, `${name} calls the scheme full jitter or a uniform draw`).toEqual([]);
    }
  });
});

describe("which errors a wait retries", () => {
  const retried = (status: number) =>
    status === 408 ||
    status === 425 ||
    status === 429 ||
    (status >= 500 && status <= 599) ||
    (status >= 200 && status <= 299);

  it("retries exactly 408, 425, 429, 5xx and an unreadable 2xx; every other status ends the wait", () => {
    for (let status = 100; status <= 599; status++)
      expect(isRetryable(apiError(status)), `HTTP ${status}`).toBe(retried(status));
  });

  it("retries a missing answer (network error, per-request time limit) and no other error", () => {
    const scope = { provider: "p", operation: "o" };
    expect(isRetryable(new OpstatusNetworkError({ ...scope, message: "reset" }))).toBe(true);
    expect(isRetryable(new OpstatusRequestError({ ...scope, message: "bad id" }))).toBe(false);
    expect(isRetryable(new OpstatusUnknownStatusError({ ...scope, vendorStatus: "X" }))).toBe(false);
    expect(isRetryable(new TypeError("a bug in poll()"))).toBe(false);
  });

  it("is what the README says", () => {
    const section = readme.split("## Waiter engine")[1]!;
    for (const phrase of [
      "408",
      "425",
      "429",
      "5xx",
      "2xx",
      "network error",
      "time limit",
      "every other error ends the wait",
    ])
      expect(section.toLowerCase(), phrase).toContain(phrase);
    expect(section).not.toMatch(/other 4xx end/);
  });
});

describe("the API reports", () => {
  it("document every member and forget no export (review/*.api.md, kept current by `pnpm api:check`)", () => {
    for (const name of ["core.api.md", "core-node.api.md"]) {
      const report = readFileSync(new URL(`../review/${name}`, import.meta.url), "utf8");
      expect(report, name).toMatch(/export /);
      expect(report.match(/.*\(undocumented\).*\n.*/g) ?? [], name).toEqual([]);
      expect(report.match(/.*ae-forgotten-export.*/g) ?? [], name).toEqual([]);
    }
  });
});
