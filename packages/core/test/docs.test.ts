// What the README and the doc comments say about the waiter matches what it does.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OpstatusNetworkError, OpstatusRequestError, OpstatusUnknownStatusError } from "../src/index.js";
import { backoffDelay, isRetryable } from "../src/waiter.js";
import { apiError } from "./operation.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const waiterSource = readFileSync(new URL("../src/waiter.ts", import.meta.url), "utf8");

describe("the delay scheme's name", () => {
  it("is bounded jitter (uniform between minDelay and the cap), which is not AWS's full jitter (uniform from 0)", () => {
    expect(backoffDelay(5, 1000, 8000, () => 0)).toBe(1000);
    expect(backoffDelay(5, 1000, 8000, () => 1)).toBe(8000);
    for (const [name, text] of [
      ["README.md", readme],
      ["src/waiter.ts", waiterSource],
    ] as const) {
      expect(text, name).toMatch(/bounded jitter/i);
      const claims = text
        .split(/(?<=[.;])\s/)
        .filter((sentence) => /full jitter/i.test(sentence) && !/\bnot\b/.test(sentence));
      expect(claims, `${name} calls the scheme full jitter`).toEqual([]);
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
