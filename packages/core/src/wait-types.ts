// The types of a wait: what a poll saw, the options, the result, the state between polls. Types only, so that every
// part of the wait engine can import them.
/** The five states every vendor status maps to. */
export type CanonicalState = "pending" | "running" | "succeeded" | "failed" | "canceled";
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
