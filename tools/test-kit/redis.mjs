// A real Redis for tests and benches: Debian's `redis-server` on a free loopback port, its data in a temporary folder,
// with the append-only file on (so that a graceful restart keeps every key). Plain JavaScript, so that the benches
// run it on Node as it is. Without the program it fails and says how to install it (tests fail, they do not skip).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { freePort } from "../src/mock.mjs";

/** How long `redis-server` may take to accept connections after it starts. */
const START_TIMEOUT_MS = 15_000;

/**
 * Where `redis-server` is: `REDIS_SERVER_PATH`, or the first one on `PATH`; otherwise how to install it.
 * @returns {{ path: string, missing?: undefined } | { path?: undefined, missing: string }}
 */
export function findRedisServer() {
  const given = process.env.REDIS_SERVER_PATH;
  const candidates = given
    ? [given]
    : (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "redis-server"));
  const path = candidates.find((file) => file && existsSync(file));
  if (path) return { path };
  return {
    missing: `redis-server not found (${given ? `REDIS_SERVER_PATH=${given}` : "not on PATH"}): install Debian's package (\`apt-get update && apt-get install -y redis-server\`) or set REDIS_SERVER_PATH`,
  };
}

/**
 * @typedef {object} RedisServer
 * @property {string} host 127.0.0.1
 * @property {number} port
 * @property {string} url redis://127.0.0.1:<port>
 * @property {string} dir the data folder (the append-only file lives there)
 * @property {() => number | undefined} pid the running server's process id
 * @property {() => Promise<void>} restart a graceful restart: SIGTERM (Redis writes its append-only file and exits),
 *   then the same server again on the same port and folder
 * @property {() => Promise<void>} stop SIGTERM, and the folder removed
 */

/**
 * Starts `redis-server` on a free loopback port, with `--appendonly yes` (fsync every second), no RDB snapshots and
 * `maxmemory-policy noeviction` (what BullMQ asks for).
 * @param {{ appendonly?: boolean }} [options]
 * @returns {Promise<RedisServer>}
 */
export async function startRedis(options = {}) {
  const found = findRedisServer();
  if (!found.path) throw new Error(found.missing);
  const program = found.path;
  const dir = mkdtempSync(join(tmpdir(), "opstatus-redis-"));
  const port = await freePort();
  const args = [
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
    "--dir",
    dir,
    "--appendonly",
    options.appendonly === false ? "no" : "yes",
    "--appendfsync",
    "everysec",
    "--save",
    "",
    "--maxmemory-policy",
    "noeviction",
    "--daemonize",
    "no",
    "--logfile",
    "",
  ];
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let child;
  let output = "";

  const start = async () => {
    output = "";
    const started = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    started.stdout?.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
    started.stderr?.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await answersPing(port))) {
      if (started.exitCode !== null || started.signalCode !== null)
        throw new Error(`redis-server exited (${started.exitCode ?? started.signalCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const terminate = () =>
    new Promise((resolve) => {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve(undefined);
      running.once("exit", () => resolve(undefined));
      running.kill("SIGTERM");
    });

  const kill = () => child?.kill("SIGKILL");
  process.once("exit", kill);
  try {
    await start();
  } catch (error) {
    await terminate();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: "127.0.0.1",
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pid: () => child?.pid,
    restart: async () => {
      await terminate();
      await start();
    },
    stop: async () => {
      await terminate();
      process.removeListener("exit", kill);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether a Redis answers PING on the loopback port (RESP inline command, no client library).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk;
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
  });
}
