// The options a client and its calls take, and what a call gives back.
import type { AuthOptions } from "./auth.js";

/** Options every provider's `createXClient()` accepts. */
export interface ClientOptions<TAuth extends AuthOptions = AuthOptions> {
  /** Full base URL; overrides the spec's server template and `serverVariables`. */
  baseUrl?: string;
  /** Values for the spec's server variables (`api_host`, `region`, ...); the spec's defaults fill the rest. */
  serverVariables?: Record<string, string>;
  /** The credential: one of the provider's ready forms (`{ bearer }`, `{ apiKey }`, ...) or its log-in fields. */
  auth: TAuth;
  /**
   * A fetch to send requests with: a private CA (`createTlsFetch` from `@opstatus/core/node`), proxies, tests.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Send credentials over plain `http:` to a host that is not loopback. Off by default: anyone on the network path
   * can read them. Turn it on only for a trusted network, e.g. a test system without TLS.
   */
  allowInsecureHttp?: boolean;
  /**
   * Called with every secret the client sends or obtains (the credential's secret fields, each token a log-in
   * answers with, a Basic value), before it is used: to blank it out of what the program itself shows (logs, output).
   * The client's own errors are redacted already.
   */
  onSecret?: (secret: string) => void;
}

/** Per-call options of the named methods. */
export interface CallOptions {
  /** Aborts the call (and the request in flight). */
  signal?: AbortSignal;
  /** Headers sent with this call only. */
  headers?: Record<string, string>;
  /** Sees the successful response (status, headers such as `Retry-After` or `ResponseTime`). */
  onResponse?: (response: Response) => void;
}

/** What `request()` gives back: the parsed body and the response it came in. */
export interface Outcome<T> {
  data: T | undefined;
  response: Response;
}
