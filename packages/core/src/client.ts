import type { ErrorResponse, MediaType, RequiredKeysOf, SuccessResponse } from "openapi-typescript-helpers";
import { assertHeaderValue, authHeader, type SecretSink } from "./auth.js";
import {
  OpstatusApiError,
  OpstatusAuthError,
  OpstatusError,
  OpstatusNetworkError,
  OpstatusRequestError,
  type ApiErrorDetails,
  type ErrorScope,
} from "./errors.js";
import type { OperationFacts, SpecFacts } from "./facts.js";
import type { CallOptions, ClientOptions, Outcome } from "./options.js";
import { Redactor } from "./redact.js";
import type { Session, SessionHost } from "./session.js";
import { expandPath, type loginServerUrl, queryString, resolveBaseUrl, type UrlOptions } from "./urls.js";

/** The names of the headers that carry credentials (`X-Subject-Token`, `vmware-api-session-id`, `Set-Cookie`...). */
const CREDENTIAL_HEADER = /token|secret|session|cookie|passw|^authorization$|api-?key/i;

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
   * is percent-encoded). With log-in credentials, a 401 drops the token, logs in again once and re-sends once. No
   * redirect is followed: a 3xx is an `OpstatusApiError` (no credential goes where the client was not told).
   */
  request<K extends OperationId<Ops>>(operation: K, ...args: CallArgs<Ops[K]>): Promise<Outcome<SuccessBody<Ops[K]>>>;
  /** `request`, for operations whose success body is required: an empty body is a typed error too. */
  body<K extends OperationId<Ops>>(operation: K, ...args: CallArgs<Ops[K]>): Promise<SuccessBody<Ops[K]>>;
  /**
   * Sends `request` with the client's credential (logging in first, given log-in fields) and its `headers` option, for
   * the base URL's origin only: a request for any other origin, or after `close()`, fails with `OpstatusRequestError`
   * and nothing is sent; a failed connection throws `OpstatusNetworkError`. No redirect is followed: a 3xx is the
   * response. What the typed openapi-fetch client (`openapiClient`) sends through.
   */
  fetch(request: Request): Promise<Response>;
  /** Ends the session where the vendor has a log-out (once); every later call fails with `OpstatusRequestError`. */
  close(): Promise<void>;
}

/** The error class a provider throws: `OpstatusApiError` or a subclass named after the provider. */
export type ApiErrorClass = new (details: ApiErrorDetails<any>) => OpstatusApiError<any>;

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
  resolveLoginServer?: typeof loginServerUrl,
): ApiClient<Ops> {
  const { provider, schemes } = facts;
  const setup = { provider, operation: "createClient" };
  const auth = options?.auth as Record<string, unknown>;
  if (!auth) throw new OpstatusRequestError({ ...setup, message: "the auth option is required" });
  for (const [name, value] of Object.entries(options.headers ?? {})) assertHeaderValue(setup, name, value);
  const urlOptions = options as ClientOptions & UrlOptions;
  const baseUrl = resolveBaseUrl(facts, urlOptions);

  // every credential is redacted from errors: the fixed ones always, of a session's or a function's tokens the latest
  const redactor = new Redactor();
  const learn = (secret: string, transient: boolean) => {
    redactor.add(secret, { transient });
    options.onSecret?.(secret);
  };
  const remember: SecretSink = (secret) => learn(secret, true);

  const form = credentialForm(setup, facts, auth);
  // anything but a ready credential is the vendor's log-in fields: the session is loaded on the first call
  const login = !form && loadSession;
  if (!form && !login) throw new OpstatusRequestError({ ...setup, message: "this client takes no log-in fields" });
  // the log-in's own server, if it has one, is known before anything is sent (ECL: the Keystone of the region)
  // (the generated code of a provider whose log-in has a server of its own hands over the resolver: no other bundles it)
  const loginServer = login && resolveLoginServer ? resolveLoginServer(setup, facts, urlOptions, baseUrl) : undefined;
  const main = login ? facts.loginScheme! : facts.forms[form!]!;
  // a ready credential is known from the start (the session names the log-in fields that are secret)
  // Stryker disable next-line BooleanLiteral: the header of every call records the same credential as a fixed secret before it is sent
  if (!login && typeof auth[form!] === "string") learn(auth[form!] as string, false);

  // no redirect is followed: a 3xx is the answer (an API error), so that no credential goes where the vendor did not say
  const baseFetch = (request: Request) =>
    (options.fetch ?? globalThis.fetch)(new Request(request, { redirect: "manual" }));
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
        // a function's tokens come and go; a fixed credential (a token, a Basic password and its encoding) stays
        const fresh = typeof value === "function";
        request.headers.set(
          ...authHeader(scope, schemes[scheme]!, fresh ? await value() : value, (secret) => learn(secret, fresh)),
        );
      }
      return baseFetch(request);
    };

  /** A failed connection as `OpstatusNetworkError` (credentials redacted); typed errors and aborts as they are. */
  const networkError = (scope: ErrorScope, error: unknown) => {
    if (error instanceof OpstatusError || isAbortError(error)) return error;
    const cause =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return new OpstatusNetworkError({ ...scope, message: `request failed: ${redactor.redact(cause)}`, cause: error });
  };

  /** An error answer as the provider's error: known secrets redacted, headers that carry credentials masked. */
  const fail = (scope: ErrorScope, response: Response, rawBody: string, body?: unknown, reason?: string) =>
    new ErrorClass({
      ...scope,
      status: response.status,
      body: redactor.redactDeep(body),
      rawBody: redactor.redact(rawBody),
      headers: [...response.headers].map(([name, value]): [string, string] => [
        name,
        CREDENTIAL_HEADER.test(name) ? "[REDACTED]" : redactor.redact(value),
      ]),
      reason,
    });

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
    // an operation on a server of its own (a log-in's identity service, a vendor's Location): checked where it is made
    const server = op.server;
    const query = queryString(params.query);
    const url = `${server ?? baseUrl}${expandPath(scope, op.path, params.path)}${query ? `?${query}` : ""}`;
    const headers: Record<string, string> = {
      // a raw token's media type is not stated by the vendor: take any
      Accept: op.text ? "*/*" : "application/json",
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
          // Stryker disable next-line ConditionalExpression: JSON.stringify(undefined) is undefined, which sends no body, as null does
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
      // Stryker disable next-line MethodExpression: JSON.parse of blank text throws, and the catch leaves data undefined, as the blank check does
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
    secret: (value) => learn(value, false),
    loginServer,
    assert: assertHeaderValue,
    OpstatusRequestError,
    OpstatusAuthError,
  };

  const request = (operation: string, params?: UntypedParams, callOptions?: CallOptions, own?: OperationFacts) =>
    closing
      ? Promise.reject(new OpstatusRequestError({ provider, operation, message: "the client is closed" }))
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
    fetch: (request: Request) => {
      if (closing) return Promise.reject(new OpstatusRequestError({ ...fetchScope, message: "the client is closed" }));
      const url = new URL(request.url);
      if (url.origin !== origin)
        return Promise.reject(
          new OpstatusRequestError({
            ...fetchScope,
            message: `no credentials to ${url.host}: not the base URL's origin`,
          }),
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

/**
 * `operation` of `client` (its method and credentials) sent to `url`, a location the vendor named (e.g. the `Location`
 * of a 202), resolved against the base URL: only when it has the base URL's origin (and its path starts with `under`).
 * Any other location gets nothing, least of all the credentials: `undefined`. (A function of its own, so that only
 * the provider that follows a location bundles it.)
 */
export function requestAt<Ops extends object, K extends OperationId<Ops>>(
  client: ApiClient<Ops>,
  facts: SpecFacts,
  operation: K,
  url: string,
  options?: CallOptions,
  // Stryker disable next-line StringLiteral: a resolved URL's path always starts with '/', so '' and '/' accept the same paths
  under = "/",
): Promise<Outcome<SuccessBody<Ops[K]>>> | undefined {
  const next = new URL(url, client.baseUrl);
  if (next.origin === new URL(client.baseUrl).origin && next.pathname.startsWith(under))
    // the request's own operation facts (internal): the same operation on the location's path
    return (client.request as unknown as InternalRequest)(operation, {}, options, {
      ...facts.operations[operation]!,
      server: next.origin,
      path: next.pathname + next.search,
    }) as Promise<Outcome<SuccessBody<Ops[K]>>>;
}

/** What `request` is inside core: a fourth argument sends the operation with facts of its own (a server, a path). */
type InternalRequest = (
  operation: string,
  params: UntypedParams,
  options: CallOptions | undefined,
  own: OperationFacts,
) => Promise<Outcome<unknown>>;

/**
 * The ready form `auth` is in (`{ bearer }`, `{ apiKey }`, ...), or undefined for the vendor's log-in fields; an `auth`
 * that is neither (log-in fields missing, unknown, empty, or not text, or not whole numbers where the vendor wants them) is refused with
 * an error that names the forms the provider takes.
 */
function credentialForm(scope: ErrorScope, facts: SpecFacts, auth: Record<string, unknown>): string | undefined {
  const keys = Object.keys(auth);
  if (keys.length === 1 && Object.hasOwn(facts.forms, keys[0]!)) return keys[0];
  const login = facts.login;
  const missing = login
    ? Object.entries(login.fields).filter(([field, kind]) => {
        const value = Object.hasOwn(auth, field) ? auth[field] : undefined;
        return value === undefined
          ? !login.optional?.includes(field)
          : !(kind === "integer"
              ? Number.isSafeInteger(value) && (value as number) > 0
              : typeof value === "string" && value);
      })
    : [];
  if (login && keys.length > 0 && missing.length === 0 && keys.every((key) => Object.hasOwn(login.fields, key)))
    return undefined;
  throw new OpstatusRequestError({
    ...scope,
    message: `auth ${missing.length ? `lacks a good ${missing.map(([field]) => field).join(", ")}` : "matches no form"}: it takes ${
      login?.forms ??
      Object.keys(facts.forms)
        .map((f) => `{ ${f} }`)
        .join(" or ")
    }`,
  });
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
