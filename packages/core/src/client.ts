import type { ErrorResponse, MediaType, RequiredKeysOf, SuccessResponse } from "openapi-typescript-helpers";
import { assertHeaderValue, authHeader, type AuthOptions, type SchemeFacts, type SecretSink } from "./auth.js";
import {
  OpstatusApiError,
  OpstatusAuthError,
  OpstatusError,
  OpstatusNetworkError,
  OpstatusRequestError,
  redact,
  type ApiErrorDetails,
  type ErrorScope,
} from "./errors.js";
import type { Session, SessionHost } from "./session.js";

/** A server of the spec: its URL template and variables. */
export interface ServerFacts {
  readonly url: string;
  readonly variables: { readonly [name: string]: { readonly default: string; readonly enum?: readonly string[] } };
}

/** What the client needs to know of one operation. */
export interface OperationFacts {
  readonly method: string;
  readonly path: string;
  /** The security schemes it accepts (any one of them); none: it takes no credential. */
  readonly security?: readonly string[];
  /** Its own server (an operation-level `servers` entry, or the URL a client option gives for it), e.g. an identity service. */
  readonly server?: ServerFacts | string;
  /** Its success body is text (a raw token), not JSON. */
  readonly text?: boolean;
}

/** What the code generator extracts from a spec and its manifest for use at run time (src/generated/spec-facts.ts). */
export interface SpecFacts {
  readonly provider: string;
  readonly servers: readonly ServerFacts[];
  readonly operations: { readonly [operationId: string]: OperationFacts };
  readonly schemes: { readonly [scheme: string]: SchemeFacts };
  /** The ready-credential forms of `auth` (`{ apiKey }`, `{ bearer }`, ...) and the scheme each is sent with. */
  readonly forms: { readonly [form: string]: string };
  /** The scheme a log-in's token is sent with, where the vendor has a log-in (its facts load with the session). */
  readonly loginScheme?: string;
}

/** Options every provider's `createXClient()` accepts. */
export interface ClientOptions<TAuth extends AuthOptions = AuthOptions> {
  /** Full base URL; overrides the spec's server template and `serverVariables`. */
  baseUrl?: string;
  /** Values for the spec's server variables (`api_host`, `region`, ...); the spec's defaults fill the rest. */
  serverVariables?: Record<string, string>;
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
}

/** Per-call options of the named methods. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Sees the successful response (status, headers such as `Retry-After` or `ResponseTime`). */
  onResponse?: (response: Response) => void;
}

/** What `request()` gives back: the parsed body and the response it came in. */
export interface Outcome<T> {
  data: T | undefined;
  response: Response;
}

/** The operation ids of a generated `operations` type. */
export type OperationId<Ops> = Extract<keyof Ops, string>;

/**
 * The parameters of one operation as the generated `operations` type declares them (path, query and header
 * parameters, and the request body, required where the spec says so); path values are checked before sending.
 */
export type OperationParams<Op> = Op extends { parameters: infer P }
  ? Pick<P, Extract<keyof P, "path" | "query" | "header">> &
      (Op extends { requestBody: { content: infer C } } ? { body: C[keyof C] } : unknown)
  : never;

/** The body of an operation's 2xx answers, of any media type (JSON, or text for a raw token). */
export type SuccessBody<Op> = Op extends { responses: infer R extends Record<string | number, any> }
  ? SuccessResponse<R, MediaType>
  : never;

/** The body of an operation's error answers, as the spec declares it. */
export type ErrorBody<Op> = Op extends { responses: infer R extends Record<string | number, any> }
  ? ErrorResponse<R, MediaType>
  : never;

/** `[params, options]` of a call: `params` may be left out when the operation requires none. */
export type CallArgs<Op> =
  RequiredKeysOf<OperationParams<Op>> extends never
    ? [params?: OperationParams<Op>, options?: CallOptions]
    : [params: OperationParams<Op>, options?: CallOptions];

/**
 * The shared part of a provider client, typed by the generated `operations`: a wrong operation id,
 * parameter name or type, or result type does not compile.
 */
export interface ApiClient<Ops extends object = object> {
  readonly provider: string;
  readonly baseUrl: string;
  /** The security scheme the client's credential (or its session's token) is sent with. */
  readonly scheme: string;
  /**
   * Calls `operation` (method and path from the spec facts) and turns its outcome into typed data or a typed error:
   * non-2xx answers and unreadable 2xx bodies throw the provider's `OpstatusApiError`, failed connections
   * `OpstatusNetworkError`, path values that are empty, `.` or `..` `OpstatusRequestError` (the rest
   * is percent-encoded). With log-in credentials, a 401 drops the token, logs in again once and re-sends once.
   */
  request<K extends OperationId<Ops>>(operation: K, ...args: CallArgs<Ops[K]>): Promise<Outcome<SuccessBody<Ops[K]>>>;
  /** `request`, for operations whose success body is required: an empty body is a typed error too. */
  body<K extends OperationId<Ops>>(operation: K, ...args: CallArgs<Ops[K]>): Promise<SuccessBody<Ops[K]>>;
  /**
   * `operation` (its method and credentials) sent to `url`, a location the vendor named (e.g. the `Location` of a
   * 202), resolved against the base URL: only when it has the base URL's origin. Any other origin gets nothing,
   * least of all the credentials: `undefined`.
   */
  at<K extends OperationId<Ops>>(
    operation: K,
    url: string,
    options?: CallOptions,
  ): Promise<Outcome<SuccessBody<Ops[K]>>> | undefined;
  /**
   * Sends `request` with the client's credential (logging in first, given log-in fields) and its `headers` option, for
   * the base URL's origin only: a request for any other origin, or after `close()`, fails with `OpstatusRequestError`
   * and nothing is sent; a failed connection throws `OpstatusNetworkError`. What the typed openapi-fetch client
   * (`openapiClient`) sends through.
   */
  fetch(request: Request): Promise<Response>;
  /** Ends the session where the vendor has a log-out (once); every later call fails with `OpstatusRequestError`. */
  close(): Promise<void>;
}

/** The error class a provider throws: `OpstatusApiError` or a subclass named after the provider. */
export type ApiErrorClass = new (details: ApiErrorDetails<any>, secrets: Iterable<string>) => OpstatusApiError<any>;

/** Secrets that stay known for redaction besides the fixed credentials: the latest session tokens. */
const MAX_REMEMBERED_SECRETS = 32;

/** A base URL checked: a URL, no credentials in it, and no credential over cleartext HTTP beyond loopback unless allowed. */
export function checkedUrl(scope: ErrorScope, text: string, allowInsecureHttp: boolean | undefined): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || url.username || url.password)
    throw new OpstatusRequestError(scope, `"${url ? url.host : text}" is not a URL without credentials`);
  if (url.protocol === "http:" && !allowInsecureHttp && !/^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname))
    throw new OpstatusRequestError(
      scope,
      `no credentials over plain http to ${url.host}: use https, or allowInsecureHttp: true on a trusted network`,
    );
  return text.replace(/\/+$/, "");
}

/** A server's URL from `given` variables (the spec's defaults fill the rest); enum and host-like values are checked. */
export function serverUrl(scope: ErrorScope, server: ServerFacts, given: Record<string, string>): string {
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables[name];
    const value = given[name] ?? variable?.default ?? "";
    if (variable?.enum && !variable.enum.includes(value))
      throw new OpstatusRequestError(scope, `server variable ${name} must be one of ${variable.enum.join(", ")}`);
    if (!value || /[/?#@\s]/.test(value)) throw new OpstatusRequestError(scope, `bad server variable ${name}`);
    return value;
  });
}

/** The base URL from `baseUrl`, or from the spec's first server whose variables cover the ones given. */
export function resolveBaseUrl(
  facts: SpecFacts,
  options: Pick<ClientOptions, "baseUrl" | "serverVariables" | "allowInsecureHttp">,
): string {
  const scope = { provider: facts.provider, operation: "createClient" };
  if (options.baseUrl !== undefined) return checkedUrl(scope, options.baseUrl, options.allowInsecureHttp);
  const given = options.serverVariables ?? {};
  const server = facts.servers.find((s) => Object.keys(given).every((name) => name in s.variables));
  if (!server) throw new OpstatusRequestError(scope, `no server takes ${Object.keys(given)}`);
  return checkedUrl(scope, serverUrl(scope, server, given), options.allowInsecureHttp);
}

/**
 * Builds the shared part of a provider client: its calls, credentials, error handling. Given log-in
 * fields, the client loads its session (`loadSession`, the credential engine) on its first call, so that a client
 * with a ready credential never loads (nor bundles eagerly) the log-in code.
 */
export function createApiClient<Ops extends object = object>(
  facts: SpecFacts,
  options: ClientOptions,
  ErrorClass: ApiErrorClass = OpstatusApiError,
  loadSession?: () => Promise<(host: SessionHost) => Session>,
): ApiClient<Ops> {
  const { provider, schemes } = facts;
  const setup = { provider, operation: "createClient" };
  const auth = options?.auth as Record<string, unknown>;
  if (!auth) throw new OpstatusRequestError(setup, "the auth option is required");
  for (const [name, value] of Object.entries(options.headers ?? {})) assertHeaderValue(setup, name, value);
  const baseUrl = resolveBaseUrl(facts, options);
  // any other server a client option names (a log-in's identity service, e.g. keystoneUrl) is checked now too
  for (const [name, value] of Object.entries(options))
    if (name !== "baseUrl" && value !== undefined && /.Url$/.test(name))
      checkedUrl(setup, String(value), options.allowInsecureHttp);

  // every credential is redacted from errors: the fixed ones always, of a session's or a function's tokens the latest
  const secrets: string[] = [];
  let fixed = 0;
  const remember: SecretSink = (secret) => {
    if (!secrets.includes(secret) && secrets.push(secret) > fixed + MAX_REMEMBERED_SECRETS) secrets.splice(fixed, 1);
  };

  const form = Object.keys(auth).find((key) => key in facts.forms);
  // anything but a ready credential is the vendor's log-in fields (its session checks them)
  const login = !form && loadSession;
  if (!form && !login) throw new OpstatusRequestError(setup, `auth takes ${Object.keys(facts.forms)}`);
  const main = login ? facts.loginScheme! : facts.forms[form!]!;
  if (login)
    for (const value of Object.values(auth))
      if (typeof value === "string") {
        remember(value);
        fixed++;
      }

  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  let closing: Promise<void> | undefined;
  let session: Promise<Session> | undefined;

  /** The fetch of one call: with the credential for `scheme` (through the session, given log-in fields). */
  const send =
    (scope: ErrorScope, scheme: string | undefined) =>
    async (request: Request): Promise<Response> => {
      if (login) {
        session ??= login().then((start) => start(host));
        return (await session).send(scope, scheme, request);
      }
      if (scheme) {
        const value = auth[form!];
        request.headers.set(
          ...authHeader(scope, schemes[scheme]!, typeof value === "function" ? await value() : value, remember),
        );
      }
      return baseFetch(request);
    };

  /** A failed connection as `OpstatusNetworkError` (credentials redacted); typed errors and aborts as they are. */
  const networkError = (scope: ErrorScope, error: unknown) => {
    if (error instanceof OpstatusError || isAbortError(error)) return error;
    const cause =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return new OpstatusNetworkError(scope, `request failed: ${redact(cause, secrets)}`, { cause: error });
  };

  const fail = (scope: ErrorScope, response: Response, rawBody: string, body?: unknown, reason?: string) =>
    new ErrorClass({ ...scope, status: response.status, body, rawBody, headers: response.headers, reason }, secrets);

  /**
   * One operation, sent directly with fetch: the spec's method and path, path values percent-encoded into their
   * segment (empty, `.` and `..` refused), the query in the spec's form style (arrays comma-separated), a JSON body.
   */
  async function perform(
    operation: string,
    params: UntypedParams = {},
    callOptions: CallOptions = {},
    own?: OperationFacts,
  ): Promise<Outcome<unknown>> {
    const scope = { provider, operation };
    // operation ids are type-checked against the generated `operations`, generated from the same spec as the facts
    const op = own ?? facts.operations[operation]!;
    // an operation on a server of its own (a log-in's identity service): that server, or the URL an option gives for it
    const server =
      op.server &&
      checkedUrl(
        scope,
        typeof op.server === "string" ? op.server : serverUrl(scope, op.server, options.serverVariables ?? {}),
        options.allowInsecureHttp,
      );
    const query = Object.entries(params.query ?? {})
      .filter(([, value]) => value !== undefined)
      .map(
        ([name, value]) =>
          `${name}=${[value]
            .flat()
            .map((item) => encodeURIComponent(String(item)))
            .join(",")}`,
      )
      .join("&");
    const url = `${server ?? baseUrl}${op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const text = String(params.path?.[name] ?? "");
      if (text === "" || text === "." || text === "..") throw new OpstatusRequestError(scope, `${name} is "${text}"`);
      return encodeURIComponent(text);
    })}${query ? `?${query}` : ""}`;
    const headers: Record<string, string> = {
      Accept: op.text ? "text/plain" : "application/json",
      ...options.headers,
      ...callOptions.headers,
      ...(params.header as Record<string, string>),
    };
    for (const [name, value] of Object.entries(headers)) assertHeaderValue(scope, name, String(value));
    if (params.body !== undefined) headers["Content-Type"] = "application/json";
    const security = op.security ?? [];
    let response: Response;
    let text: string;
    try {
      response = await send(
        scope,
        security[0] && (security.includes(main) || !login ? main : security[0]),
      )(
        new Request(url, {
          method: op.method,
          headers,
          body: params.body === undefined ? null : JSON.stringify(params.body),
          signal: callOptions.signal ?? null,
        }),
      );
      text = await response.text();
    } catch (error) {
      throw networkError(scope, error);
    }
    let data: unknown;
    try {
      data = text.trim() ? JSON.parse(text) : undefined;
    } catch {}
    if (!response.ok) throw fail(scope, response, text, data);
    if (op.text) data = text || undefined;
    else if (text.trim() && data === undefined)
      throw fail(scope, response, text, undefined, "the body is not valid JSON");
    callOptions.onResponse?.(response);
    return { data, response };
  }

  const host: SessionHost = {
    facts,
    options,
    auth,
    perform,
    fetch: baseFetch,
    header: (scope, scheme, value) => authHeader(scope, scheme, value, remember),
    assert: assertHeaderValue,
    OpstatusRequestError,
    OpstatusAuthError,
  };

  const request = (operation: string, params?: UntypedParams, callOptions?: CallOptions, own?: OperationFacts) =>
    closing
      ? Promise.reject(new OpstatusRequestError({ provider, operation }, "the client is closed"))
      : perform(operation, params, callOptions, own);

  const origin = new URL(baseUrl).origin;
  const fetchScope = { provider, operation: "fetch" };

  return {
    provider,
    baseUrl,
    scheme: main,
    request: request as ApiClient<Ops>["request"],
    body: (async (operation: string, params?: UntypedParams, callOptions?: CallOptions): Promise<unknown> => {
      const outcome = await request(operation, params, callOptions);
      if (outcome.data === undefined)
        throw fail({ provider, operation }, outcome.response, "", undefined, "the body is empty");
      return outcome.data;
    }) as ApiClient<Ops>["body"],
    at: ((operation: string, url: string, callOptions?: CallOptions) => {
      const next = new URL(url, baseUrl);
      if (next.origin === origin)
        return request(operation, {}, callOptions, {
          ...facts.operations[operation]!,
          server: next.origin,
          path: next.pathname + next.search,
        });
    }) as ApiClient<Ops>["at"],
    fetch: (request: Request) => {
      if (closing) return Promise.reject(new OpstatusRequestError(fetchScope, "the client is closed"));
      const url = new URL(request.url);
      if (url.origin !== origin)
        return Promise.reject(
          new OpstatusRequestError(fetchScope, `no credentials to ${url.host}: not the base URL's origin`),
        );
      for (const [name, value] of Object.entries(options.headers ?? {}))
        if (!request.headers.has(name)) request.headers.set(name, value);
      return send(
        fetchScope,
        main,
      )(request).catch((error: unknown) => {
        throw networkError(fetchScope, error);
      });
    },
    close: () => (closing ??= session ? session.then((s) => s.close()) : Promise.resolve()),
  };
}

interface UntypedParams {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

/** An abort by the caller's signal or a `AbortSignal.timeout()`; passed through untouched. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}
