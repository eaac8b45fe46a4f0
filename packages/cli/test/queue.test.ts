// `opstatus worker` and `opstatus queue …` as real subprocesses of the built bin, against one real redis-server
// (Debian's, on a free loopback port) and a loopback vCenter that logs in and answers as each target's plan says.
import { chmodSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startRedis, type RedisServer } from "@opstatus/tools/test-kit/redis";
import { PASSWORD, SESSION_ID, startVendor, USERNAME, type Vendor } from "@opstatus/tools/test-kit/wait-vendor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, scratchDir, type Started, startCli, until } from "./helpers.js";

const dir = scratchDir("queue");
let redis: RedisServer;
let vendor: Vendor;
let profiles: string;
const env = () => ({ OPSTATUS_REDIS_URL: redis.url, VC_USER: USERNAME, VC_PASS: PASSWORD });
const workers: Started[] = [];

/** Each target's plan: vm-ok succeeds at its 2nd poll, vm-fail fails at its 2nd, anything else runs for ever. */
const plan = (target: string, n: number) =>
  target.startsWith("vm-ok") && n >= 2 ? "SUCCEEDED" : target.startsWith("vm-fail") && n >= 2 ? "FAILED" : "RUNNING";

function writeProfiles(name: string, mode: number, spec: object): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(spec));
  chmodSync(file, mode);
  return file;
}

const vcenter = () => ({
  provider: "vmware-vsphere",
  baseUrl: vendor.url,
  allowInsecureHttp: true,
  credentials: { env: { OPSTATUS_USERNAME: "VC_USER", OPSTATUS_PASSWORD: "VC_PASS" } },
});

/** A worker process; its `ready` line says where its metrics are. */
async function startWorker(...more: string[]): Promise<{ worker: Started; metrics: string }> {
  const worker = startCli(
    ["worker", "--profiles", profiles, "--metrics-port", "0", "--output", "json", ...more],
    env(),
  );
  workers.push(worker);
  await until(() => worker.stderr.includes('"event":"ready"'), 15_000, "the worker's ready line");
  const ready = worker.stderr.split("\n").find((l) => l.includes('"event":"ready"'))!;
  return { worker, metrics: JSON.parse(ready).metrics };
}

const queue = (...args: string[]) => runCli(["queue", ...args], env());
const fast = ["--min-delay", "100ms", "--max-delay", "100ms"];

beforeAll(async () => {
  [redis, vendor] = await Promise.all([startRedis(), startVendor(plan)]);
  profiles = writeProfiles("profiles.json", 0o600, { profiles: { vc: vcenter() } });
}, 60_000);
afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await Promise.all([redis?.stop(), vendor?.close()]);
});

/** The value of a metric line (`name{labels} value`) in a Prometheus text page; 0 when absent. */
function metric(page: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = page
    .split("\n")
    .find(
      (l) =>
        (l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w))) ||
        (wanted.length === 0 && l.startsWith(`${name} `)),
    );
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("opstatus worker and opstatus queue add --wait", () => {
  it("follows waits to their ends with wait's exit codes and output, and /metrics counts them", async () => {
    const { worker, metrics } = await startWorker();
    const before = await (await fetch(metrics)).text();

    const ok = await queue("add", "vc", "vm-ok-1", "--wait", "-o", "json", ...fast);
    expect(ok.code, ok.stderr).toBe(0);
    const outcome = JSON.parse(ok.stdout);
    expect(outcome).toMatchObject({
      exitCode: 0,
      outcome: "succeeded",
      provider: "vc",
      target: "vm-ok-1",
      attempts: 2,
    });
    expect(outcome.id).toMatch(/\S/);
    expect(outcome.body).toMatchObject({ status: "SUCCEEDED" });

    const failed = await queue("add", "vc", "vm-fail-1", "--wait", "-o", "ndjson", ...fast);
    expect(failed.code).toBe(1);
    const lines = failed.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ outcome: "failed", state: "failed", vendorStatus: "FAILED" });
    expect(lines.some((l) => l.event === "poll" && l.vendorStatus === "RUNNING")).toBe(true);

    const timedOut = await queue("add", "vc", "vm-slow-1", "--wait", "--timeout", "700ms", ...fast);
    expect(timedOut.code).toBe(124);
    expect(timedOut.stdout + timedOut.stderr).toMatch(/timed out|timeout/i);

    const unknown = await queue("add", "no-such-profile", "vm-ok-2", "--wait", "-o", "json");
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.message).toMatch(/no-such-profile/);

    const after = await (await fetch(metrics)).text();
    const polls = (outcome: string) =>
      metric(after, "opstatus_polls_total", { provider: "vmware-vsphere", outcome }) -
      metric(before, "opstatus_polls_total", { provider: "vmware-vsphere", outcome });
    expect(polls("succeeded")).toBe(1);
    expect(polls("failed")).toBe(1);
    expect(polls("running")).toBeGreaterThanOrEqual(3);
    expect(metric(after, "opstatus_waits_ended_total", { outcome: "succeeded" })).toBe(1);
    expect(metric(after, "opstatus_waits_ended_total", { outcome: "timeout" })).toBe(1);
    expect(metric(after, "opstatus_waits", { state: "completed" })).toBe(1);
    expect(metric(after, "opstatus_waits", { state: "failed" })).toBeGreaterThanOrEqual(2);
    expect(metric(after, "opstatus_logins_total", { profile: "vc" })).toBe(1);
    expect(metric(after, "opstatus_poll_lateness_seconds_count")).toBeGreaterThanOrEqual(5);
    expect((await fetch(metrics.replace("/metrics", "/healthz"))).status).toBe(200);

    // one line per wait that starts and ends, none with a secret
    const log = worker.stderr;
    expect(log).toContain('"event":"start"');
    expect(log).toMatch(/"event":"end".*"outcome":"succeeded"/);
    for (const secret of [PASSWORD, SESSION_ID]) expect(log).not.toContain(secret);
  }, 60_000);

  it("show, list and cancel; Ctrl+C stops following and leaves the wait running", async () => {
    const follow = startCli(["queue", "add", "vc", "vm-long-1", "--wait", "--min-delay", "300ms"], env());
    await until(() => vendor.polls("vm-long-1").length >= 1, 10_000, "the first poll");
    follow.child.kill("SIGINT");
    const stopped = await follow.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/the wait goes on: opstatus queue show (\S+)/);
    const id = /opstatus queue show (\S+)/.exec(stopped.stderr)![1]!;

    const shown = await queue("show", id, "-o", "json");
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id, profile: "vc", target: "vm-long-1", vendorStatus: "RUNNING" });
    expect(["delayed", "active", "waiting"]).toContain(JSON.parse(shown.stdout).status);

    const listed = await queue("list", "--state", "delayed,active,waiting", "-o", "json");
    expect(JSON.parse(listed.stdout).map((w: { id: string }) => w.id)).toContain(id);
    const table = await queue("list");
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+STATUS\s+PROFILE\s+TARGET/);

    expect((await queue("cancel", id)).code).toBe(0);
    const polls = vendor.polls("vm-long-1").length;
    expect(JSON.parse((await queue("show", id, "-o", "json")).stdout).status).toBe("canceled");
    expect((await queue("cancel", id)).code).toBe(1);
    expect((await queue("show", "no-such-id")).code).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(vendor.polls("vm-long-1").length).toBeLessThanOrEqual(polls + 1);
  }, 30_000);

  it("SIGTERM mid-wait: the worker finishes its poll and exits 0; the wait stays delayed and another worker ends it", async () => {
    for (const w of workers.splice(0)) {
      w.child.kill("SIGTERM");
      await w.done;
    }
    const { worker } = await startWorker();
    const added = await queue("add", "vc", "vm-ok-term", "--min-delay", "1500ms", "--max-delay", "1500ms");
    const id = added.stdout.trim();
    await until(() => vendor.polls("vm-ok-term").length === 1, 10_000, "the first poll");
    worker.child.kill("SIGTERM");
    const end = await worker.done;
    expect(end.code).toBe(0);
    expect(end.stderr).toContain('"event":"stopped"');
    const shown = JSON.parse((await queue("show", id, "-o", "json")).stdout);
    expect(shown).toMatchObject({ status: "delayed", attempts: 1 });

    await startWorker();
    const followed = await queue("add", "vc", "vm-ok-term", "--wait", "-o", "json");
    expect(followed.code).toBe(0);
    expect(JSON.parse(followed.stdout)).toMatchObject({ id, outcome: "succeeded", attempts: 2 });
  }, 30_000);
});

describe("the profiles file", () => {
  it("is refused when others can read it, through a symlink too, and names the fix", async () => {
    const open = writeProfiles("open.json", 0o644, { profiles: { vc: vcenter() } });
    const link = join(dir, "linked.json");
    symlinkSync(open, link);
    for (const file of [open, link]) {
      const run = await runCli(["worker", "--profiles", file], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/can be read or written by others.*chmod 600.*defaultMode: 0400/);
    }
  });

  it("a server option the client refuses is a usage error naming the profile, before anything is served", async () => {
    const bad = writeProfiles("bad-url.json", 0o600, {
      profiles: { vc: vcenter(), "vc-ftp": { ...vcenter(), baseUrl: "ftp://vcenter.example.internal" } },
    });
    const run = await runCli(["worker", "--profiles", bad, "--metrics-port", "0"], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^opstatus: worker: @opstatus\/queue createWaitWorker: the profile vc-ftp: vmware-vsphere createClient: .*not an http\(s\) URL/m,
    );
    expect(run.stderr).not.toContain('"event":"ready"');
  });

  it("says which variable is missing, and never takes a password for Redis on the command line", async () => {
    const run = await runCli(["worker", "--profiles", profiles], { OPSTATUS_REDIS_URL: redis.url, VC_USER: USERNAME });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/profile "vc".*VC_PASS \(for OPSTATUS_PASSWORD\) is not set/);
    const flag = await runCli(["queue", "list", "--redis", "redis://:hunter2@127.0.0.1:1"], {});
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/OPSTATUS_REDIS_URL/);
    expect(flag.stderr).not.toContain("hunter2");
  });
});

describe("help", () => {
  it("--help and providers name the queue commands; each command has its own help", async () => {
    expect((await runCli(["--help"])).stdout).toMatch(/opstatus worker --profiles FILE[\s\S]*opstatus queue add/);
    expect((await runCli(["providers"])).stdout).toMatch(/opstatus worker --profiles FILE/);
    for (const command of [["worker"], ["queue"], ["dashboard"]]) {
      const run = await runCli([...command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: opstatus ${command[0]}`));
    }
  });
});
