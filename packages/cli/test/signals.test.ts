// SIGINT / SIGTERM in the middle of a request: the request is aborted, the checkpoint written, the session logged
// out, and the process gone with 130 within 0.5 s.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { LOGIN_ENV, ndjsonLines, scratchDir, startCli, status, until, vcenter, waitVm } from "./helpers.js";

const dir = scratchDir("signals");

it.each(["SIGINT", "SIGTERM"] as const)(
  "%s during a request that hangs: 130 within 0.5 s, checkpoint written, logged out",
  async (signal) => {
    const file = join(dir, `${signal}.json`);
    // the second status request never gets an answer
    const server = await vcenter([status("RUNNING"), "hang"]);
    const run = startCli(waitVm(server.url, "50ms", "--checkpoint", file, "-o", "ndjson"), LOGIN_ENV);
    await until(() => server.polls() === 2, 10_000, "the second request");
    await new Promise((resolve) => setTimeout(resolve, 50)); // well inside the request
    const sent = Date.now();
    run.child.kill(signal);
    const done = await run.done;
    const took = Date.now() - sent;
    expect(done.code, done.stderr).toBe(130);
    expect(took).toBeLessThan(500);
    expect(server.logouts()).toBe(1);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ target: "vm-42", attempt: 1 });
    expect(ndjsonLines(done.stdout).at(-1)).toMatchObject({
      event: "result",
      outcome: "interrupted",
      exitCode: 130,
      checkpoint: file,
      vendorStatus: "RUNNING",
    });
  },
);

it("SIGINT while the log-in itself hangs: still 130 within 0.5 s", async () => {
  const server = await vcenter(status("RUNNING"), "hang");
  const run = startCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url], LOGIN_ENV);
  await until(() => server.logins() === 1, 10_000, "the log-in request");
  const sent = Date.now();
  run.child.kill("SIGINT");
  const done = await run.done;
  expect(done.code).toBe(130);
  expect(Date.now() - sent).toBeLessThan(300);
  expect(done.stdout).toMatch(/^■ interrupted: vmware-vsphere vm-42 no status seen/);
  // the log-in in flight was aborted too: nothing to log out, nothing to wait for
  expect(done.stderr).not.toContain("log-out");
  expect(server.logouts()).toBe(0);
});
