// The one status call of a step: the caller's abort signal linked in, and a time limit of its own.
import { OpstatusNetworkError } from "./errors.js";
import type { Clock } from "./wait-options.js";
import type { Observation, WaitSpec, WaitState } from "./wait-types.js";

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The wait was aborted", "AbortError");
}

/**
 * Starts `work` and waits for it until it settles; after `ms`, `onTime` asks it to end; an abort of `signal` (also one
 * that `work` itself causes as it starts) rejects at once with the signal's reason, after `onAbort`. Leaves no timer
 * or listener behind, and no rejection of `work` unhandled.
 */
function guarded<T>(
  work: () => T | Promise<T>,
  ms: number,
  clock: Clock,
  signal: AbortSignal | undefined,
  unref: boolean,
  onTime: () => void,
  onAbort: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let open = true;
    const done = () => {
      if (!open) return;
      open = false;
      clock.clearTimeout(timer);
      signal?.removeEventListener("abort", aborted);
    };
    const aborted = () => {
      done();
      onAbort();
      reject(abortReason(signal!));
    };
    signal?.addEventListener("abort", aborted, { once: true });
    const timer = clock.setTimeout(onTime, ms);
    if (unref) (timer as { unref?: () => void })?.unref?.();
    new Promise<T>((settle) => settle(work())).then(resolve, reject).finally(done);
  });
}

/**
 * Runs one poll with its own time limit and the caller's abort signal linked in; cleans both up. The caller's abort
 * ends the poll at once, even if `spec.poll` ignores its signal; the time limit does not, so that a request that
 * outlives it is never joined by a second one.
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
  return guarded(
    () => spec.poll(controller.signal, state),
    limitMs,
    clock,
    signal,
    unref,
    () => controller.abort(new DOMException(`no answer within ${limitMs} ms`, "TimeoutError")),
    () => controller.abort(abortReason(signal!)),
  ).catch((error) => {
    throw controller.signal.aborted && !signal?.aborted
      ? new OpstatusNetworkError({
          provider: spec.provider,
          operation: spec.operation,
          message: `no answer within ${limitMs} ms`,
          cause: error,
        })
      : error;
  });
}
