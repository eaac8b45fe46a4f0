import type { Middleware } from "openapi-fetch";
import { OpstatusRequestError, type ErrorScope } from "./errors.js";

/** A credential: a fixed string, or a function called before every request (cache and refresh inside it). */
export type Credential = string | (() => string | Promise<string>);

/** The ways the five vendors authenticate; each provider narrows this to what its API accepts. */
export type AuthOptions =
  | { bearer: Credential }
  | { basic: { username: string; password: string } }
  | { apiKey: Credential };

const CONTROL = /[\r\n\0]/;

/** Header values may not carry CR, LF or NUL (header injection); the error never shows the value. */
export function assertHeaderValue(scope: ErrorScope, header: string, value: string): void {
  if (CONTROL.test(value)) throw new OpstatusRequestError(scope, `the ${header} header value contains CR, LF or NUL and was not sent`);
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) throw new OpstatusRequestError(scope, `"${header}" is not a valid header name`);
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * openapi-fetch middleware that sets the auth header on every request. `secrets` receives every value it sends, so
 * that errors can be redacted; nothing here logs.
 */
export function authMiddleware(
  provider: string,
  auth: AuthOptions,
  apiKeyHeader: string | undefined,
  secrets: Set<string>,
  operationOf: (method: string, schemaPath: string) => string,
): Middleware {
  const resolve = async (credential: Credential) => (typeof credential === "function" ? await credential() : credential);
  return {
    async onRequest({ request, schemaPath }) {
      const scope = { provider, operation: operationOf(request.method, schemaPath) };
      let header: string;
      let value: string;
      if ("bearer" in auth) {
        const token = await resolve(auth.bearer);
        header = "Authorization";
        value = `Bearer ${token}`;
        if (typeof token !== "string" || !token) throw new OpstatusRequestError(scope, "the bearer token is empty");
        secrets.add(token);
      } else if ("basic" in auth) {
        const { username, password } = auth.basic;
        if (username.includes(":")) throw new OpstatusRequestError(scope, "a Basic auth user name may not contain ':'");
        assertHeaderValue(scope, "Authorization", `${username}:${password}`);
        header = "Authorization";
        value = `Basic ${base64(`${username}:${password}`)}`;
        secrets.add(password);
        secrets.add(value.slice(6));
      } else {
        if (!apiKeyHeader) throw new OpstatusRequestError(scope, "this API takes no API key");
        const key = await resolve(auth.apiKey);
        if (typeof key !== "string" || !key) throw new OpstatusRequestError(scope, `the ${apiKeyHeader} value is empty`);
        header = apiKeyHeader;
        value = key;
        secrets.add(key);
      }
      assertHeaderValue(scope, header, value);
      request.headers.set(header, value);
      return request;
    },
  };
}
