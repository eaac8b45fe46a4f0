import { OpstatusRequestError, type ErrorScope } from "./errors.js";

/** A credential: a fixed string, or a function called before every request (cache and refresh inside it). */
export type Credential = string | (() => string | Promise<string>);

/** A ready credential of one kind (`{ bearer }`, `{ apiKey }`, `{ basic: { username, password } }`, ...) or log-in fields. */
export type AuthOptions = Record<string, unknown>;

/**
 * How a security scheme of the spec sends a credential: the function that turns the credential into the header
 * value (checking it, and recording its secrets for redaction), and the header (default `Authorization`). Generated
 * facts reference only the formats a provider uses, so that a bundle carries no other.
 */
export type SchemeFacts = readonly [format: SchemeFormat, header?: string];

/** Turns a credential into a header value: checks it, records its secrets, never shows it in an error. */
export type SchemeFormat = (value: unknown, scope: ErrorScope, secrets: SecretSink) => string;

/** Where the auth code records every secret it sends, so that errors can redact them. */
export type SecretSink = (secret: string) => void;

const CONTROL = /[\r\n\0]/;

/** Header values may not carry CR, LF or NUL (header injection); the error never shows the value. */
export function assertHeaderValue(scope: ErrorScope, header: string, value: string): void {
  if (CONTROL.test(value))
    throw new OpstatusRequestError({ ...scope, message: `${header} not sent: CR, LF or NUL in its value` });
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header))
    throw new OpstatusRequestError({ ...scope, message: `bad header name "${header}"` });
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const token =
  (prefix: string): SchemeFormat =>
  (value, scope, secrets) => {
    if (typeof value !== "string" || !value)
      throw new OpstatusRequestError({ ...scope, message: "the credential is empty" });
    secrets(value);
    return prefix + value;
  };

/** `Authorization: Bearer <token>` (HTTP bearer schemes). */
export const bearerScheme: SchemeFormat = /* @__PURE__ */ token("Bearer ");

/** The token as it is, in the scheme's own header (API-key schemes). */
export const apiKeyScheme: SchemeFormat = /* @__PURE__ */ token("");

/** `Authorization: Basic <base64(user:password)>` (HTTP Basic); CR, LF or NUL and ':' in the user name are refused. */
export const basicScheme: SchemeFormat = (value, scope, secrets) => {
  const { username, password } = (value ?? {}) as { username?: unknown; password?: unknown };
  if (typeof username !== "string" || typeof password !== "string" || !username)
    throw new OpstatusRequestError({ ...scope, message: "Basic credentials need a user name and a password" });
  secrets(password);
  assertHeaderValue(scope, "Authorization", `${username}${password}`);
  if (username.includes(":")) throw new OpstatusRequestError({ ...scope, message: "':' in a Basic user name" });
  const encoded = base64(`${username}:${password}`);
  secrets(encoded);
  return `Basic ${encoded}`;
};

/** The checked header that carries `value` with `scheme`; every secret in it goes to `secrets` before anything is sent. */
export function authHeader(
  scope: ErrorScope,
  [format, header = "Authorization"]: SchemeFacts,
  value: unknown,
  secrets: SecretSink,
): [string, string] {
  const text = format(value, scope, secrets);
  assertHeaderValue(scope, header, text);
  return [header, text];
}
