import {
  OpstatusApiError,
  OpstatusError,
  OpstatusNetworkError,
  OpstatusRequestError,
  type ErrorScope,
} from "./errors.js";

/** The five states every vendor status maps to. */
export type CanonicalState = "pending" | "running" | "succeeded" | "failed" | "canceled";
const TERMINAL: ReadonlySet<string> = new Set(["succeeded", "failed", "canceled"]);

/** What one poll saw, already mapped by the provider's status table. */
export interface Observation<TBody> {
  /** The canonical state, or `unknown` when the vendor sent a status the mapping does not know. */
  state: CanonicalState | "unknown";
  /** The vendor's own status (a status string, or the HTTP code where the status is the code). */
  vendorStatus: string;
  body: TBody;
  httpStatus: number;
  /** Why the operation failed, or what a succeeded operation left undone. */
  reason?: string;
  /** The response's `Retry-After`, if any. */
  retryAfter?: string | null;
}

/** One poll in the history. */
export interface PollRecord {
  /** The poll's number in the whole wait (it goes on counting across a resume). */
  attempt: number;
  /** Epoch milliseconds when the answer (or error) came. */
  at: number;
  /** Milliseconds since the wait first started (before any resume). */
  elapsedMs: number;
  httpStatus?: number;
  vendorStatus?: string;
  state?: CanonicalState | "unknown";
  /** The error that made this poll fail (retried). */
  error?: string;
}

/** A status transition, given to `onProgress`. Repeated identical polls are not transitions. */
export interface ProgressEvent<TBody> {
  attempt: number;
  /** Milliseconds since the wait first started (before any resume). */
  elapsedMs: number;
  state: CanonicalState | "unknown";
  vendorStatus: string;
  previousVendorStatus: string | undefined;
  httpStatus: number;
  /** Milliseconds until the next poll; undefined when the wait has ended. */
  nextDelayMs: number | undefined;
  body: TBody;
}

/** Timers and time, injectable so that schedules can be tested with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Every number is checked before the first request: a value that is not a finite number, a `timeout`, `minDelay` or
 * `maxDelay` that is not more than 0, an `initialDelay` below 0 or a `maxDelay` below `minDelay` throws
 * `OpstatusRequestError` naming the option, and nothing is sent.
 */
export interface WaitOptions<TBody = unknown> {
  /**
   * Bound on the whole wait, in ms (default 10 minutes). One last poll happens at the deadline (or `minDelay` after
   * the poll before it, when that is later). Given together with `resume`, it sets a new deadline counted from now;
   * without it, a resumed wait keeps the token's deadline.
   */
  timeout?: number;
  /**
   * Smallest delay between two polls, in ms (default 1000, or `maxDelay` when that is smaller). No two polls of a
   * wait are ever closer, not even the last one at the deadline.
   */
  minDelay?: number;
  /**
   * Largest delay between polls, in ms (default 30000, or `minDelay` when that is larger). Each delay is drawn
   * uniformly between minDelay and an exponential cap that grows to maxDelay.
   */
  maxDelay?: number;
  /** Delay before the first poll, in ms (default 0); a resumed wait polls when its token says instead. */
  initialDelay?: number;
  /**
   * Ends the wait: clears the timer, aborts the request in flight, sends nothing more, and rejects with an
   * `OpstatusAbortError` (its `name` is "AbortError", its `cause` the signal's reason, its `resumeToken` goes on).
   */
  signal?: AbortSignal;
  /** What to do with a vendor status the mapping does not know: fail at once (default) or keep waiting. */
  unknownStatus?: "fail" | "wait";
  onProgress?: (event: ProgressEvent<TBody>) => void;
  /** Called after every poll with a token from which `resume` continues the wait in another process. */
  onCheckpoint?: (token: string) => void;
  /**
   * A token from `onCheckpoint`, or the `resumeToken` of an `OpstatusTimeoutError` or `OpstatusAbortError`: go on
   * with that wait instead of starting anew. The attempt count, the backoff and `elapsedMs` carry on from the first
   * start; `history` holds this call's polls only. The first poll comes when the token says, and never sooner than
   * `minDelay` after the last poll before the token. Pass `timeout` too to set a new deadline from now (needed to go
   * on after a timeout: with the old deadline passed, the wait polls once more and times out again).
   */
  resume?: string;
  /** Let the process exit while only this wait's timers are pending (Node's `timer.unref()`). */
  unref?: boolean;
  clock?: Clock;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
}

export interface WaitResult<TBody> {
  state: CanonicalState;
  vendorStatus: string;
  /** The provider's typed final body. */
  body: TBody;
  /** What a succeeded operation left undone (e.g. deletions that failed), or why it failed. */
  reason?: string;
  /** Polls in the whole wait, also those before a resume. */
  attempts: number;
  /** Milliseconds since the wait first started (before any resume). */
  elapsedMs: number;
  /** This call's polls (the last 1000), numbered by `attempt`; after a resume, the earlier process's are not here. */
  history: PollRecord[];
}

/**
 * The serialised state of a wait (version 1), as JSON. It holds no secret: which wait it is, its times and its
 * attempt count. `startedAt` and `lastPollAt` came later within version 1: a token without `startedAt` counts
 * `elapsedMs` from the resume, one without `lastPollAt` lets the first poll come as soon as `nextPollAt`.
 */
export interface WaitToken {
  v: 1;
  provider: string;
  operation: string;
  /** What is waited for (an id, or a filter), so that a token is not resumed against another target. */
  target: string;
  /** Epoch ms when the wait first started. */
  startedAt?: number;
  /** Epoch ms of the deadline. */
  deadline: number;
  /** Polls so far. */
  attempt: number;
  /** Epoch ms when the next poll is due (by the backoff and `Retry-After`). */
  nextPollAt: number;
  /** Epoch ms of the last poll's answer (or error, or abort); the next poll is never sooner than minDelay after it. */
  lastPollAt?: number;
}

interface WaitErrorDetails<TBody> extends ErrorScope {
  result: WaitResult<TBody>;
  resumeToken?: string;
}

/** The operation ended failed or canceled; `result` holds the final body, the reason and the history. */
export class OpstatusOperationFailedError<TBody = unknown> extends OpstatusError {
  override name = "OpstatusOperationFailedError";
  readonly result: WaitResult<TBody>;
  constructor(details: WaitErrorDetails<TBody>) {
    const { result } = details;
    super(
      details,
      `operation ended ${result.state} (status ${result.vendorStatus})${result.reason ? `: ${result.reason}` : ""}`,
    );
    this.result = result;
  }
}

/**
 * The deadline passed; `lastStatus` is the last status seen (undefined if no poll got an answer). `resumeToken` goes
 * on with the wait: pass it as `resume` together with a new `timeout`.
 */
export class OpstatusTimeoutError<TBody = unknown> extends OpstatusError {
  override name = "OpstatusTimeoutError";
  readonly lastStatus: string | undefined;
  readonly lastBody: TBody | undefined;
  /** This call's polls (see `WaitResult.history`). */
  readonly history: PollRecord[];
  /** Polls in the whole wait, also those before a resume. */
  readonly attempts: number;
  readonly resumeToken: string | undefined;
  constructor(
    scope: ErrorScope,
    elapsedMs: number,
    last: Observation<TBody> | undefined,
    history: PollRecord[],
    lastError?: unknown,
    { attempts = history.length, resumeToken }: { attempts?: number; resumeToken?: string } = {},
  ) {
    super(
      scope,
      `timed out after ${elapsedMs} ms and ${attempts} poll(s) (${last ? `last status ${last.vendorStatus}` : "no status seen"}${lastError instanceof Error ? `; last error: ${lastError.message}` : ""})`,
      { cause: lastError },
    );
    this.lastStatus = last?.vendorStatus;
    this.lastBody = last?.body;
    this.history = history;
    this.attempts = attempts;
    this.resumeToken = resumeToken;
  }
}

/**
 * The wait's `signal` aborted it. Its `name` is "AbortError" (or "TimeoutError" when the signal's reason is one, as
 * with `AbortSignal.timeout()`), so that the usual `error.name === "AbortError"` checks hold; `cause` is the signal's
 * reason, and `resumeToken` goes on with the wait. A fresh error for every wait: one signal may end many.
 */
export class OpstatusAbortError extends OpstatusError {
  override name: "AbortError" | "TimeoutError";
  readonly resumeToken: string;
  constructor(scope: ErrorScope, reason: unknown, resumeToken: string) {
    const said =
      reason instanceof Error || reason instanceof DOMException
        ? reason.message
        : typeof reason === "string"
          ? reason
          : "";
    super(scope, `the wait was aborted${said ? ` (${said})` : ""}`, { cause: reason });
    this.name = (reason as { name?: unknown } | null)?.name === "TimeoutError" ? "TimeoutError" : "AbortError";
    this.resumeToken = resumeToken;
  }
}

/** The vendor sent a status the provider's mapping does not know, and the policy is `fail`. */
export class OpstatusUnknownStatusError<TBody = unknown> extends OpstatusError {
  override name = "OpstatusUnknownStatusError";
  readonly vendorStatus: string;
  readonly body: TBody;
  constructor(scope: ErrorScope, observation: Observation<TBody>) {
    super(
      scope,
      `unknown status "${observation.vendorStatus}" (pass unknownStatus: "wait" to keep waiting until the deadline)`,
    );
    this.vendorStatus = observation.vendorStatus;
    this.body = observation.body;
  }
}

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
  const bad = (what: string) => new OpstatusRequestError(scope, `the resume token ${what}`);
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
      throw new OpstatusRequestError(
        scope,
        `the ${name} option must be a finite number of milliseconds ${name === "initialDelay" ? ">= 0" : "> 0"}, not ${JSON.stringify(value) ?? value}`,
      );
    return value;
  };
  const givenMax = number("maxDelay");
  const minDelay = number("minDelay", Math.min(1000, givenMax ?? 1000))!;
  const maxDelay = givenMax ?? Math.max(30_000, minDelay);
  if (maxDelay < minDelay)
    throw new OpstatusRequestError(
      scope,
      `the maxDelay option (${maxDelay}) must not be less than minDelay (${minDelay})`,
    );
  if (![undefined, "fail", "wait"].includes(options.unknownStatus))
    throw new OpstatusRequestError(
      scope,
      `the unknownStatus option must be "fail" or "wait", not ${JSON.stringify(options.unknownStatus)}`,
    );
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
            ? new OpstatusNetworkError(spec, `no answer within ${limitMs} ms`, { cause: error })
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
  const aborted = () => new OpstatusAbortError(scope, abortReason(signal!), token());

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
      throw new OpstatusUnknownStatusError(scope, observation);
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
      throw new OpstatusTimeoutError(scope, after - startedAt, last, history, lastError, {
        attempts: attempt,
        resumeToken: token(),
      });
  }
}
