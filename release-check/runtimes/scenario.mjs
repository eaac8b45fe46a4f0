// The smoke scenario that every runtime runs, using only the public API of @opstatus/oracle-primavera-admin as
// loaded by the caller (import, require or a browser bundle). It returns plain JSON; run.mjs judges it, so that a
// runtime that cannot even finish the scenario still reports what it got.

/**
 * What a run is given: the scripted server, this run's job-id prefix and the Basic credential the server takes.
 * @typedef {{ baseUrl: string, prefix: string, credentials: { username: string, password: string } }} SmokeConfig
 */

/** @typedef {typeof import("@opstatus/oracle-primavera-admin")} Primavera the package's ESM namespace */

/** Which runtime this is, as the runtime itself reports it. */
export function runtimeName() {
  const { Bun, Deno } = /** @type {{ Bun?: { version: string }, Deno?: { version: { deno: string } } }} */ (globalThis);
  if (Bun) return `bun ${Bun.version}`;
  if (Deno) return `deno ${Deno.version.deno}`;
  if (typeof process !== "undefined" && process.versions?.node) return `node ${process.versions.node}`;
  const chrome = /Chrome\/(\d+)/.exec(globalThis.navigator?.userAgent ?? "");
  return chrome ? `chromium ${chrome[1]}` : (globalThis.navigator?.userAgent ?? "unknown");
}

/** @param {unknown} error */
const describe = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * @param {Primavera} p6 the package as the caller loaded it (ESM namespace, CJS exports or bundle)
 * @param {SmokeConfig} config
 */
export async function smoke(p6, { baseUrl, prefix, credentials }) {
  const { createPrimaveraClient, waitForJob } = p6;
  const client = createPrimaveraClient({ baseUrl, auth: { basic: credentials } });
  /** @type {Record<string, any>} */
  const result = { runtime: runtimeName() };
  /** @type {(name: string, run: () => Promise<Record<string, unknown>>) => Promise<void>} */
  const timed = async (name, run) => {
    const start = performance.now();
    try {
      result[name] = await run();
    } catch (error) {
      result[name] = { error: describe(error) };
    }
    result[name].ms = Math.round(performance.now() - start);
  };

  // (a) one status call, answered 200 with a small UserDataStore
  await timed("status", async () => {
    const job = await client.getJobStatus(`${prefix}-status`);
    return { httpStatus: job.httpStatus, done: job.done, loginId: job.result?.added?.[0]?.loginId ?? null };
  });

  // (b) a wait through 503, then 202 with Retry-After: 1, then 200
  await timed("wait", async () => {
    const done = await waitForJob(client, `${prefix}-wait`, { minDelay: 50, maxDelay: 200, timeout: 10_000 });
    const answers = done.history.map((poll) => ({
      status: poll.httpStatus ?? null,
      at: poll.at,
      error: poll.error ?? null,
    }));
    const after202 = answers.findIndex((poll) => poll.status === 202);
    const at202 = answers[after202];
    const next = answers[after202 + 1];
    return {
      state: done.state,
      attempts: done.attempts,
      statuses: answers.map((poll) => poll.status ?? poll.error),
      // when the answer after the 202 came, counted from the 202's answer (the waiter's own clock)
      gapAfter202Ms: at202 && next ? next.at - at202.at : null,
    };
  });

  // (c) a wait on a job whose server never answers, aborted after ~100 ms
  await timed("abort", async () => {
    const controller = new AbortController();
    const start = performance.now();
    const timer = setTimeout(() => controller.abort(), 100);
    try {
      await waitForJob(client, `${prefix}-hang`, {
        minDelay: 50,
        maxDelay: 200,
        timeout: 10_000,
        signal: controller.signal,
      });
      return { name: null, error: "the wait resolved" };
    } catch (error) {
      return {
        name: /** @type {{ name?: string } | undefined} */ (error)?.name ?? null,
        message: describe(error),
        rejectedAfterMs: Math.round(performance.now() - start),
      };
    } finally {
      clearTimeout(timer);
    }
  });
  return result;
}
