import type { Middleware } from "openapi-fetch";
import { OpstatusRequestError, type ErrorScope } from "./errors.js";

/** A credential: a fixed string, or a function called before every request (cache and refresh inside it). */
export type Credential = string | (() => string | Promise<string>);

/** The ways the five vendors authenticate; each provider narrows this to what its API accepts. */
export type AuthOptions =
  | { bearer: Credential }
  | { basic: { username: string; password: string } }
  | { apiKey: Credential };

/** Where the auth code records every secret it sends, so that errors can redact them. */
export interface SecretSink {
  add(secret: string): void;
}

const CONTROL = /[\r\n\0]/;

/** Header values may not carry CR, LF or NUL (header injection); the error never shows the value. */
export function assertHeaderValue(scope: ErrorScope, header: string, value: string): void {
  if (CONTROL.test(value)) throw new OpstatusRequestError(scope, `${header} header not sent: CR, LF or NUL in its value`);
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) throw new OpstatusRequestError(scope, `bad header name "${header}"`);
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The auth header for credentials already resolved to strings, checked (no CR/LF, nothing empty) before anything is
 * sent. Every secret it contains is added to `secrets`, so that errors can be redacted; nothing here logs.
 */
function checkedAuthHeader(
  scope: ErrorScope,
  auth: { bearer: unknown } | { basic: { username: string; password: string } } | { apiKey: unknown },
  apiKeyHeader: string | undefined,
  secrets: SecretSink,
): [name: string, value: string] {
  let header: [string, string];
  if ("bearer" in auth) {
    const token = auth.bearer;
    if (typeof token !== "string" || !token) throw new OpstatusRequestError(scope, "the bearer token is empty");
    secrets.add(token);
    header = ["Authorization", `Bearer ${token}`];
  } else if ("basic" in auth) {
    const { username, password } = auth.basic;
    if (username.includes(":")) throw new OpstatusRequestError(scope, "':' in a Basic user name");
    assertHeaderValue(scope, "Authorization", `${username}:${password}`);
    const encoded = base64(`${username}:${password}`);
    secrets.add(password);
    secrets.add(encoded);
    header = ["Authorization", `Basic ${encoded}`];
  } else {
    if (!apiKeyHeader) throw new OpstatusRequestError(scope, "this API takes no API key");
    const key = auth.apiKey;
    if (typeof key !== "string" || !key) throw new OpstatusRequestError(scope, `the ${apiKeyHeader} value is empty`);
    secrets.add(key);
    header = [apiKeyHeader, key];
  }
  assertHeaderValue(scope, header[0], header[1]);
  return header;
}

/** The header of fixed credentials, computed once; undefined when a credential is a function (see authMiddleware). */
export function staticAuthHeader(scope: ErrorScope, auth: AuthOptions, apiKeyHeader: string | undefined, secrets: SecretSink) {
  return Object.values(auth).some((credential) => typeof credential === "function") ? undefined : checkedAuthHeader(scope, auth, apiKeyHeader, secrets);
}

/**
 * openapi-fetch middleware that sets the auth header on every request, asking a credential function each time
 * (so it can refresh). Fixed credentials need no middleware: the client sends them as default headers.
 */
export function authMiddleware(
  provider: string,
  auth: AuthOptions,
  apiKeyHeader: string | undefined,
  secrets: SecretSink,
  operationOf: (method: string, schemaPath: string) => string,
): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      const scope = { provider, operation: operationOf(request.method, schemaPath) };
      const resolved = Object.fromEntries(
        await Promise.all(Object.entries(auth).map(async ([kind, credential]) => [kind, typeof credential === "function" ? await credential() : credential])),
      ) as typeof auth;
      const [name, value] = checkedAuthHeader(scope, resolved, apiKeyHeader, secrets);
      request.headers.set(name, value);
      return request;
    },
  };
}
