// --checkpoint: the resume token is written after every poll, so that a job killed at any moment continues the same
// wait when run again (the attempt count and the elapsed time go on); the token holds no secret.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  LOGIN_ENV,
  SESSION_ID,
  TOKEN,
  jsonResult,
  ndjsonLines,
  runCli,
  scratchDir,
  startCli,
  status,
  until,
  vcenter,
  waitVm,
} from "./helpers.js";

const dir = scratchDir("checkpoint");
const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");

it("continues the same wait after a kill -9: attempts and elapsed time go on, the file is removed at the end", async () => {
  const file = join(dir, "kill.json");
  const server = await vcenter((_, index) => (index < 3 ? status("RUNNING") : status("SUCCEEDED")));
  const args = waitVm(server.url, "100ms", "--checkpoint", file, "-o", "json");
  const first = startCli(args, LOGIN_ENV);
  const begun = Date.now();
  await until(() => /"attempt":2/.test(read(file)), 10_000, "the checkpoint of poll 2");
  first.child.kill("SIGKILL");
  expect((await first.done).signal).toBe("SIGKILL");
  const token = read(file);
  expect(JSON.parse(token)).toMatchObject({
    v: 2,
    provider: "vmware-vsphere",
    operation: "getVmGuestCustomization",
    target: "vm-42",
    attempt: 2,
  });
  // no secret in it: not the password, not the user name, not the session id the log-in got
  for (const secret of [LOGIN_ENV.OPSTATUS_PASSWORD, LOGIN_ENV.OPSTATUS_USERNAME, SESSION_ID, TOKEN])
    expect(token).not.toContain(secret);

  const second = await runCli(args, LOGIN_ENV);
  const out = jsonResult(second, 0);
  expect(out).toMatchObject({ outcome: "succeeded", attempts: server.polls() });
  expect(out.attempts).toBeGreaterThanOrEqual(4);
  // elapsed from the first start, before the kill
  expect(out.elapsedMs).toBeGreaterThanOrEqual(second.ms);
  expect(out.elapsedMs).toBeLessThanOrEqual(Date.now() - begun);
  expect(existsSync(file)).toBe(false);
});

it("writes the token on a timeout, and a run with a new --timeout goes on from it", async () => {
  const file = join(dir, "timeout.json");
  const server = await vcenter((_, index) => (index < 4 ? status("RUNNING") : status("SUCCEEDED")));
  const args = waitVm(server.url, "100ms", "--checkpoint", file);
  const first = await runCli([...args, "--timeout", "250ms"], { OPSTATUS_TOKEN: TOKEN });
  expect(first.code).toBe(124);
  expect(first.stdout).toContain(`checkpoint saved to ${file}`);
  const attempts = JSON.parse(read(file)).attempt;
  expect(attempts).toBe(server.polls());
  const second = await runCli([...args, "--timeout", "10s", "-o", "ndjson"], { OPSTATUS_TOKEN: TOKEN });
  expect(second.code, second.stderr).toBe(0);
  const lines = ndjsonLines(second.stdout);
  expect(lines[0].attempt).toBe(attempts + 1);
  expect(lines.at(-1)).toMatchObject({
    event: "result",
    outcome: "succeeded",
    attempts: server.polls(),
  });
});

it("refuses a checkpoint of another wait (exit 2), and leaves it alone", async () => {
  const file = join(dir, "other.json");
  const other = JSON.stringify({
    v: 1,
    provider: "vmware-vsphere",
    operation: "getVmGuestCustomization",
    target: "vm-7",
    deadline: Date.now() + 60_000,
    attempt: 3,
    nextPollAt: Date.now(),
  });
  writeFileSync(file, other);
  const server = await vcenter(status("RUNNING"));
  const run = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, "--checkpoint", file], {
    OPSTATUS_TOKEN: TOKEN,
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/the resume token is for vmware-vsphere getVmGuestCustomization vm-7, not vm-42/);
  expect(read(file)).toBe(other);
  expect(server.polls()).toBe(0);
});

it("refuses a checkpoint whose directory is not there (exit 2), before any request", async () => {
  const file = "/nonexistent/dir/x.json";
  const server = await vcenter(status("RUNNING"));
  const run = await runCli(waitVm(server.url, "100ms", "--checkpoint", file), LOGIN_ENV);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(
    /^opstatus: --checkpoint \/nonexistent\/dir\/x\.json: cannot write in \/nonexistent\/dir /,
  );
  expect(server.requests).toHaveLength(0);
});

it("a checkpoint that can no longer be written ends the wait (exit 4), and the session is still logged out", async () => {
  const sub = join(dir, "gone");
  mkdirSync(sub);
  const file = join(sub, "x.json");
  const server = await vcenter(status("RUNNING"));
  const started = startCli(waitVm(server.url, "100ms", "--checkpoint", file, "-o", "json"), LOGIN_ENV);
  await until(() => /"attempt":1/.test(read(file)), 10_000, "the checkpoint of poll 1");
  rmSync(sub, { recursive: true, force: true });
  const run = await started.done;
  expect(jsonResult(run, 4)).toMatchObject({
    outcome: "error",
    error: { message: expect.stringContaining(`--checkpoint ${file}: cannot write the file`) },
  });
  expect(run.stderr).not.toContain("unexpected error");
  expect(server.logouts()).toBe(1);
});
