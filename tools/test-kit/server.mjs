// Loopback HTTP servers for tests and the examples: one that a handler answers, and one that plays an operation's
// life (the n-th request gets the n-th scripted answer). Plain JavaScript, so that the examples run it on Node as it is.
import { createServer } from "node:http";

/**
 * @typedef {object} LoopbackServer
 * @property {string} url
 * @property {{ method: string, url: string, headers: import("node:http").IncomingHttpHeaders }[]} requests every request, in order
 * @property {() => Promise<void>} close also drops kept-alive connections
 */

/**
 * One scripted answer of a simulated operation: a status with a JSON body (or `raw` text) and headers, maybe late;
 * or "reset", a connection dropped without an answer.
 * @typedef {{ status: number, body?: unknown, raw?: string, headers?: Record<string, string>, delayMs?: number } | "reset"} Step
 */

/**
 * An HTTP server on 127.0.0.1 with a free port.
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, index: number) => void | Promise<void>} handler
 * @returns {Promise<LoopbackServer>}
 */
export async function startServer(handler) {
  /** @type {LoopbackServer["requests"]} */
  const requests = [];
  /** @type {Set<import("node:net").Socket>} */
  const sockets = new Set();
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    void handler(req, res, requests.length - 1);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * A loopback server that answers the n-th request with the n-th step (the last one repeats).
 * @param {Step[]} steps
 * @returns {Promise<LoopbackServer>}
 */
export function scriptedServer(steps) {
  return startServer(async (req, res, index) => {
    const step = /** @type {Step} */ (steps[Math.min(index, steps.length - 1)]);
    if (step === "reset") {
      req.socket.destroy();
      return;
    }
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (res.destroyed) return;
    res.writeHead(step.status, { "content-type": "application/json", ...step.headers });
    res.end(step.raw ?? (step.body === undefined ? "" : JSON.stringify(step.body)));
  });
}
