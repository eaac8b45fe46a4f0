import { OpstatusRequestError, type ErrorScope } from "./errors.js";

/** A credential: a fixed string, or a function called before every request (cache and refresh inside it). */
export type Credential = string | (() => string | Promise<string>);

/** A ready credential of one kind (`{ bearer }`, `{ apiKey }`, `{ basic: { username, password } }`, ...) or log-in fields. */
export type AuthOptions = Record<string, unknown>;

/** A security scheme of the spec: `["basic"]`, `["bearer"]` or `["apiKey", <header>]`. */
export type SchemeFacts = readonly [type: "basic" | "bearer"] | readonly [type: "apiKey", header: string];

/** Where the auth code records every secret it sends, so that errors can redact them. */
export interface SecretSink {
  add(secret: string): void;
}

const CONTROL = /[\r\n\0]/;

/** Header values may not carry CR, LF or NUL (header injection); the error never shows the value. */
export function assertHeaderValue(scope: ErrorScope, header: string, value: string): void {
  if (CONTROL.test(value)) throw new OpstatusRequestError(scope, `${header} not sent: CR, LF or NUL in its value`);
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) throw new OpstatusRequestError(scope, `bad header name "${header}"`);
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The header that carries `value` with `scheme`, checked (nothing empty, no CR/LF, no ':' in a Basic user name)
 * before anything is sent; every secret in it goes to `secrets` first.
 */
export function authHeader(scope: ErrorScope, scheme: SchemeFacts, value: unknown, secrets: SecretSink): [string, string] {
  if (scheme[0] === "basic") {
    const { username, password } = (value ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== "string" || typeof password !== "string" || !username) throw new OpstatusRequestError(scope, "Basic credentials need a user name and a password");
    secrets.add(password);
    assertHeaderValue(scope, "Authorization", `${username}${password}`);
    if (username.includes(":")) throw new OpstatusRequestError(scope, "':' in a Basic user name");
    const encoded = base64(`${username}:${password}`);
    secrets.add(encoded);
    return ["Authorization", `Basic ${encoded}`];
  }
  if (typeof value !== "string" || !value) throw new OpstatusRequestError(scope, "the credential is empty");
  secrets.add(value);
  const header: [string, string] = scheme[0] === "apiKey" ? [scheme[1], value] : ["Authorization", `Bearer ${value}`];
  assertHeaderValue(scope, header[0], header[1]);
  return header;
}
