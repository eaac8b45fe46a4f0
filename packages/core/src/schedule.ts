// The schedule of a wait, as pure functions: the option checks, the delay after each poll (growth, cap, jitter band,
// or the caller's own), the `Retry-After` floor, the pacing at the deadline, and which errors are worth another poll.
// No timers and no I/O: the step and the loop apply what these compute.
import { OpstatusRequestError, type ErrorScope } from "./errors.js";
import { isOpstatusError } from "./guard.js";
import type { Observation, WaitState } from "./wait-types.js";
import type { DelayFunction, StepOptions } from "./wait-options.js";

/** The largest delay Node's timers accept (2^31 - 1 ms); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
/** The planned delay grows by this factor after each poll. */
const GROWTH = 1.5;
/** Each delay is drawn up to this share above its planned value (0-10 %), to spread waits that started together. */
const BAND = 0.1;
const DEFAULT_MIN_DELAY = 1000;
const DEFAULT_MAX_DELAY = 22_000;
const DEFAULT_TIMEOUT = 600_000;

/** A wait's schedule, its options checked and defaulted. */
export interface Schedule {
  timeout: number;
  minDelay: number;
  maxDelay: number;
  initialDelay: number;
  unknownStatus: "fail" | "wait";
  delay: DelayFunction | undefined;
}

/**
 * Checks every option before anything is sent: `Number(process.env.X)` with X unset is NaN, and a NaN timeout or a
 * zero delay would poll the vendor hundreds of times a second. A bound that is not given follows the one that is
 * (minDelay 60000 alone means maxDelay 60000).
 */
/** A bad value as a message shows it: a string quoted, anything else as text (JSON has no BigInt, no Symbol). */
const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));

export function checkOptions(scope: ErrorScope, options: StepOptions<any> & { initialDelay?: number }): Schedule {
  const fail = (message: string) => new OpstatusRequestError({ ...scope, message });
  const number = (name: "timeout" | "minDelay" | "maxDelay" | "initialDelay", fallback?: number) => {
    const value: unknown = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !(value > 0 || (name === "initialDelay" && value === 0)) || value === Infinity)
      throw fail(
        `the ${name} option must be a finite number of milliseconds ${name === "initialDelay" ? ">= 0" : "> 0"}, not ${shown(value)}`,
      );
    return value;
  };
  const givenMax = number("maxDelay");
  const minDelay = number("minDelay", Math.min(DEFAULT_MIN_DELAY, givenMax ?? DEFAULT_MIN_DELAY))!;
  const maxDelay = givenMax ?? Math.max(DEFAULT_MAX_DELAY, minDelay);
  if (maxDelay < minDelay) throw fail(`the maxDelay option (${maxDelay}) must not be less than minDelay (${minDelay})`);
  if (![undefined, "fail", "wait"].includes(options.unknownStatus))
    throw fail(`the unknownStatus option must be "fail" or "wait", not ${shown(options.unknownStatus)}`);
  if (options.delay !== undefined && typeof options.delay !== "function")
    throw fail("the delay option must be a function");
  return {
    timeout: number("timeout", DEFAULT_TIMEOUT)!,
    minDelay,
    maxDelay,
    initialDelay: number("initialDelay", 0)!,
    unknownStatus: options.unknownStatus ?? "fail",
    delay: options.delay,
  };
}

/**
 * The default schedule: after poll `attempt`, the planned delay `minDelay × 1.5^(attempt − 1)`, capped at
 * `maxDelay / 1.1`, and drawn in a band 0-10 % above it (whole milliseconds); never below `minDelay` nor above
 * `maxDelay`. The band only
 * spreads waits that started together: a narrow one costs 0.08 % of detection latency, where a uniform draw from
 * `minDelay` to the cap cost 29 %.
 */
export function backoffDelay(attempt: number, minDelay: number, maxDelay: number, random: () => number): number {
  const planned = Math.min(Math.max(minDelay, maxDelay / (1 + BAND)), minDelay * GROWTH ** Math.max(0, attempt - 1));
  const r = random();
  // a random source that strays outside [0, 1] (or gives NaN) must not move a delay out of its band
  // Stryker disable next-line EqualityOperator: a random 0 draws no band whether it passes the range check or not (r > 0 for r >= 0)
  return Math.min(maxDelay, Math.max(minDelay, Math.round(planned * (1 + BAND * (r >= 0 && r <= 1 ? r : 0)))));
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What the next delay depends on: the poll just made, when it ended, and what it said. */
export interface DelayInput {
  attempt: number;
  /** Epoch ms when the poll's answer (or error) came. */
  after: number;
  deadline: number;
  /** What the poll saw; undefined when it failed. */
  last: Observation<unknown> | undefined;
  retryAfter: string | null | undefined;
  random: () => number;
}

/**
 * The delay after a poll: the schedule's (the caller's `delay`, clamped into [minDelay, maxDelay], or the default),
 * with `Retry-After` as a floor; clamped to the time left, but never below `minDelay`, so the last poll may come a
 * little after the deadline. Past the deadline the planned delay is kept, for a resume with a new timeout.
 */
export function nextDelay(scope: ErrorScope, schedule: Schedule, input: DelayInput): number {
  const { minDelay, maxDelay } = schedule;
  let planned: number;
  if (schedule.delay) {
    const asked: unknown = schedule.delay(input.attempt, input.last);
    // Stryker disable next-line ConditionalExpression: Number.isFinite is false for everything that is not a number, so the type check alone changes nothing
    if (typeof asked !== "number" || !Number.isFinite(asked))
      throw new OpstatusRequestError({
        ...scope,
        message: `the delay option gave ${shown(asked)} after poll ${input.attempt}, not a finite number of milliseconds`,
      });
    planned = Math.min(maxDelay, Math.max(minDelay, asked));
  } else planned = backoffDelay(input.attempt, minDelay, maxDelay, input.random);
  planned = Math.min(Math.max(planned, parseRetryAfter(input.retryAfter, input.after) ?? 0), MAX_TIMER_MS);
  const { after, deadline } = input;
  return after >= deadline ? planned : Math.min(Math.max(Math.min(planned, deadline - after), minDelay), MAX_TIMER_MS);
}

/** When the next poll is due: `nextPollAt`, but not after the deadline, and never sooner than minDelay after the last one. */
export function dueAt(state: WaitState, minDelay: number): number {
  // (no last poll: -Infinity, and no gap to keep)
  return Math.max(
    (state.lastPollAt ?? Number.NEGATIVE_INFINITY) + Math.min(minDelay, MAX_TIMER_MS),
    Math.min(state.nextPollAt, state.deadline),
  );
}

/**
 * Errors worth another poll: no answer (`OpstatusNetworkError`: refused, reset, DNS, TLS, the per-request time
 * limit), 408, 425, 429, 5xx, and a 2xx whose body could not be read (cut off). Every other error ends the wait.
 */
export function isRetryable(error: unknown): boolean {
  if (isOpstatusError(error, "network")) return true;
  if (isOpstatusError(error, "api") && !isOpstatusError(error, "auth")) {
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
