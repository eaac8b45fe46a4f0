// A Node script run as a child process that reports by printing one JSON object per line (the queue's worker
// processes in tests and benches): its events as they come, waiting for one, its exit. Plain JavaScript, so that the
// benches run it on Node as it is.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * @typedef {{ event: string, [field: string]: unknown }} ProcessEvent
 * @typedef {object} JsonLinesProcess
 * @property {import("node:child_process").ChildProcess} child
 * @property {ProcessEvent[]} events every line it printed, parsed, in order
 * @property {(match: (event: ProcessEvent) => boolean, timeoutMs?: number) => Promise<ProcessEvent>} next the first
 *   event (already printed or to come) that `match` accepts; rejects when the process exits first or on the timeout
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 * @property {() => Promise<void>} close SIGKILL unless it exited, and its exit
 */

/**
 * Starts `node <script>` with `env` added to this process's environment, an IPC channel, and its stdout read as JSON
 * lines (stderr is kept for error messages).
 * @param {string} script
 * @param {Record<string, string>} env
 * @returns {JsonLinesProcess}
 */
export function spawnJsonLines(script, env) {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  /** @type {ProcessEvent[]} */
  const events = [];
  /** @type {Set<() => void>} */
  const waiting = new Set();
  let stderr = "";
  createInterface({ input: /** @type {import("node:stream").Readable} */ (child.stdout) }).on("line", (line) => {
    events.push(JSON.parse(line));
    for (const wake of waiting) wake();
  });
  child.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  /** @type {JsonLinesProcess["exited"]} */
  const exited = new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      resolve({ code, signal });
      for (const wake of waiting) wake();
    }),
  );
  /** @type {JsonLinesProcess["next"]} */
  const next = (match, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const done = (/** @type {() => void} */ settle) => {
        clearTimeout(timer);
        waiting.delete(check);
        settle();
      };
      const check = () => {
        const found = events.find(match);
        if (found) return done(() => resolve(found));
        if (child.exitCode !== null || child.signalCode !== null)
          done(() => reject(new Error(`${script} exited (${child.exitCode ?? child.signalCode}): ${stderr}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`${script}: no such event within ${timeoutMs} ms: ${stderr}`))),
        timeoutMs,
      );
      waiting.add(check);
      check();
    });
  return {
    child,
    events,
    next,
    exited,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
