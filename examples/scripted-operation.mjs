// A tiny HTTP server on 127.0.0.1 that plays an operation's life: the n-th request gets the n-th answer (the last
// one repeats). The Prism mock always answers the same; this shows a waiter following a changing status.
import { createServer } from "node:http";

export async function startScriptedOperation(answers) {
  let served = 0;
  const server = createServer((_req, res) => {
    const { status = 200, body, headers = {} } = answers[Math.min(served++, answers.length - 1)];
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Prints each status transition the waiter reports. */
export const logProgress = (e) => console.log(`  poll ${e.attempt} after ${e.elapsedMs} ms: ${e.vendorStatus} (${e.state})`);

/** The Prism mock started by `pnpm mock <provider>`, unless OPSTATUS_BASE_URL points elsewhere. */
export const baseUrl = process.env.OPSTATUS_BASE_URL ?? "http://127.0.0.1:4010";
