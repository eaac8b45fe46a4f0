// The errors every opstatus package throws: one shape (provider, operation, a `code`), one details object per
// constructor, and a guard that recognises them across copies of this package.

/** What every opstatus error names: the provider and the operation it was about. */
export interface ErrorScope {
  /** The provider's name, e.g. `vmware-vsphere`. */
  readonly provider: string;
  /** The operation (its operationId), e.g. `getVmGuestCustomization`, or the log-in operation. */
  readonly operation: string;
}

/**
 * What kind of error it is, the most specific kind: `"auth"` for a refused log-in (which is also an API error),
 * `"api"` for any other error answer. `isOpstatusError(error, code)` tests it.
 */
export type OpstatusErrorCode =
  | "api"
  | "auth"
  | "network"
  | "request"
  | "timeout"
  | "aborted"
  | "operation-failed"
  | "unknown-status";

/** The details every error constructor takes: the scope, and what went wrong (the message after the scope). */
export interface ErrorDetails extends ErrorScope {
  /** What went wrong; the error's `message` is `<provider> <operation>: <message>`. */
  readonly message: string;
  /** The error that caused this one, if any. */
  readonly cause?: unknown;
}

/**
 * The brand that marks an opstatus error, under a global symbol: another copy of this package (a second version in
 * node_modules, or the CommonJS build next to the ES module one) sets the same one.
 */
export const ERROR_BRAND = Symbol.for("@opstatus/core.OpstatusError");

/** Base class of every error opstatus throws. Use `isOpstatusError` rather than `instanceof` across packages. */
export abstract class OpstatusError extends Error implements ErrorScope {
  /** What kind of error it is (see `OpstatusErrorCode`). */
  abstract readonly code: OpstatusErrorCode;
  /** The class's name: "OpstatusError" here, and each subclass its own (a provider's subclass names itself). */
  // Stryker disable next-line StringLiteral: every class of error sets its own name, so this one is never seen
  override name = "OpstatusError";
  /** The provider's name, e.g. `vmware-vsphere`. */
  declare readonly provider: string;
  /** The operation (its operationId), e.g. `getVmGuestCustomization`, or the log-in operation. */
  declare readonly operation: string;
  constructor(details: ErrorDetails) {
    super(
      `${details.provider} ${details.operation}: ${details.message}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.provider = details.provider;
    this.operation = details.operation;
  }
}

// the brand `isOpstatusError` looks for, on the prototype: no error's own fields (nor JSON, nor a log) show it
Object.defineProperty(OpstatusError.prototype, ERROR_BRAND, { value: true });

/** The input was rejected before anything was sent (empty id, `..`, CR/LF in a header, a missing credential). */
export class OpstatusRequestError extends OpstatusError {
  /** `"request"` (see `OpstatusErrorCode`). */
  readonly code = "request";
  /** The class's name, "OpstatusRequestError" (a provider's subclass names itself). */
  override name = "OpstatusRequestError";
}

/** The request never got an HTTP answer (connection refused or reset, DNS, TLS, per-request time limit). */
export class OpstatusNetworkError extends OpstatusError {
  /** `"network"` (see `OpstatusErrorCode`). */
  readonly code = "network";
  /** The class's name, "OpstatusNetworkError" (a provider's subclass names itself). */
  override name = "OpstatusNetworkError";
}

/** What an error answer is made of: the HTTP status, the body and the headers, already redacted. */
export interface ApiErrorDetails<TBody> extends ErrorScope {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The vendor's error body parsed as JSON, or undefined when it was empty or not JSON. */
  readonly body?: TBody | undefined;
  /** The body exactly as received (HTML, truncated JSON, plain text...). */
  readonly rawBody?: string;
  /** The answer's headers (a `Headers`, its entries, or an object of them, e.g. rebuilt from stored data). */
  readonly headers?: Headers | [string, string][] | Record<string, string>;
  /** Why the answer is an error when its HTTP status is not: e.g. a 200 whose body is not JSON. */
  readonly reason?: string | undefined;
}

/**
 * The vendor answered with an error status, or with a success status whose body cannot be read. What it holds is
 * shown as given: the client redacts the credentials it sent before it builds the error.
 */
export class OpstatusApiError<TBody = unknown> extends OpstatusError {
  /** `"api"`, or `"auth"` for a refused log-in (see `OpstatusErrorCode`). */
  readonly code: "api" | "auth" = "api";
  /** The class's name, "OpstatusApiError" (a provider's subclass names itself). */
  override name = "OpstatusApiError";
  /** The HTTP status of the answer. */
  declare readonly status: number;
  /** The vendor's error body parsed as JSON, or undefined when it was empty or not JSON. */
  declare readonly body: TBody | undefined;
  /** The body exactly as received (HTML, truncated JSON, plain text...). */
  declare readonly rawBody: string;
  /** The answer's headers (`Retry-After`, a request id...); from a client, those that carry credentials are masked. */
  declare readonly headers: Headers;
  /** Why the answer is an error when its HTTP status is not (e.g. "the body is not valid JSON"). */
  declare readonly reason: string | undefined;
  /** The vendor's own message, when its error body carries one. */
  declare readonly vendorMessage: string | undefined;
  constructor(details: ApiErrorDetails<TBody>) {
    const rawBody = details.rawBody ?? "";
    const vendorMessage = extractVendorMessage(details.body);
    const shown = vendorMessage ?? (rawBody.trim() ? snippet(rawBody) : "empty body");
    super({ ...details, message: `HTTP ${details.status}${details.reason ? ` (${details.reason})` : ""}: ${shown}` });
    Object.assign(this, {
      status: details.status,
      body: details.body,
      rawBody,
      headers: new Headers(details.headers),
      reason: details.reason,
      vendorMessage,
    });
  }
}

/**
 * Logging in failed: the vendor refused the credentials (401 or 403 from its log-in operation, named in
 * `operation`), or its answer carried no token. Thrown at once, never retried; a wait ends with it.
 */
export class OpstatusAuthError<TBody = unknown> extends OpstatusApiError<TBody> {
  /** `"auth"` (see `OpstatusErrorCode`). */
  override readonly code = "auth";
  /** The class's name, "OpstatusAuthError" (a provider's subclass names itself). */
  override name = "OpstatusAuthError";
}

/** The first human-readable message in any of the vendors' error shapes. */
export function extractVendorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() ? snippet(body) : undefined;
  // Stryker disable next-line ConditionalExpression: a number or a boolean has none of the fields looked for, so it gives undefined either way
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, any>;
  const candidates = [
    b.errorDetails?.[0]?.message, // VMware Customer Connect
    b.messages?.[0]?.default_message, // vSphere Std_Errors_Error
    b.fault?.faultstring, // API gateways
    b.message,
    b.errorMessage,
    b.cause, // NTT Enterprise Cloud
    b.error_type,
  ];
  const found = candidates.find((c) => typeof c === "string" && c.trim());
  return found === undefined ? undefined : snippet(found);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
