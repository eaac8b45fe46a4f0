// A wait between two polls: its state (version 2) and the token that carries it as JSON. The token holds nothing
// secret, so it can be written to a file, a job queue or a log; version-1 tokens are still read.
import { OpstatusRequestError, type ErrorScope } from "./errors.js";
import type { Schedule } from "./schedule.js";
import type { WaitState } from "./wait-types.js";

/** The state as its token (JSON). */
export function encodeWaitState(state: WaitState): string {
  return JSON.stringify(state);
}

const TIMES = ["startedAt", "deadline", "nextPollAt", "lastPollAt"] as const;

/**
 * Reads a state (or its token) back for `target`; one that is not a wait's state, or is another wait's, throws
 * `OpstatusRequestError`. A version-1 token without `startedAt` counts from `now` (its first start is unknown).
 */
export function decodeWaitState(scope: ErrorScope, target: string, input: string | WaitState, now: number): WaitState {
  let token: any = input;
  if (typeof input === "string")
    try {
      token = JSON.parse(input);
    } catch {
      token = undefined;
    }
  const bad = (what: string) => new OpstatusRequestError({ ...scope, message: `the resume token ${what}` });
  if (token?.v !== 1 && token?.v !== 2) throw bad(`has unsupported version ${token?.v}`);
  if (token.provider !== scope.provider || token.operation !== scope.operation || token.target !== target)
    throw bad(`is for ${token.provider} ${token.operation} ${token.target}, not ${target}`);
  for (const key of TIMES)
    if (!Number.isFinite(token[key]) && (token[key] !== undefined || key === "deadline" || key === "nextPollAt"))
      throw bad(`has no valid ${key}`);
  if (!Number.isSafeInteger(token.attempt) || token.attempt < 0) throw bad("has no valid attempt");
  if (token.lastStatus !== undefined && typeof token.lastStatus !== "string") throw bad("has no valid lastStatus");
  const vendor = token.vendor;
  if (
    vendor !== undefined &&
    (!vendor || typeof vendor !== "object" || Object.values(vendor).some((value) => typeof value !== "string"))
  )
    throw bad("has no valid vendor state");
  return {
    v: 2,
    provider: token.provider,
    operation: token.operation,
    target,
    startedAt: token.startedAt ?? now,
    deadline: token.deadline,
    attempt: token.attempt,
    nextPollAt: token.nextPollAt,
    ...(token.lastPollAt === undefined ? {} : { lastPollAt: token.lastPollAt }),
    ...(token.lastStatus === undefined ? {} : { lastStatus: token.lastStatus }),
    ...(vendor === undefined ? {} : { vendor: { ...vendor } }),
  };
}

/** A new wait's state: started now, its deadline `timeout` from now, its first poll after `initialDelay`. */
export function startState(scope: ErrorScope, target: string, schedule: Schedule, now: number): WaitState {
  return {
    v: 2,
    provider: scope.provider,
    operation: scope.operation,
    target,
    startedAt: now,
    deadline: now + schedule.timeout,
    attempt: 0,
    nextPollAt: now + schedule.initialDelay,
  };
}

/**
 * The fields of a token a display needs (when the wait first started, how many polls it made), without checking
 * whose wait it is: for a program that shows a checkpoint before it resumes it. Undefined when it is no token.
 */
export function readWaitToken(text: string): { startedAt?: number; attempt: number; nextPollAt?: number } | undefined {
  try {
    const token = JSON.parse(text);
    if ((token?.v !== 1 && token?.v !== 2) || !Number.isSafeInteger(token.attempt)) return undefined;
    return { startedAt: token.startedAt, attempt: token.attempt, nextPollAt: token.nextPollAt };
  } catch {
    return undefined;
  }
}
