// The one status call of a step: the caller's abort signal linked in, and a time limit of its own.
import { OpstatusNetworkError } from "./errors.js";
import type { Clock } from "./wait-options.js";
import type { Observation, WaitSpec, WaitState } from "./wait-types.js";

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  // Stryker disable next-line ArrowFunction: a timer left running fires into a settled poll or sleep and changes nothing there; it only keeps a process alive longer (the child-process tests, which Stryker's coverage does not see)
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function abortReason(signal: AbortSignal): unknown {
  // Stryker disable next-line StringLiteral: unreachable where this runs: an aborted signal always has a reason (Node 17 and later, browsers, Deno, Bun)
  return signal.reason ?? new DOMException("The wait was aborted", "AbortError");
}

/**
 * Runs one poll with its own time limit and the caller's abort signal linked in; cleans both up (no timer, listener
 * or unhandled rejection is left behind). The caller's abort (also one that the poll itself causes as it starts) ends
 * the poll at once, even if `spec.poll` ignores its signal; the time limit does not, so that a request that outlives
 * it is never joined by a second one.
 */
export function pollOnce<TBody>(
  spec: WaitSpec<TBody>,
  state: WaitState,
  limitMs: number,
  clock: Clock,
  signal: AbortSignal | undefined,
  unref: boolean,
): Promise<Observation<TBody>> {
  const controller = new AbortController();
  return new Promise<Observation<TBody>>((resolve, reject) => {
    let open = true;
    const done = () => {
      if (!open) return;
      open = false;
      clock.clearTimeout(timer);
      signal?.removeEventListener("abort", aborted);
    };
    const aborted = () => {
      done();
      controller.abort(abortReason(signal!));
      reject(abortReason(signal!));
    };
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: done() removes the listener on every end, the abort included
    signal?.addEventListener("abort", aborted, { once: true });
    const timer = clock.setTimeout(
      () => controller.abort(new DOMException(`no answer within ${limitMs} ms`, "TimeoutError")),
      limitMs,
    );
    if (unref) (timer as { unref?: () => void })?.unref?.();
    new Promise<Observation<TBody>>((settle) => settle(spec.poll(controller.signal, state)))
      .then(resolve, (error: unknown) =>
        reject(
          controller.signal.aborted && !signal?.aborted
            ? new OpstatusNetworkError({
                provider: spec.provider,
                operation: spec.operation,
                message: `no answer within ${limitMs} ms`,
                cause: error,
              })
            : error,
        ),
      )
      .finally(done);
  });
}
