// How a wait ends when it does not succeed: the operation failed, the deadline passed, the caller aborted, or the
// vendor sent a status nobody knows. Each is built from one details object of plain data, so that a wait that ended
// in another process (a queue's worker) comes back as the same class.
import { OpstatusError, type ErrorScope } from "./errors.js";
import type { PollRecord, WaitResult } from "./wait-types.js";

/** What `OpstatusOperationFailedError` is built from. */
export interface OperationFailedDetails<TBody> extends ErrorScope {
  /** The wait's result: the final state (`failed` or `canceled`), status, body, reason and polls. */
  readonly result: WaitResult<TBody>;
}

/** The operation ended failed or canceled; `result` holds the final body, the reason and the history. */
export class OpstatusOperationFailedError<TBody = unknown> extends OpstatusError {
  /** `"operation-failed"` (see `OpstatusErrorCode`). */
  readonly code = "operation-failed";
  /** The class's name, "OpstatusOperationFailedError" (a provider's subclass names itself). */
  override name = "OpstatusOperationFailedError";
  /** The wait's result: the final state (`failed` or `canceled`), status, body, reason and polls. */
  declare readonly result: WaitResult<TBody>;
  constructor(details: OperationFailedDetails<TBody>) {
    const { result } = details;
    super({
      ...details,
      message: `operation ended ${result.state} (status ${result.vendorStatus})${result.reason ? `: ${result.reason}` : ""}`,
    });
    this.result = result;
  }
}

/** What `OpstatusTimeoutError` is built from. */
export interface TimeoutDetails<TBody> extends ErrorScope {
  /** Milliseconds since the wait first started. */
  readonly elapsedMs: number;
  /** Polls in the whole wait, also those before a resume. */
  readonly attempts: number;
  /** The last status seen; undefined if no poll got an answer. */
  readonly lastStatus?: string | undefined;
  /** The body of the last answer. */
  readonly lastBody?: TBody | undefined;
  /** The message of the error that made the last poll fail, when it failed. */
  readonly lastError?: string | undefined;
  /** The recent polls (see `WaitResult.history`). */
  readonly history?: readonly PollRecord[];
  /** Goes on with the wait: pass it as `resume` together with a new `timeout`. */
  readonly resumeToken?: string | undefined;
  /** The error of the last poll, when it failed. */
  readonly cause?: unknown;
}

/**
 * The deadline passed; `lastStatus` is the last status seen (undefined if no poll got an answer). `resumeToken` goes
 * on with the wait: pass it as `resume` together with a new `timeout`.
 */
export class OpstatusTimeoutError<TBody = unknown> extends OpstatusError {
  /** `"timeout"` (see `OpstatusErrorCode`). */
  readonly code = "timeout";
  /** The class's name, "OpstatusTimeoutError" (a provider's subclass names itself). */
  override name = "OpstatusTimeoutError";
  /** The last status seen; undefined if no poll got an answer. */
  declare readonly lastStatus: string | undefined;
  /** The body of the last answer. */
  declare readonly lastBody: TBody | undefined;
  /** The message of the error that made the last poll fail; undefined when the last poll got an answer. */
  declare readonly lastError: string | undefined;
  /** The recent polls (see `WaitResult.history`). */
  declare readonly history: PollRecord[];
  /** Milliseconds since the wait first started. */
  declare readonly elapsedMs: number;
  /** Polls in the whole wait, also those before a resume. */
  declare readonly attempts: number;
  /** Goes on with the wait: pass it as `resume` together with a new `timeout`. */
  declare readonly resumeToken: string | undefined;
  constructor(details: TimeoutDetails<TBody>) {
    const { elapsedMs, attempts, lastStatus, lastError } = details;
    super({
      ...details,
      message: `timed out after ${elapsedMs} ms and ${attempts} poll(s) (${lastStatus === undefined ? "no status seen" : `last status ${lastStatus}`}${lastError === undefined ? "" : `; last error: ${lastError}`})`,
    });
    Object.assign(this, {
      lastStatus,
      lastBody: details.lastBody,
      lastError,
      history: [...(details.history ?? [])],
      elapsedMs,
      attempts,
      resumeToken: details.resumeToken,
    });
  }
}

/** What `OpstatusAbortError` is built from. */
export interface AbortDetails extends ErrorScope {
  /** Goes on with the wait. */
  readonly resumeToken?: string | undefined;
  /** The signal's reason. */
  readonly cause?: unknown;
}

/**
 * The wait's `signal` aborted it. Its `name` is "AbortError" (or "TimeoutError" when the signal's reason is one, as
 * with `AbortSignal.timeout()`), so that the usual `error.name === "AbortError"` checks hold; `cause` is the signal's
 * reason, and `resumeToken` goes on with the wait. A fresh error for every wait: one signal may end many.
 */
export class OpstatusAbortError extends OpstatusError {
  /** `"aborted"` (see `OpstatusErrorCode`). */
  readonly code = "aborted";
  /** "AbortError", or "TimeoutError" when the signal's reason is one (`AbortSignal.timeout()`). */
  override name: "AbortError" | "TimeoutError";
  /** Goes on with the wait. */
  declare readonly resumeToken: string | undefined;
  constructor(details: AbortDetails) {
    const reason = details.cause;
    // (a DOMException is an Error wherever the package runs: Node 17 and later, browsers, Deno, Bun)
    const said = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "";
    super({ ...details, message: `the wait was aborted${said ? ` (${said})` : ""}` });
    this.name = (reason as { name?: unknown } | null)?.name === "TimeoutError" ? "TimeoutError" : "AbortError";
    this.resumeToken = details.resumeToken;
  }
}

/** What `OpstatusUnknownStatusError` is built from. */
export interface UnknownStatusDetails<TBody> extends ErrorScope {
  /** The status the mapping does not know. */
  readonly vendorStatus: string;
  /** The answer's body. */
  readonly body?: TBody;
}

/** The vendor sent a status the provider's mapping does not know, and the policy is `fail`. */
export class OpstatusUnknownStatusError<TBody = unknown> extends OpstatusError {
  /** `"unknown-status"` (see `OpstatusErrorCode`). */
  readonly code = "unknown-status";
  /** The class's name, "OpstatusUnknownStatusError" (a provider's subclass names itself). */
  override name = "OpstatusUnknownStatusError";
  /** The status the mapping does not know. */
  declare readonly vendorStatus: string;
  /** The answer's body. */
  declare readonly body: TBody;
  constructor(details: UnknownStatusDetails<TBody>) {
    super({
      ...details,
      message: `unknown status "${details.vendorStatus}" (pass unknownStatus: "wait" to keep waiting until the deadline)`,
    });
    this.vendorStatus = details.vendorStatus;
    this.body = details.body as TBody;
  }
}
