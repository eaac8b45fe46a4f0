// What the code generator extracts from a spec and its manifest for use at run time (a provider's
// src/generated/spec-facts.ts and login.ts): plain data, read by the client, the session and the URL module.
import type { SchemeFacts } from "./auth.js";

/** A server of the spec: its URL template and variables. */
export interface ServerFacts {
  readonly url: string;
  readonly variables: { readonly [name: string]: { readonly default?: string; readonly enum?: readonly string[] } };
}

/** What the client needs to know of one operation. */
export interface OperationFacts {
  readonly method: string;
  readonly path: string;
  /** The security schemes it accepts (any one of them); none: it takes no credential. */
  readonly security?: readonly string[];
  /** The URL of its own server, when it is not the base URL's (a log-in's identity service, a vendor's `Location`). */
  readonly server?: string;
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
  /** The log-in's credential fields, where the vendor has a log-in: what `auth` must hold, checked at creation. */
  readonly login?: LoginFields;
  /** The log-in operations' own server (an identity service), where they have one, and the options that name it. */
  readonly loginServer?: LoginServerFacts;
}

/** The fields of a log-in credential: each one's kind, and the ones that may be left out. */
export interface LoginFields {
  readonly fields: { readonly [name: string]: "string" | "integer" };
  readonly optional?: readonly string[];
  /** The credential forms `auth` takes, as an error names them (`{ username, password } or { apiKey }`). */
  readonly forms: string;
}

/** The server of a vendor's log-in operations, when it is not the API's (ECL's Keystone, one per region). */
export interface LoginServerFacts extends ServerFacts {
  /** The client option that gives its URL instead (e.g. `keystoneUrl`). */
  readonly option: string;
  /** The client option that gives each of its variables (e.g. `region` -> `keystoneRegion`). */
  readonly variableOptions: { readonly [variable: string]: string };
  /**
   * Where the API's base URL names a variable: a pattern whose first group is its value, made of the spec's server
   * templates (`virtual-network-appliance-us1-ecl...` names the region `us1`).
   */
  readonly from: { readonly [variable: string]: string };
  /** The path its operations start with (`/v3`): a URL given with it (as OpenStack users hold Keystone's) is cut. */
  readonly pathPrefix?: string;
}

/** One step of the log-in protocol: an operation and its parameters, with `{field}` / `{token}` filled in. */
export interface LoginStep {
  readonly operation: string;
  /** `{ query, header, body }` for the operation; a string `"{x}"` is replaced by credential field (or token) x. */
  readonly params?: object;
}

/** How a vendor logs in, from the manifest's `auth.login` (its fields are the client's `SpecFacts.login`). */
export interface LoginFacts extends LoginStep {
  /** What an optional field is when it is left out (Primavera's `tokenExpiry`: 3600, the vendor's example). */
  readonly defaults?: { readonly [field: string]: string | number };
  /** The fields that are secrets (passwords, API secrets and keys), redacted everywhere; user names and tenant ids are not. */
  readonly secret: readonly string[];
  /** The security scheme the token is sent with. */
  readonly scheme: string;
  /** Where the answer carries the token: `body` (a JSON string), `text`, `header:<name>` or `body:<path>`. */
  readonly token: string;
  /**
   * The token's lifetime: the answer's seconds of validity (`seconds:<path>`), or its expiry time (`at:<path>`), or the
   * credential field that asked for seconds (`ask:<field>`).
   */
  readonly expiry?: string;
  readonly refresh?: LoginStep;
  readonly logout?: LoginStep;
  /** The log-in steps' operations (the client's facts hold only the API's). */
  readonly operations: { readonly [operationId: string]: OperationFacts };
  /** The HTTP Basic schemes only the log-in itself uses (the client's facts hold the API's schemes). */
  readonly basic?: readonly string[];
}
