// What the code generator extracts from a spec and its manifest for use at run time (a provider's
// src/generated/spec-facts.ts and login.ts): plain data, read by the client, the session and the URL module.
import type { SchemeFacts } from "./auth.js";

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

/** One step of the log-in protocol: an operation and its parameters, with `{field}` / `{token}` filled in. */
export interface LoginStep {
  readonly operation: string;
  /** `{ query, header, body }` for the operation; a string `"{x}"` is replaced by credential field (or token) x. */
  readonly params?: object;
}

/** How a vendor logs in, from the manifest's `auth.login`. */
export interface LoginFacts extends LoginStep {
  /** The credential's fields, in the vendor's words; `optional` ones may be left out. */
  readonly fields: readonly string[];
  readonly optional?: readonly string[];
  /** The fields that are secrets (passwords, API secrets and keys), redacted everywhere; user names and tenant ids are not. */
  readonly secret: readonly string[];
  /** The security scheme the token is sent with. */
  readonly scheme: string;
  /** Where the answer carries the token: `body` (a JSON string), `text`, `header:<name>` or `body:<path>`. */
  readonly token: string;
  /** The answer's seconds of validity (`body:<path>`), or its expiry time (`at:<path>`), or the credential field that asks for seconds (`ask:<field>`). */
  readonly expiry?: string;
  readonly refresh?: LoginStep;
  readonly logout?: LoginStep;
  /** The client option that overrides the server of the log-in operations (e.g. `keystoneUrl`). */
  readonly serverOption?: string;
  /** The log-in steps' operations (the client's facts hold only the API's). */
  readonly operations: { readonly [operationId: string]: OperationFacts };
  /** The HTTP Basic schemes only the log-in itself uses (the client's facts hold the API's schemes). */
  readonly basic?: readonly string[];
}
