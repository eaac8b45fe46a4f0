// What a wait takes: its options (the step's, and the loop's on top) and the clock. Types only.
import type { Observation, PollEvent, ProgressEvent } from "./wait-types.js";

/** Timers and time, injectable so that schedules can be tested with a fake clock. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` after `ms`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer. */
  clearTimeout(handle: unknown): void;
}

/**
 * A schedule of one's own: the delay in ms after poll `attempt`, given what that poll saw (`last`, undefined when it
 * failed). Its result is clamped into [`minDelay`, `maxDelay`]; `Retry-After` is still a floor, and the deadline
 * still gets its last poll. A result that is not a finite number ends the wait with `OpstatusRequestError`.
 */
export type DelayFunction = (attempt: number, last: Observation<unknown> | undefined) => number;

/**
 * What one poll (`step`) takes. Every number is checked before anything is sent: a value that is not a finite
 * number, a `timeout`, `minDelay` or `maxDelay` that is not more than 0, or a `maxDelay` below `minDelay` throws
 * `OpstatusRequestError` naming the option.
 */
export interface StepOptions<TBody = unknown> {
  /**
   * Bound on the whole wait, in ms (default 10 minutes), counted from its start. One last poll happens at the
   * deadline (or `minDelay` after the poll before it, when that is later).
   */
  timeout?: number;
  /**
   * Smallest delay between two polls, in ms (default 1000, or `maxDelay` when that is smaller): a hard floor. No two
   * polls of a wait are ever closer, not even the last one at the deadline.
   */
  minDelay?: number;
  /**
   * Largest delay between polls, in ms (default 22000, or `minDelay` when that is larger): a hard ceiling, but for a
   * longer `Retry-After`. The planned delay grows ×1.5 from `minDelay` to `maxDelay / 1.1`, and each delay is drawn
   * in a band 0-10 % above it, so it never passes `maxDelay`.
   */
  maxDelay?: number;
  /** A schedule of one's own instead of the default (see `DelayFunction`). */
  delay?: DelayFunction;
  /** What to do with a vendor status the mapping does not know: fail at once (default) or keep waiting. */
  unknownStatus?: "fail" | "wait";
  /**
   * Ends the wait: aborts the request in flight, sends nothing more, and rejects with an `OpstatusAbortError` (its
   * `name` is "AbortError", its `cause` the signal's reason, its `resumeToken` goes on).
   */
  signal?: AbortSignal;
  /** Called after every poll: the answer or the retried error, and when the next poll is due. */
  onPoll?: (event: PollEvent<TBody>) => void;
  /** Called on status transitions only (not on repeated identical polls). */
  onProgress?: (event: ProgressEvent<TBody>) => void;
  /** Time and timers (default: the system's). */
  clock?: Clock;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
}

/** What a wait (`waitUntilDone`, a provider's `waitForX`) takes: the step's options, and how to start and sleep. */
export interface WaitOptions<TBody = unknown> extends StepOptions<TBody> {
  /** Delay before the first poll, in ms (default 0); a resumed wait polls when its token says instead. */
  initialDelay?: number;
  /**
   * Called after every poll that does not end the operation (the last poll of a timeout too, before the timeout error)
   * with a token from which `resume` continues the wait in another process.
   */
  onCheckpoint?: (token: string) => void;
  /**
   * A token from `onCheckpoint`, a step's `token`, or the `resumeToken` of an `OpstatusTimeoutError` or
   * `OpstatusAbortError`: go on with that wait instead of starting anew. The attempt count, the backoff and
   * `elapsedMs` carry on from the first start. The first poll comes when the token says, and never sooner than
   * `minDelay` after the last poll before the token. Pass `timeout` too to set a new deadline from now (needed to go
   * on after a timeout: with the old deadline passed, the wait polls once more and times out again).
   */
  resume?: string;
  /** Let the process exit while only this wait's timers are pending (Node's `timer.unref()`). */
  unref?: boolean;
}
