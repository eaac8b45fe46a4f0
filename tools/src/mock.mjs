// Prism (@stoplight/prism-cli) on loopback, from one provider's spec: a mock that answers with the spec's examples
// and rejects requests that break the spec, or (with `proxy`) a validating proxy in front of the real vendor.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { provider as providerPaths } from "./workspace.mjs";

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

/**
 * A free TCP port on 127.0.0.1.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} MockServer
 * @property {string} url
 * @property {string} output Prism's log so far (request validation messages included)
 * @property {() => Promise<void>} close
 */

/**
 * Starts Prism for `name` and resolves once it listens. `close()` stops it; it is also stopped when this process
 * exits. `output` collects Prism's log (request validation messages included).
 * @param {string} name the provider
 * @param {{ port?: number, proxy?: string | undefined, host?: string, log?: boolean }} [options]
 * @returns {Promise<MockServer>}
 */
export async function startMock(name, { port, proxy, host = "127.0.0.1", log = false } = {}) {
  const { specPath } = providerPaths(name);
  const listenPort = port ?? (await freePort());
  const args = proxy
    ? [prismBin, "proxy", specPath, proxy, "-h", host, "-p", String(listenPort)]
    : [prismBin, "mock", specPath, "-h", host, "-p", String(listenPort)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const stop = () => child.kill("SIGTERM");
  process.once("exit", stop);
  let output = "";
  const ready = /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      const onData = (/** @type {Buffer} */ chunk) => {
        output += chunk;
        if (log) process.stdout.write(chunk);
        if (output.includes("Prism is listening")) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`Prism exited (${code}) before listening:\n${output}`)));
    })
  );
  const timer = setTimeout(() => stop(), 60_000);
  try {
    await ready;
  } finally {
    clearTimeout(timer);
  }
  return {
    url: `http://${host}:${listenPort}`,
    get output() {
      return output;
    },
    close: () =>
      /** @type {Promise<void>} */ (
        new Promise((resolve) => {
          process.removeListener("exit", stop);
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          stop();
        })
      ),
  };
}
