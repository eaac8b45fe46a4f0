import createClient, { type Client } from "openapi-fetch";
import type { ErrorResponse, MediaType, RequiredKeysOf, SuccessResponse } from "openapi-typescript-helpers";
import { assertHeaderValue, authMiddleware, staticAuthHeader, type AuthOptions, type SecretSink } from "./auth.js";
import {
  OpstatusApiError,
  OpstatusError,
  OpstatusNetworkError,
  OpstatusRequestError,
  redact,
  type ApiErrorDetails,
  type ErrorScope,
} from "./errors.js";

/** What the code generator extracts from a spec for use at run time (src/generated/spec-facts.ts). */
export interface SpecFacts {
  readonly provider: string;
  readonly servers: readonly {
    readonly url: string;
    readonly variables: { readonly [name: string]: { readonly default: string; readonly enum?: readonly string[] } };
  }[];
  readonly operations: {
    readonly [operationId: string]: {
      readonly method: string;
      readonly path: string;
      /** Query parameters whose array values are sent comma-separated (`style: form, explode: false`). */
      readonly commaSeparated?: readonly string[];
    };
  };
  readonly apiKeyHeader?: string;
}

/** Options every provider's `createXClient()` accepts. */
export interface ClientOptions<TAuth extends AuthOptions = AuthOptions> {
  /** Full base URL; overrides the spec's server template and `serverVariables`. */
  baseUrl?: string;
  /** Values for the spec's server variables (`api_host`, `region`, ...); the spec's defaults fill the rest. */
  serverVariables?: Record<string, string>;
  auth: TAuth;
  /** A fetch to send requests with: self-signed certificates (an undici dispatcher), proxies, tests. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
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
 * parameters, required where the spec says so); path values are checked before sending.
 */
export type OperationParams<Op> = Op extends { parameters: infer P } ? Pick<P, Extract<keyof P, "path" | "query" | "header">> : never;

/** The body of an operation's 2xx answers, of any media type (JSON, or text for a raw token). */
export type SuccessBody<Op> = Op extends { responses: infer R extends Record<string | number, any> } ? SuccessResponse<R, MediaType> : never;

/** The body of an operation's error answers, as the spec declares it. */
export type ErrorBody<Op> = Op extends { responses: infer R extends Record<string | number, any> } ? ErrorResponse<R, MediaType> : never;

/** `[params, options]` of a call: `params` may be left out when the operation requires none. */
export type CallArgs<Op> =
  RequiredKeysOf<OperationParams<Op>> extends never
    ? [params?: OperationParams<Op>, options?: CallOptions]
    : [params: OperationParams<Op>, options?: CallOptions];

type RawResult = { data?: unknown; error?: unknown; response: Response };

/**
 * The shared part of a provider client, typed by the generated `paths` and `operations`: a wrong operation id,
 * parameter name or type, or result type does not compile.
 */
export interface ApiClient<Paths extends {}, Ops extends {} = {}> {
  /** The typed openapi-fetch client for the whole spec (auth and custom fetch already applied). */
  readonly api: Client<Paths>;
  readonly provider: string;
  readonly baseUrl: string;
  /**
   * Calls `operation` (method and path from the spec facts) through `api` and turns its outcome into typed data or a
   * typed error: non-2xx answers and unreadable 2xx bodies throw the provider's `OpstatusApiError`, failed
   * connections `OpstatusNetworkError`, path values that are empty, `.` or `..` `OpstatusRequestError` (openapi-fetch
   * percent-encodes the rest).
   */
  request<K extends OperationId<Ops>>(operation: K, ...args: CallArgs<Ops[K]>): Promise<Outcome<SuccessBody<Ops[K]>>>;
  /** `request`, for operations whose success body is required: an empty body is a typed error too. */
  body<K extends OperationId<Ops>>(operation: K, ...args: CallArgs<Ops[K]>): Promise<SuccessBody<Ops[K]>>;
}

/** The error class a provider throws: `OpstatusApiError` or a subclass named after the provider. */
export type ApiErrorClass = new (details: ApiErrorDetails<any>, secrets: Iterable<string>) => OpstatusApiError<any>;

const MAX_REMEMBERED_SECRETS = 16;

/** The base URL from `baseUrl`, or from the spec's first server whose variables cover the ones given. */
export function resolveBaseUrl(facts: SpecFacts, options: Pick<ClientOptions, "baseUrl" | "serverVariables">): string {
  const scope = { provider: facts.provider, operation: "createClient" };
  if (options.baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new OpstatusRequestError(scope, `baseUrl "${options.baseUrl}" is not a URL`);
    }
    if (url.username || url.password) throw new OpstatusRequestError(scope, "credentials in baseUrl: use auth");
    return options.baseUrl.replace(/\/+$/, "");
  }
  const given = options.serverVariables ?? {};
  const server = facts.servers.find((s) => Object.keys(given).every((name) => name in s.variables));
  if (!server) throw new OpstatusRequestError(scope, `no server takes ${Object.keys(given)}`);
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables[name];
    const value = given[name] ?? variable?.default ?? "";
    if (variable?.enum && !variable.enum.includes(value))
      throw new OpstatusRequestError(scope, `server variable ${name} must be one of ${variable.enum.join(", ")}`);
    if (!value || /[/?#@\s]/.test(value)) throw new OpstatusRequestError(scope, `bad server variable ${name}`);
    return value;
  });
}

/** Builds the shared part of a provider client: the openapi-fetch client, auth, error handling. */
export function createApiClient<Paths extends {}, Ops extends {} = {}>(
  facts: SpecFacts,
  options: ClientOptions,
  ErrorClass: ApiErrorClass = OpstatusApiError,
): ApiClient<Paths, Ops> {
  const provider = facts.provider;
  const setup = { provider, operation: "createClient" };
  if (!options?.auth) throw new OpstatusRequestError(setup, "the auth option is required");
  for (const [name, value] of Object.entries(options.headers ?? {})) assertHeaderValue(setup, name, value);
  const baseUrl = resolveBaseUrl(facts, options);

  const secrets = new Set<string>();
  // keeps the most recent credentials (a refreshing token yields a new one now and then) for redaction
  const remember: SecretSink = {
    add(secret) {
      secrets.delete(secret);
      secrets.add(secret);
      if (secrets.size > MAX_REMEMBERED_SECRETS) secrets.delete(secrets.values().next().value!);
    },
  };

  const operationOf = (method: string, path: string) =>
    Object.entries(facts.operations).find(([, op]) => op.method === method && op.path === path)?.[0] ?? `${method} ${path}`;

  // Error bodies are read by openapi-fetch and JSON-parsed; keep the exact text for OpstatusApiError.rawBody. A fetch
  // wrapper rather than a middleware: with no middleware registered, openapi-fetch takes its fast path.
  const rawErrorBodies = new WeakMap<Response, Promise<string>>();
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const fetchKeepingErrorBodies = async (request: Request) => {
    const response = await baseFetch(request);
    if (!response.ok) rawErrorBodies.set(response, response.clone().text().catch(() => ""));
    return response;
  };

  // Fixed credentials become a default header, checked now; a credential function (or a fixed one that fails the
  // check, so that the error comes with the call) goes through the auth middleware before every request.
  let fixedAuth: [string, string] | undefined;
  try {
    fixedAuth = staticAuthHeader(setup, options.auth, facts.apiKeyHeader, remember);
  } catch (error) {
    if (!(error instanceof OpstatusRequestError)) throw error;
  }

  const api = createClient<Paths>({
    baseUrl,
    fetch: fetchKeepingErrorBodies,
    headers: { Accept: "application/json", ...options.headers, ...(fixedAuth ? { [fixedAuth[0]]: fixedAuth[1] } : {}) },
  });
  if (!fixedAuth) api.use(authMiddleware(provider, options.auth, facts.apiKeyHeader, remember, operationOf));

  const fail = (scope: ErrorScope, response: Response, rawBody: string, body: unknown, reason?: string) =>
    new ErrorClass(
      { ...scope, status: response.status, body, rawBody, headers: response.headers, ...(reason ? { reason } : {}) },
      secrets,
    );

  const checkedPath = (scope: ErrorScope, path: Record<string, string | number> = {}) =>
    Object.fromEntries(
      Object.entries(path).map(([name, value]) => {
        const text = typeof value === "number" ? String(value) : value;
        if (typeof text !== "string" || text === "") throw new OpstatusRequestError(scope, `empty ${name}`);
        if (text === "." || text === "..") throw new OpstatusRequestError(scope, `${name} is "." or ".."`);
        return [name, text];
      }),
    );

  async function request(operation: string, params: UntypedParams = {}, callOptions?: CallOptions): Promise<Outcome<unknown>> {
    const scope = { provider, operation };
    // operation ids are type-checked against the generated `operations`, generated from the same spec as the facts
    const spec = facts.operations[operation]!;
    for (const [name, value] of Object.entries(callOptions?.headers ?? {})) assertHeaderValue(scope, name, value);
    const init = {
      params: { ...params, path: checkedPath(scope, params.path), query: serializedQuery(params.query, spec.commaSeparated) },
      parseAs: "text" as const,
      ...(callOptions?.signal ? { signal: callOptions.signal } : {}),
      ...(callOptions?.headers ? { headers: callOptions.headers } : {}),
    };
    let result: RawResult;
    try {
      // the path is the spec's own, from the generated facts, so the untyped form of api.request is safe here
      result = await (api.request as (method: string, path: string, init: object) => Promise<RawResult>)(spec.method, spec.path, init);
    } catch (error) {
      if (error instanceof OpstatusError || isAbortError(error)) throw error;
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new OpstatusNetworkError(scope, `request failed: ${redact(cause, secrets)}`, { cause: error });
    }
    const { response } = result;
    if (!response.ok) {
      const rawBody = (await rawErrorBodies.get(response)) ?? (typeof result.error === "string" ? result.error : "");
      const body = result.error === undefined || typeof result.error === "string" ? undefined : result.error;
      throw fail(scope, response, rawBody, body);
    }
    callOptions?.onResponse?.(response);
    const text = typeof result.data === "string" ? result.data : "";
    if (text.trim() === "") return { data: undefined, response };
    try {
      return { data: JSON.parse(text), response };
    } catch {
      throw fail(scope, response, text, undefined, "the body is not valid JSON");
    }
  }

  return {
    api,
    provider,
    baseUrl,
    request: request as ApiClient<Paths, Ops>["request"],
    body: (async (operation: string, params?: UntypedParams, callOptions?: CallOptions): Promise<unknown> => {
      const outcome = await request(operation, params, callOptions);
      if (outcome.data === undefined) throw fail({ provider, operation }, outcome.response, "", undefined, "the body is empty");
      return outcome.data;
    }) as ApiClient<Paths, Ops>["body"],
  };
}

interface UntypedParams {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  header?: Record<string, string>;
}

/** Array values of `style: form, explode: false` query parameters joined with commas, as the spec says to send them. */
function serializedQuery(query: Record<string, unknown> | undefined, commaSeparated: readonly string[] = []) {
  if (!query || commaSeparated.length === 0) return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, commaSeparated.includes(name) && Array.isArray(value) ? value.join(",") : value]),
  );
}

/** An abort by the caller's signal or a `AbortSignal.timeout()`; passed through untouched. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}
