// How a command ended, and its exit code: by the error's `code` (whichever copy of core made it) and HTTP status.
// `wait`, and a followed durable wait, end the same way.
import type { isOpstatusError, WaitResult } from "@opstatus/core";
import { UsageError } from "./args.js";
import type { ErrorInfo, Outcome, OutcomeName } from "./output.js";

/** The exit codes, documented in the README and in `opstatus --help`. */
export const EXIT = {
  succeeded: 0,
  failed: 1,
  usage: 2,
  auth: 3,
  error: 4,
  timeout: 124,
  interrupted: 130,
} as const;

/** Tells opstatus errors by their `code`, whichever copy of core made them. */
export type Guard = typeof isOpstatusError;

/** What is waited for, as every outcome names it. */
export interface Subject {
  provider: string;
  target: string;
}

export function errorInfo(error: unknown): ErrorInfo {
  const e = error as { name?: unknown; status?: unknown } | undefined;
  return {
    name: typeof e?.name === "string" ? e.name : "Error",
    message: error instanceof Error ? error.message : String(error),
    ...(typeof e?.status === "number" ? { status: e.status } : {}),
  };
}

/** The end of a wait whose operation ended: succeeded (exit 0), or failed or canceled (exit 1). */
export function ended(subject: Subject, result: WaitResult<unknown>, httpStatus?: number): Outcome {
  const name: OutcomeName =
    result.state === "succeeded" ? "succeeded" : result.state === "canceled" ? "canceled" : "failed";
  return {
    exitCode: name === "succeeded" ? EXIT.succeeded : EXIT.failed,
    outcome: name,
    ...subject,
    state: result.state,
    vendorStatus: result.vendorStatus,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    attempts: result.attempts,
    elapsedMs: result.elapsedMs,
    body: result.body,
    ...(result.reason ? { reason: result.reason } : {}),
  };
}

/** How an error ended the command; `is` is undefined when no provider package was loaded yet. */
export function failure(error: unknown, is: Guard | undefined, subject: Subject, interrupted = false): Outcome {
  const make = (outcome: OutcomeName, exitCode: number, extra: Partial<Outcome> = {}): Outcome => ({
    exitCode,
    outcome,
    ...subject,
    ...extra,
    error: errorInfo(error),
  });
  if (error instanceof UsageError) return make("usage", EXIT.usage);
  if (!is) return make("error", EXIT.error);
  if (interrupted || is(error, "aborted")) return make("interrupted", EXIT.interrupted);
  if (is(error, "operation-failed")) return ended(subject, error.result);
  if (is(error, "auth") || (is(error, "api") && (error.status === 401 || error.status === 403)))
    return make("auth", EXIT.auth);
  if (is(error, "timeout")) {
    const extra: Partial<Outcome> = {
      attempts: error.attempts,
      ...(error.lastBody !== undefined ? { body: error.lastBody } : {}),
    };
    // the deadline passed while the polls were failing (no answer, or an error answer): an error ended the wait
    return error.lastError !== undefined ? make("error", EXIT.error, extra) : make("timeout", EXIT.timeout, extra);
  }
  if (is(error, "unknown-status"))
    return make("error", EXIT.error, { state: "unknown", vendorStatus: error.vendorStatus, body: error.body });
  if (is(error, "request")) return make("usage", EXIT.usage);
  return make("error", EXIT.error);
}
