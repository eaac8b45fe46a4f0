import { OpstatusApiError, OpstatusNetworkError, OpstatusRequestError, type ErrorScope } from "./errors.js";
import {
  OpstatusAbortError,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
} from "./wait-errors.js";
import type {
  CanonicalState,
  Clock,
  Observation,
  PollRecord,
  WaitOptions,
  WaitResult,
  WaitToken,
} from "./wait-types.js";

const TERMINAL: ReadonlySet<string> = new Set(["succeeded", "failed", "canceled"]);

/** A vendor's status values and the canonical state each one means: the whole mapping of a provider, as data. */
export type StatusTable = Readonly<Record<string, CanonicalState>>;

/** Looks a vendor status up in a table; `unknown` when it is not there. */
export function lookupState(
  table: StatusTable,
  status: string | undefined,
  options: { ignoreCase?: boolean } = {},
): CanonicalState | "unknown" {
  if (status === undefined) return "unknown";
  const key = options.ignoreCase ? status.trim().toUpperCase() : status.trim();
  return Object.hasOwn(table, key) ? table[key]! : "unknown";
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The largest delay Node's timers accept (2^31 - 1 ms); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
const MAX_HISTORY = 1000;
/** The last poll, at the deadline, still gets this long to answer. */
const MIN_REQUEST_TIME_MS = 1000;

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Bounded jitter: a delay drawn uniformly between `minDelay` and the exponential cap
 * `min(maxDelay, minDelay * 2^(attempt - 1))`, on every delay (also once the cap is reached). Unlike AWS's "full
 * jitter" (uniform between 0 and the cap), no delay is ever shorter than `minDelay`.
 */
export function backoffDelay(attempt: number, minDelay: number, maxDelay: number, random: () => number): number {
  const cap = Math.min(maxDelay, minDelay * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  const r = random();
  // a random source that strays outside [0, 1] (or gives NaN) must not make a delay shorter than minDelay
  return minDelay + (r >= 0 && r <= 1 ? r : 0) * Math.max(0, cap - minDelay);
}

/**
 * Errors worth another poll: no answer (`OpstatusNetworkError`: refused, reset, DNS, TLS, the per-request time
 * limit), 408, 425, 429, 5xx, and a 2xx whose body could not be read (cut off). Every other error ends the wait.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof OpstatusNetworkError) return true;
  if (error instanceof OpstatusApiError) {
    const { status } = error;
    return (
      status === 408 ||
      status === 425 ||
      status === 429 ||
      (status >= 500 && status <= 599) ||
      (status >= 200 && status <= 299)
    );
  }
  return false;
}

export function encodeWaitToken(token: WaitToken): string {
  return JSON.stringify(token);
}

/** Reads a token for `target` back; a token that is not one, or is for another wait, throws `OpstatusRequestError`. */
export function decodeWaitToken(scope: ErrorScope, target: string, text: string): WaitToken {
  let token: any;
  try {
    token = JSON.parse(text);
  } catch {}
  const bad = (what: string) => new OpstatusRequestError({ ...scope, message: `the resume token ${what}` });
  if (token?.v !== 1) throw bad(`has unsupported version ${token?.v}`);
  if (token.provider !== scope.provider || token.operation !== scope.operation || token.target !== target)
    throw bad(`is for ${token.provider} ${token.operation} ${token.target}, not ${target}`);
  for (const key of ["deadline", "nextPollAt", "startedAt", "lastPollAt"])
    if (!Number.isFinite(token[key]) && (token[key] !== undefined || key === "deadline" || key === "nextPollAt"))
      throw bad(`has no valid ${key}`);
  if (!Number.isSafeInteger(token.attempt) || token.attempt < 0) throw bad("has no valid attempt");
  return token;
}

export interface WaitSpec<TBody> extends ErrorScope {
  /** What is waited for, as a string (stored in resume tokens). */
  target: string;
  /** One status request; must honour `signal`. Throws the provider's typed errors. */
  poll(signal: AbortSignal): Promise<Observation<TBody>>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The wait was aborted", "AbortError");
}

/**
 * Checks every number of `options` before anything is sent: `Number(process.env.X)` with X unset is NaN, and a NaN
 * timeout or a zero delay would poll the vendor hundreds of times a second. A bound that is not given follows the
 * one that is (minDelay 60000 alone means maxDelay 60000).
 */
function checkOptions(scope: ErrorScope, options: WaitOptions<any>) {
  const number = (name: "timeout" | "minDelay" | "maxDelay" | "initialDelay", fallback?: number) => {
    const value: unknown = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !(value > 0 || (name === "initialDelay" && value === 0)) || value === Infinity)
      throw new OpstatusRequestError({
        ...scope,
        message: `the ${name} option must be a finite number of milliseconds ${name === "initialDelay" ? ">= 0" : "> 0"}, not ${JSON.stringify(value) ?? value}`,
      });
    return value;
  };
  const givenMax = number("maxDelay");
  const minDelay = number("minDelay", Math.min(1000, givenMax ?? 1000))!;
  const maxDelay = givenMax ?? Math.max(30_000, minDelay);
  if (maxDelay < minDelay)
    throw new OpstatusRequestError({
      ...scope,
      message: `the maxDelay option (${maxDelay}) must not be less than minDelay (${minDelay})`,
    });
  if (![undefined, "fail", "wait"].includes(options.unknownStatus))
    throw new OpstatusRequestError({
      ...scope,
      message: `the unknownStatus option must be "fail" or "wait", not ${JSON.stringify(options.unknownStatus)}`,
    });
  return { timeout: number("timeout", 600_000)!, minDelay, maxDelay, initialDelay: number("initialDelay", 0)! };
}

/**
 * Sleeps on `clock` until `at`, in steps Node's timers accept, unless `signal` aborts first; leaves no timer or listener
 * behind. Always waits on at least one timer, even when `at` has passed: the loop can never go from one poll to the
 * next without giving the event loop (and an abort) a turn.
 */
async function sleepUntil(at: number, clock: Clock, signal: AbortSignal | undefined, unref: boolean): Promise<void> {
  do
    await new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => {
        clock.clearTimeout(handle);
        reject(abortReason(signal!));
      };
      const handle = clock.setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.min(Math.max(0, at - clock.now()), MAX_TIMER_MS),
      );
      if (unref) (handle as { unref?: () => void })?.unref?.();
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  while (clock.now() < at);
}

/**
 * Runs one poll with its own time limit and the caller's abort signal linked in; cleans both up. The caller's abort
 * ends the poll at once, even if `spec.poll` ignores its signal; the time limit does not, so that a request that
 * outlives it is never joined by a second one.
 */
function pollOnce<TBody>(
  spec: WaitSpec<TBody>,
  limitMs: number,
  clock: Clock,
  signal: AbortSignal | undefined,
  unref: boolean,
) {
  return new Promise<Observation<TBody>>((resolve, reject) => {
    const controller = new AbortController();
    let open = true;
    const done = () => {
      if (!open) return;
      open = false;
      clock.clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      done();
      controller.abort(abortReason(signal!));
      reject(abortReason(signal!));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = clock.setTimeout(
      () => controller.abort(new DOMException(`no answer within ${limitMs} ms`, "TimeoutError")),
      limitMs,
    );
    if (unref) (timer as { unref?: () => void })?.unref?.();
    new Promise<Observation<TBody>>((settle) => settle(spec.poll(controller.signal)))
      .then(resolve, (error) =>
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

/**
 * The waiter engine: polls `spec.poll` until a terminal state, with exponential backoff and bounded jitter,
 * `Retry-After` as a floor, a hard deadline with a last poll at it, abort, retries of transient errors,
 * progress events and resumable state.
 */
export async function waitUntilDone<TBody>(
  spec: WaitSpec<TBody>,
  options: WaitOptions<TBody> = {},
): Promise<WaitResult<TBody>> {
  const scope = { provider: spec.provider, operation: spec.operation };
  const { timeout, minDelay, maxDelay, initialDelay } = checkOptions(scope, options);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const unref = options.unref ?? false;
  const { signal } = options;
  // the pacing floor: no two polls closer than this (a minDelay beyond Node's largest timer is that timer)
  const gap = Math.min(minDelay, MAX_TIMER_MS);

  const now = clock.now();
  const resumed = options.resume ? decodeWaitToken(scope, spec.target, options.resume) : undefined;
  // a version-1 token from before startedAt: the first start is unknown, so elapsedMs counts from this resume
  const startedAt = resumed?.startedAt ?? now;
  const deadline = resumed && options.timeout === undefined ? resumed.deadline : now + timeout;
  let attempt = resumed?.attempt ?? 0;
  let nextPollAt = resumed?.nextPollAt ?? now + initialDelay;
  /** When the last poll's answer (or error, or abort) came; undefined before the first poll. */
  let lastPollAt = resumed?.lastPollAt;
  const history: PollRecord[] = [];
  let last: Observation<TBody> | undefined;
  let lastError: unknown;

  const token = (): string =>
    encodeWaitToken({
      v: 1,
      provider: spec.provider,
      operation: spec.operation,
      target: spec.target,
      startedAt,
      deadline,
      attempt,
      nextPollAt,
      ...(lastPollAt === undefined ? {} : { lastPollAt }),
    });
  const aborted = () => new OpstatusAbortError({ ...scope, cause: abortReason(signal!), resumeToken: token() });

  for (;;) {
    // the poll is due at nextPollAt, but not after the deadline, and never sooner than `gap` after the last one
    const dueAt = Math.max(
      lastPollAt === undefined ? Number.NEGATIVE_INFINITY : lastPollAt + gap,
      Math.min(nextPollAt, deadline),
    );
    await sleepUntil(dueAt, clock, signal, unref).catch((error) => {
      throw signal?.aborted ? aborted() : error;
    });

    attempt++;
    const limit = Math.min(Math.max(deadline - clock.now(), MIN_REQUEST_TIME_MS), MAX_TIMER_MS);
    let observation: Observation<TBody> | undefined;
    let retryAfter: string | null | undefined;
    try {
      observation = await pollOnce(spec, limit, clock, signal, unref);
      retryAfter = observation.retryAfter;
      lastError = undefined;
    } catch (error) {
      if (signal?.aborted) {
        // the dropped request is not counted; the vendor may have seen it, so the next poll keeps minDelay from now
        attempt--;
        lastPollAt = nextPollAt = clock.now();
        throw aborted();
      }
      if (!isRetryable(error)) throw error;
      lastError = error;
      retryAfter = (error as Partial<OpstatusApiError>).headers?.get("retry-after");
    }

    const after = clock.now();
    lastPollAt = after;
    history.push({
      attempt,
      at: after,
      elapsedMs: after - startedAt,
      httpStatus: observation ? observation.httpStatus : (lastError as Partial<OpstatusApiError>).status,
      ...(observation
        ? { vendorStatus: observation.vendorStatus, state: observation.state }
        : { error: (lastError as Error).message ?? String(lastError) }),
    });
    if (history.length > MAX_HISTORY) history.shift();
    const ended = observation !== undefined && TERMINAL.has(observation.state);
    if (observation && observation.state === "unknown" && (options.unknownStatus ?? "fail") === "fail") {
      throw new OpstatusUnknownStatusError({
        ...scope,
        vendorStatus: observation.vendorStatus,
        body: observation.body,
      });
    }

    let delay: number | undefined;
    if (!ended) {
      const floor = parseRetryAfter(retryAfter, after) ?? 0;
      const planned = Math.min(Math.max(backoffDelay(attempt, minDelay, maxDelay, random), floor), MAX_TIMER_MS);
      // clamped to the time left, but never below the pacing floor: the last poll may come a little after the
      // deadline. Past the deadline the token keeps the planned delay, for a resume with a new timeout.
      delay = after >= deadline ? planned : Math.min(Math.max(Math.min(planned, deadline - after), gap), MAX_TIMER_MS);
      nextPollAt = after + delay;
    }

    if (observation && observation.vendorStatus !== last?.vendorStatus) {
      options.onProgress?.({
        attempt,
        elapsedMs: after - startedAt,
        state: observation.state,
        vendorStatus: observation.vendorStatus,
        previousVendorStatus: last?.vendorStatus,
        httpStatus: observation.httpStatus,
        nextDelayMs: after >= deadline ? undefined : delay,
        body: observation.body,
      });
    }
    if (observation) last = observation;

    if (ended) {
      const result: WaitResult<TBody> = {
        state: observation!.state as CanonicalState,
        vendorStatus: observation!.vendorStatus,
        body: observation!.body,
        ...(observation!.reason ? { reason: observation!.reason } : {}),
        attempts: attempt,
        elapsedMs: after - startedAt,
        history,
      };
      if (result.state === "succeeded") return result;
      throw new OpstatusOperationFailedError({ ...scope, result });
    }
    options.onCheckpoint?.(token());
    if (after >= deadline)
      throw new OpstatusTimeoutError({
        ...scope,
        elapsedMs: after - startedAt,
        attempts: attempt,
        lastStatus: last?.vendorStatus,
        lastBody: last?.body,
        history,
        resumeToken: token(),
        ...(lastError === undefined
          ? {}
          : { lastError: lastError instanceof Error ? lastError.message : String(lastError), cause: lastError }),
      });
  }
}
