// Telling opstatus errors apart without `instanceof`: a program can hold two copies of @opstatus/core (two versions,
// or the CommonJS build next to the ES module one), and an error thrown by one is no `instanceof` of the other's
// classes. The guard reads the brand and the `code` instead, as ky's `isHTTPError` and Azure's `isRestError` do.
import {
  ERROR_BRAND,
  type OpstatusApiError,
  type OpstatusAuthError,
  type OpstatusError,
  type OpstatusErrorCode,
  type OpstatusNetworkError,
  type OpstatusRequestError,
} from "./errors.js";
import type {
  OpstatusAbortError,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
} from "./wait-errors.js";

/** The error class of each `code` (`"api"` includes the auth errors, which are API errors too). */
export interface OpstatusErrorOfCode {
  /** An error answer (an auth error too). */
  api: OpstatusApiError;
  /** A refused log-in. */
  auth: OpstatusAuthError;
  /** No HTTP answer. */
  network: OpstatusNetworkError;
  /** Input refused before sending. */
  request: OpstatusRequestError;
  /** A wait past its deadline. */
  timeout: OpstatusTimeoutError;
  /** A wait its signal aborted. */
  aborted: OpstatusAbortError;
  /** An operation that ended failed or canceled. */
  "operation-failed": OpstatusOperationFailedError;
  /** A status the mapping does not know. */
  "unknown-status": OpstatusUnknownStatusError;
}

/** Whether `error` is an opstatus error, made by any copy of this package. */
export function isOpstatusError(error: unknown): error is OpstatusError;
/**
 * Whether `error` is an opstatus error of the kind `code`, made by any copy of this package. `"api"` also matches an
 * auth error (an `OpstatusAuthError` is an `OpstatusApiError`).
 */
export function isOpstatusError<C extends OpstatusErrorCode>(error: unknown, code: C): error is OpstatusErrorOfCode[C];
export function isOpstatusError(error: unknown, code?: OpstatusErrorCode): boolean {
  if (typeof error !== "object" || error === null || (error as Record<symbol, unknown>)[ERROR_BRAND] !== true)
    return false;
  const own = (error as { code?: unknown }).code;
  return code === undefined || own === code || (code === "api" && own === "auth");
}
