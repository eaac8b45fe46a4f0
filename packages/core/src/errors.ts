/** What every opstatus error names: the provider and the operation it was about. */
export interface ErrorScope {
  readonly provider: string;
  readonly operation: string;
}

/** Base class of every error opstatus throws. */
export class OpstatusError extends Error implements ErrorScope {
  override name = "OpstatusError";
  readonly provider: string;
  readonly operation: string;
  constructor(scope: ErrorScope, message: string, options?: { cause?: unknown }) {
    super(`${scope.provider} ${scope.operation}: ${message}`, options);
    this.provider = scope.provider;
    this.operation = scope.operation;
  }
}

/** The input was rejected before anything was sent (empty id, `..`, CR/LF in a header, a missing credential). */
export class OpstatusRequestError extends OpstatusError {
  override name = "OpstatusRequestError";
}

/** The request never got an HTTP answer (connection refused or reset, DNS, TLS, per-request time limit). */
export class OpstatusNetworkError extends OpstatusError {
  override name = "OpstatusNetworkError";
}

export interface ApiErrorDetails<TBody> extends ErrorScope {
  readonly status: number;
  /** The vendor's error body parsed as JSON, or undefined when it was empty or not JSON. */
  readonly body: TBody | undefined;
  /** The body exactly as received (HTML, truncated JSON, plain text...). */
  readonly rawBody: string;
  readonly headers: Headers;
  /** Why the answer is an error when its HTTP status is not: e.g. a 200 whose body is not JSON. */
  readonly reason?: string;
}

/** The vendor answered with an error status, or with a success status whose body cannot be read. */
export class OpstatusApiError<TBody = unknown> extends OpstatusError {
  override name = "OpstatusApiError";
  readonly status: number;
  readonly body: TBody | undefined;
  readonly rawBody: string;
  readonly headers: Headers;
  /** The vendor's own message, when its error body carries one. */
  readonly vendorMessage: string | undefined;
  /** `secrets` is read once (a generator works); every text and body below is redacted with that one list. */
  constructor(details: ApiErrorDetails<TBody>, secrets: Iterable<string> = []) {
    const known = [...secrets];
    const vendorMessage = extractVendorMessage(details.body);
    const shown = vendorMessage ?? (details.rawBody.trim() ? snippet(details.rawBody) : "empty body");
    const text = `HTTP ${details.status}${details.reason ? ` (${details.reason})` : ""}: ${shown}`;
    super(details, redact(text, known));
    this.status = details.status;
    this.body = redactDeep(details.body, known);
    this.rawBody = redact(details.rawBody, known);
    this.headers = details.headers;
    this.vendorMessage = vendorMessage === undefined ? undefined : redact(vendorMessage, known);
  }
}

/**
 * Logging in failed: the vendor refused the credentials (401 or 403 from its log-in operation, named in
 * `operation`), or its answer carried no token. Thrown at once, never retried; a wait ends with it.
 */
export class OpstatusAuthError<TBody = unknown> extends OpstatusApiError<TBody> {
  override name = "OpstatusAuthError";
}

/** The first human-readable message in any of the vendors' error shapes. */
export function extractVendorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() ? snippet(body) : undefined;
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

/** Replaces every known secret in a text; secrets shorter than 4 characters are too common to blank out. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
  return out;
}

/** `redact` applied to every string inside a parsed JSON value. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)])) as T;
  return value;
}
