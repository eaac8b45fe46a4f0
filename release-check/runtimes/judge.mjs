// What a passing smoke run looks like: the runtime's JSON result and what the scripted server saw, checked together.
// Returns the problems; an empty list is a pass.

/** How soon an aborted wait must reject once `abort()` is called at ~100 ms. */
const ABORT_LIMIT_MS = 1000;
const RETRY_AFTER_MS = 1000;

/**
 * One run of the matrix: which runtime, and how it loads the package ("import", "require", "esbuild bundle").
 * @typedef {{ kind: string, label: string, entry: string }} Row
 */
/**
 * What a run reported: the scenario's result (scenario.mjs) with how the package was loaded, or why there is none.
 * @typedef {object} SmokeResult
 * @property {string} [fatal] the run gave no result, or exited badly
 * @property {string[]} [problems] what the browser reported besides the result
 * @property {string} [runtime]
 * @property {string | null} [resolved] the file the package resolved to
 * @property {string} [loads]
 * @property {{ error?: string, httpStatus?: number, done?: boolean, loginId?: string | null, ms?: number }} [status]
 * @property {{ error?: string, state?: string, attempts?: number, statuses?: unknown[], gapAfter202Ms?: number | null, ms?: number }} [wait]
 * @property {{ error?: string, name?: string | null, message?: string, rejectedAfterMs?: number, ms?: number }} [abort]
 */

/**
 * The problems of one smoke run; empty when it passed.
 * @param {Row} row
 * @param {SmokeResult} result
 * @param {import("./server.mjs").ServerReport} server
 * @returns {string[]}
 */
export function judge(row, result, server) {
  if (result.fatal) return [result.fatal];
  const problems = [...(result.problems ?? [])];
  /** @type {(ok: boolean, message: string) => void} */
  const expect = (ok, message) => {
    if (!ok) problems.push(message);
  };
  if (row.kind === "node") expect(result.runtime === row.label, `ran on ${result.runtime}, not ${row.label}`);
  else expect(String(result.runtime).startsWith(`${row.kind} `), `ran on ${result.runtime}, not ${row.kind}`);
  if (row.kind === "node") {
    const file = row.entry === "require" ? "dist/index.cjs" : "dist/index.js";
    expect(
      String(result.resolved).endsWith(`oracle-primavera-admin/${file}`),
      `${row.entry} resolved ${result.resolved}, not ${file}`,
    );
  }

  const { status, wait, abort } = result;
  if (status?.error) problems.push(`status call: ${status.error}`);
  else
    expect(
      status?.httpStatus === 200 && status.done === true && status.loginId === "jdoe",
      `status call returned ${JSON.stringify(status)}`,
    );
  expect(server.statusGets === 1, `status call sent ${server.statusGets} GETs`);

  if (wait?.error) problems.push(`wait: ${wait.error}`);
  else {
    expect(wait?.state === "succeeded", `wait ended ${wait?.state}`);
    expect(wait?.attempts === 3, `wait took ${wait?.attempts} polls, not 3`);
    expect(
      (wait?.gapAfter202Ms ?? Number.NEGATIVE_INFINITY) >= RETRY_AFTER_MS,
      `the waiter's next answer came ${wait?.gapAfter202Ms} ms after the 202 (Retry-After: 1)`,
    );
  }
  expect(
    JSON.stringify(server.waitStatuses) === "[503,202,200]",
    `server answered the wait's GETs ${JSON.stringify(server.waitStatuses)}`,
  );
  expect(
    (server.gapAfter202Ms ?? Number.NEGATIVE_INFINITY) >= RETRY_AFTER_MS,
    `next poll reached the server ${server.gapAfter202Ms} ms after the 202 (Retry-After: 1)`,
  );

  if (abort?.error) problems.push(`abort: ${abort.error}`);
  else {
    expect(abort?.name === "AbortError", `aborted wait rejected with ${abort?.name} (${abort?.message})`);
    expect(
      (abort?.rejectedAfterMs ?? Number.POSITIVE_INFINITY) <= ABORT_LIMIT_MS,
      `aborted wait rejected after ${abort?.rejectedAfterMs} ms`,
    );
  }
  expect(server.hangGets >= 1, "the aborted wait never reached the server");
  return problems;
}
