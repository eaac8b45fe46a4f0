// `opstatus dashboard`: the built bin serves bull-board on a real redis-server's queue of waits (one delayed, one
// completed, put there by a real worker against a loopback vCenter), looked at in headless Chromium (Debian's,
// driven by playwright-core). Without redis-server or Chromium the tests fail, they do not skip.
import { cpSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { get } from "node:http";
import { get as httpsGet } from "node:https";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createWaitQueue, createWaitWorker, type WaitQueue } from "@opstatus/queue";
import { chromiumArgs, findChromium } from "@opstatus/tools/test-kit/chromium";
import { startRedis, type RedisServer } from "@opstatus/tools/test-kit/redis";
import { makePki } from "@opstatus/tools/test-kit/tls";
import * as vsphere from "@opstatus/vmware-vsphere";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import {
  cleanEnv,
  cliPath,
  LOGIN_ENV,
  type RouteServer,
  routeServer,
  runCli,
  SESSION_ID,
  scratchDir,
  startCli,
  status,
  until,
} from "./helpers.js";

const QUEUE = "dash-waits";
const PASSWORD = "opstatus-Secret-Dashboard-4h8k2w";
const screenshotPath = join(dirname(fileURLToPath(import.meta.url)), "../../../docs/dashboard.png");
const customization = (vm: string) => `GET /api/vcenter/vm/${vm}/guest/customization`;

let redis: RedisServer;
let vendor: RouteServer;
let waits: WaitQueue;
const ids = { delayed: "", completed: "" };

/** Starts `opstatus dashboard` on a free port and resolves once it printed its address. */
async function dashboard(more: string[] = [], env: Record<string, string> = {}) {
  const run = startCli(["dashboard", "--redis", redis.url, "--queue-name", QUEUE, "--port", "0", ...more], env);
  // a test that failed midway leaves no dashboard behind
  onTestFinished(() => {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
  });
  await until(() => /opstatus dashboard: https?:\/\//.test(run.stderr) || run.child.exitCode !== null, 15_000, "start");
  const address = /(https?):\/\/[^:]+:(\d+)\//.exec(run.stderr);
  if (!address) throw new Error(`the dashboard did not start: ${run.stderr}`);
  const stop = async () => {
    run.child.kill("SIGINT");
    return run.done;
  };
  return { run, port: Number(address[2]), url: `http://127.0.0.1:${address[2]}/`, stop };
}

beforeAll(async () => {
  redis = await startRedis({ appendonly: false });
  vendor = await routeServer({
    "POST /api/session": { status: 201, body: SESSION_ID },
    "DELETE /api/session": { status: 204 },
    [customization("vm-slow")]: status("RUNNING", { start_time: "2026-12-07T10:00:00Z" }),
    [customization("vm-done")]: status("SUCCEEDED", { start_time: "2026-12-07T10:00:00Z" }),
  });
  const connection = { host: redis.host, port: redis.port };
  waits = createWaitQueue({ connection, queueName: QUEUE });
  const worker = createWaitWorker({
    connection,
    queueName: QUEUE,
    providers: [vsphere],
    profiles: {
      vcenter: {
        provider: "vmware-vsphere",
        baseUrl: vendor.url,
        auth: { username: LOGIN_ENV.OPSTATUS_USERNAME, password: LOGIN_ENV.OPSTATUS_PASSWORD },
      },
    },
  });
  try {
    // one poll each: vm-slow goes on (next poll in an hour), vm-done has ended
    ids.delayed = (
      await waits.add({ profile: "vcenter", target: "vm-slow", minDelay: 3_600_000, timeout: 7_200_000 })
    ).id;
    ids.completed = (await waits.add({ profile: "vcenter", target: "vm-done" })).id;
    await waits.result(ids.completed);
    const polled = async () => (await waits.get(ids.delayed))?.attempts === 1;
    for (let end = Date.now() + 10_000; !(await polled()); ) {
      if (Date.now() > end) throw new Error("vm-slow was not polled");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await worker.close();
  }
  expect((await waits.get(ids.delayed))?.status).toBe("delayed");
}, 60_000);

afterAll(async () => {
  await waits?.close();
  await vendor?.close();
  await redis?.stop();
});

describe("opstatus dashboard", () => {
  let browser: Browser | undefined;
  afterAll(() => browser?.close());

  it("shows the delayed and the completed wait in Chromium, asking nothing of any other origin", async () => {
    // in the test, not a hook: without Chromium this test fails with how to install it
    const { path, missing } = findChromium();
    if (!path) throw new Error(`${missing}. The dashboard's browser test does not skip.`);
    browser = await chromium.launch({ executablePath: path, args: [...chromiumArgs, "--disable-quic"] });
    const { url, run, stop } = await dashboard();
    expect(run.stderr).toBe(`opstatus dashboard: ${url} (read-only; queue {opstatus}/${QUEUE} on ${redis.url})\n`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
    await page.goto(url, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: QUEUE }).first().click();
    await page.getByText(ids.completed).first().waitFor();
    await page.getByText(ids.delayed).first().waitFor();
    if (process.env.UPDATE_SCREENSHOT === "1") {
      mkdirSync(dirname(screenshotPath), { recursive: true });
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: screenshotPath });
    }

    // the delayed tab: the wait that goes on, with its next poll; the completed tab: the one that ended, its result
    await page.getByRole("link", { name: /^delayed/i }).click();
    await page.waitForURL(/status=delayed/);
    await page.getByText(ids.delayed).first().waitFor();
    expect(await page.getByText(ids.completed).count()).toBe(0);
    const delayed = (await page.locator("main").textContent()) ?? "";
    expect(delayed).toMatch(/Will run at/i);
    expect(delayed).toContain('target:"vm-slow"');
    expect(delayed).toContain('lastStatus:"RUNNING"');

    await page.getByRole("link", { name: /^completed/i }).click();
    await page.waitForURL(/status=completed/);
    await page.getByText(ids.completed).first().waitFor();
    expect(await page.getByText(ids.delayed).count()).toBe(0);
    const completed = (await page.locator("main").textContent()) ?? "";
    expect(completed).toContain('target:"vm-done"');
    expect(completed).toMatch(/returnValue:\{\s*state:"succeeded",\s*vendorStatus:"SUCCEEDED"/);

    // every request of the page went to the dashboard itself: no web fonts, nothing else
    const origin = new URL(url).origin;
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((request) => !request.startsWith(`${origin}/`))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
    const ended = await stop();
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.ms).toBeLessThan(15_000);
  }, 60_000);
});

const basic = (password: string, user = "anyone") => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("opstatus dashboard: access", () => {
  const dir = scratchDir("dashboard");

  it("beyond loopback: every request needs the password (HTTP Basic, any user name), which is never printed", async () => {
    const env = { OPSTATUS_DASHBOARD_PASSWORD: PASSWORD };
    const { run, port, stop } = await dashboard(["--host", "0.0.0.0", "--insecure-http"], env);
    expect(run.stderr).toMatch(/^opstatus dashboard: http:\/\/0\.0\.0\.0:\d+\/ \(read-only, password required; queue/);
    const url = `http://127.0.0.1:${port}/`;
    for (const authorization of [undefined, basic("wrong"), basic(`${PASSWORD}x`), `Bearer ${PASSWORD}`, "Basic !!"]) {
      const refused = await fetch(url, { headers: authorization ? { authorization } : {} });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Basic realm="opstatus dashboard"/);
      await refused.text();
    }
    const page = await fetch(url, { headers: { authorization: basic(PASSWORD) } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>opstatus waits</title>");
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no web fonts or anything else off this machine
    const asset = /href="(static\/css\/[^"]+)"/.exec(html)![1]!;
    expect((await fetch(`${url}${asset}`)).status).toBe(401);
    expect((await fetch(`${url}${asset}`, { headers: { authorization: basic(PASSWORD, "") } })).status).toBe(200);
    const api = await fetch(`${url}api/queues`, { headers: { authorization: basic(PASSWORD, "ops") } });
    expect((await api.json()).queues[0]).toMatchObject({ name: QUEUE, counts: { delayed: 1, completed: 1 } });
    const ended = await stop();
    expect(ended.code).toBe(0);
    expect(ended.stdout + ended.stderr).not.toContain(PASSWORD);
  });

  it("beyond loopback with TLS: served over HTTPS with the given certificate and key, the password asked", async () => {
    const pki = makePki();
    const [cert, key] = [join(dir, "cert.pem"), join(dir, "key.pem")];
    writeFileSync(cert, pki.cert);
    writeFileSync(key, pki.key);
    try {
      const env = { OPSTATUS_DASHBOARD_PASSWORD: PASSWORD };
      const { run, port, stop } = await dashboard(["--host", "0.0.0.0", "--tls-cert", cert, "--tls-key", key], env);
      expect(run.stderr).toMatch(/^opstatus dashboard: https:\/\/0\.0\.0\.0:\d+\/ \(read-only, password required;/);
      const request = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          httpsGet(`https://127.0.0.1:${port}/`, { ca: pki.ca, headers }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          }).on("error", reject);
        });
      await expect(request({})).resolves.toBe(401);
      await expect(request({ authorization: basic(PASSWORD) })).resolves.toBe(200);
      expect((await stop()).code).toBe(0);
    } finally {
      pki.dispose();
    }
  });

  it("refuses to listen beyond loopback without the password, or without TLS or --insecure-http", async () => {
    const where = ["dashboard", "--redis", redis.url, "--port", "0"];
    const noPassword = await runCli([...where, "--host", "0.0.0.0", "--insecure-http"]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(
      /--host 0\.0\.0\.0 is reachable from other machines: set OPSTATUS_DASHBOARD_PASSWORD/,
    );
    expect(noPassword.stderr).toContain("(the password is not set)");
    const noTls = await runCli([...where, "--host", "192.0.2.1"], { OPSTATUS_DASHBOARD_PASSWORD: PASSWORD });
    expect(noTls.code).toBe(2);
    expect(noTls.stderr).toMatch(/--tls-cert FILE --tls-key FILE\), or accept plain HTTP with --insecure-http\n/);
    expect(noTls.stderr).not.toContain(PASSWORD);
    const halfTls = await runCli([...where, "--tls-cert", "cert.pem"]);
    expect(halfTls.code).toBe(2);
    expect(halfTls.stderr).toContain("--tls-cert and --tls-key go together");
    const badPort = await runCli([...where, "--port", "80x"]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port must be a whole number from 0 to 65535");
  });

  it("on loopback: the password is asked too when set; another host name (DNS rebinding) is refused; SIGTERM stops it", async () => {
    const { run, url } = await dashboard([], { OPSTATUS_DASHBOARD_PASSWORD: PASSWORD });
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: basic(PASSWORD) } })).status).toBe(200);
    const rebound = await new Promise<number>((resolve, reject) => {
      // fetch does not let a caller set Host: a raw request does
      const headers = { host: "attacker.example", authorization: basic(PASSWORD) };
      get(url, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on("error", reject);
    });
    expect(rebound).toBe(421);
    run.child.kill("SIGTERM");
    const ended = await run.done;
    expect(ended.code).toBe(0);
  });

  it("read-only: bull-board refuses actions; --allow-actions allows them, but not from another origin", async () => {
    const readOnly = await dashboard();
    const promote = `${readOnly.url}api/queues/${QUEUE}/${ids.delayed}/promote`;
    const refused = await fetch(promote, { method: "PUT" });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await readOnly.stop()).code).toBe(0);
    expect((await waits.get(ids.delayed))?.status).toBe("delayed");

    const actions = await dashboard(["--allow-actions"]);
    expect(actions.run.stderr).toContain("(actions allowed; queue");
    const pause = `${actions.url}api/queues/${QUEUE}/pause`;
    const crossSite = await fetch(pause, { method: "PUT", headers: { origin: "http://attacker.example" } });
    expect(crossSite.status).toBe(403);
    expect(await waits.queue.isPaused()).toBe(false);
    const paused = await fetch(pause, { method: "PUT", headers: { origin: actions.url.slice(0, -1) } });
    expect(paused.status).toBe(200);
    expect(await waits.queue.isPaused()).toBe(true);
    expect((await fetch(`${actions.url}api/queues/${QUEUE}/resume`, { method: "PUT" })).status).toBe(200);
    expect(await waits.queue.isPaused()).toBe(false);
    expect((await actions.stop()).code).toBe(0);
  });

  it("without its packages installed: exit 2, naming what to install", async () => {
    // the built bin alone, with core (which it imports at start) and none of the dashboard's packages
    const alone = join(dir, "alone");
    cpSync(dirname(cliPath), join(alone, "dist"), { recursive: true });
    writeFileSync(join(alone, "package.json"), '{ "type": "module" }\n');
    mkdirSync(join(alone, "node_modules/@opstatus"), { recursive: true });
    const core = realpathSync(join(dirname(cliPath), "../node_modules/@opstatus/core"));
    symlinkSync(core, join(alone, "node_modules/@opstatus/core"), "dir");
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(alone, "dist/cli.js"), "dashboard"], { env: cleanEnv() });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("opstatus dashboard needs @opstatus/queue, which is not installed");
    expect(run.stderr).toContain("@bull-board/api@9.10.1 @bull-board/ui@9.10.1 @bull-board/express@9.10.1");
  });

  it("--help prints the command's usage", async () => {
    const help = await runCli(["dashboard", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: opstatus dashboard \[options\]/);
    for (const option of ["--port", "--host", "--tls-cert", "--tls-key", "--insecure-http", "--allow-actions"])
      expect(help.stdout).toContain(option);
    expect(help.stdout).toContain("OPSTATUS_DASHBOARD_PASSWORD");
  });
});
