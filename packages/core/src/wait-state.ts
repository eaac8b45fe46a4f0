// A wait between two polls: its state (version 2) and the token that carries it as JSON. The token holds nothing
// secret, so it can be written to a file, a job queue or a log; version-1 tokens are still read.
import { OpstatusRequestError, type ErrorScope } from "./errors.js";
import type { Schedule } from "./schedule.js";
import type { WaitState } from "./wait-types.js";

/** The state as its token (JSON). */
export function encodeWaitState(state: WaitState): string {
  return JSON.stringify(state);
}

/** The state's fields, and what each must be (a module-level table of plain functions: nothing runs on load). */
const FIELDS: Record<string, (value: any) => boolean> = {
  startedAt: (value) => value === undefined || Number.isFinite(value),
  deadline: (value) => Number.isFinite(value),
  attempt: (value) => Number.isSafeInteger(value) && value >= 0,
  nextPollAt: (value) => Number.isFinite(value),
  lastPollAt: (value) => value === undefined || Number.isFinite(value),
  lastStatus: (value) => value === undefined || typeof value === "string",
  vendor: (value) =>
    value === undefined ||
    (!!value && typeof value === "object" && Object.values(value).every((v) => typeof v === "string")),
};

/**
 * Reads a state (or its token) back for `target`; one that is not a wait's state, or is another wait's, throws
 * `OpstatusRequestError`. A version-1 token without `startedAt` counts from `now` (its first start is unknown).
 */
export function decodeWaitState(scope: ErrorScope, target: string, input: string | WaitState, now: number): WaitState {
  let token: any = input;
  // Stryker disable BlockStatement: an empty catch leaves the text as the token, whose version is undefined too
  if (typeof input === "string")
    try {
      token = JSON.parse(input);
    } catch {
      token = undefined;
    }
  // Stryker restore BlockStatement
  const bad = (what: string) => new OpstatusRequestError({ ...scope, message: `the resume token ${what}` });
  if (token?.v !== 1 && token?.v !== 2) throw bad(`has unsupported version ${token?.v}`);
  if (token.provider !== scope.provider || token.operation !== scope.operation || token.target !== target)
    throw bad(`is for ${token.provider} ${token.operation} ${token.target}, not ${target}`);
  const state: Record<string, unknown> = { v: 2, provider: token.provider, operation: token.operation, target };
  for (const [key, valid] of Object.entries(FIELDS)) {
    if (!valid(token[key])) throw bad(`has no valid ${key}`);
    if (token[key] !== undefined) state[key] = token[key];
  }
  state.startedAt ??= now;
  return state as unknown as WaitState;
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
export function readWaitToken(
  text: string,
): { startedAt?: number; attempt: number; nextPollAt?: number; lastStatus?: string } | undefined {
  // Stryker disable BlockStatement: an empty catch ends the function without a return, which gives undefined too
  try {
    const token = JSON.parse(text);
    // Stryker disable next-line OptionalChaining: the TypeError of a null token is caught below, and gives undefined too
    if ((token?.v !== 1 && token?.v !== 2) || !Number.isSafeInteger(token.attempt)) return undefined;
    const time = (value: unknown) => (Number.isFinite(value) ? (value as number) : undefined);
    return {
      attempt: token.attempt,
      ...(time(token.startedAt) === undefined ? {} : { startedAt: token.startedAt }),
      ...(time(token.nextPollAt) === undefined ? {} : { nextPollAt: token.nextPollAt }),
      ...(typeof token.lastStatus === "string" ? { lastStatus: token.lastStatus } : {}),
    };
  } catch {
    return undefined;
  }
  // Stryker restore BlockStatement
}
