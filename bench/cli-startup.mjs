#!/usr/bin/env node
// `pnpm --filter @opstatus/bench bench:cli [-- --runs 30]`: how long `opstatus` takes from launch to its first request,
// measured at a loopback server this script starts, beside `node -e 0` (launch to exit) and a bare `fetch` script
// (launch to its request): the floor any Node CLI stands on. The variants run interleaved, after a warm-up; the
// table gives the median, p90 and min in ms. Needs `pnpm build` first (it runs packages/cli/dist/cli.js).
// `opstatus worker` is measured to its first Redis command: a loopback listener records when the first bytes of its
// connection arrive (then the worker is killed; no Redis is needed).
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

// `pnpm … bench:cli -- --runs 30` hands the `--` on: drop it
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { runs: { type: "string", default: "30" }, warmup: { type: "string", default: "3" } },
});
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
if (!(RUNS >= 20)) throw new Error("--runs must be 20 or more");
const cli = fileURLToPath(new URL("../packages/cli/dist/cli.js", import.meta.url));
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);

/** Resolves the pending run's "first request" with the time it arrived. */
let onRequest = () => {};
const server = createServer((req, res) => {
  onRequest();
  onRequest = () => {};
  if (req.method === "POST")
    return res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify("bench-session-id"));
  if (req.method === "DELETE") return res.writeHead(204).end();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "SUCCEEDED" }));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const vm = `${url}/api/vcenter/vm/vm-42/guest/customization`;

/** A listener that stands for Redis: it records when a connection's first bytes (the first command) arrive. */
let onCommand = () => {};
const redis = createTcpServer((socket) => {
  socket.once("data", () => {
    onCommand();
    onCommand = () => {};
    socket.destroy();
  });
  socket.on("error", () => {});
});
await new Promise((resolve) => redis.listen(0, "127.0.0.1", resolve));
const redisUrl = `redis://127.0.0.1:${redis.address().port}`;
const scratch = mkdtempSync(join(tmpdir(), "opstatus-bench-cli-"));
const profiles = join(scratch, "profiles.json");
writeFileSync(
  profiles,
  JSON.stringify({
    profiles: {
      vc: {
        provider: "vmware-vsphere",
        baseUrl: url,
        credentials: { env: { OPSTATUS_USERNAME: "VC_USER", OPSTATUS_PASSWORD: "VC_PASS" } },
      },
    },
  }),
);
chmodSync(profiles, 0o600);

/** Spawns `opstatus worker` and measures from just before the spawn to its first Redis command; then kills it. */
function measureWorker() {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, "worker", "--profiles", profiles], {
      stdio: "ignore",
      env: { ...process.env, OPSTATUS_REDIS_URL: redisUrl, VC_USER: "bench", VC_PASS: "bench-password" },
    });
    let at;
    onCommand = () => {
      at = performance.now();
      child.kill("SIGKILL");
    };
    child.on("error", reject);
    child.on("exit", () =>
      at === undefined ? reject(new Error("opstatus worker exited before any Redis command")) : resolve(at - start),
    );
  });
}

/**
 * Spawns `args` and measures from just before the spawn to `until`: the first request at the server, or the exit.
 * @param {string[]} args
 * @param {"request" | "exit"} until
 * @param {Record<string, string>} env
 */
function measure(args, until, env = {}) {
  return new Promise((resolve, reject) => {
    let requestAt;
    if (until === "request") onRequest = () => (requestAt = performance.now());
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: "ignore", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code) => {
      const end = until === "request" ? requestAt : performance.now();
      if (code !== 0 || end === undefined)
        reject(new Error(`${args.join(" ")}: exit ${code}${end === undefined ? ", no request" : ""}`));
      else resolve(end - start);
    });
  });
}

const variants = {
  "node -e 0 (launch to exit)": () => measure(["-e", "0"], "exit"),
  "node -e 'fetch(url)' (launch to request)": () =>
    measure(["-e", `fetch(${JSON.stringify(vm)}).then((r) => r.text())`], "request"),
  "opstatus get, a ready token (launch to request)": () =>
    measure([cli, "get", "vmware-vsphere", "vm-42", "--base-url", url, "--quiet"], "request", {
      OPSTATUS_TOKEN: "bench-token",
    }),
  "opstatus wait, a log-in (launch to the log-in request)": () =>
    measure([cli, "wait", "vmware-vsphere", "vm-42", "--base-url", url, "--quiet"], "request", {
      OPSTATUS_USERNAME: "bench",
      OPSTATUS_PASSWORD: "bench-password",
    }),
  "opstatus worker (launch to its first Redis command)": measureWorker,
};

const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let i = 0; i < WARMUP; i++) for (const run of Object.values(variants)) await run();
for (let i = 0; i < RUNS; i++) {
  // a new random order each round, so that no variant always follows another
  const order = Object.keys(variants).sort(() => Math.random() - 0.5);
  for (const name of order) samples[name].push(await variants[name]());
}
server.close();
redis.close();
rmSync(scratch, { recursive: true, force: true });

const quantile = (list, q) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (x) => x.toFixed(1);
console.log(
  `opstatus start-up: ${RUNS} runs per variant (after ${WARMUP} warm-up), interleaved; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}`,
);
console.log("");
console.log("| variant | median (ms) | p90 (ms) | min (ms) |");
console.log("| --- | ---: | ---: | ---: |");
for (const [name, list] of Object.entries(samples))
  console.log(`| ${name} | ${ms(quantile(list, 0.5))} | ${ms(quantile(list, 0.9))} | ${ms(Math.min(...list))} |`);
