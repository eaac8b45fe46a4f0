// Every URL a client builds, in one place: the base URL (from `baseUrl`, or a server of the spec and its variables),
// the servers of operations that have their own, the path with its parameters, and the query. The named methods and
// the typed openapi-fetch client both build their URLs here, so the two follow the same rules.
import { OpstatusRequestError, type ErrorScope } from "./errors.js";
import type { LoginServerFacts, ServerFacts, SpecFacts } from "./facts.js";

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;

/** A base URL checked: an http(s) URL, no credentials in it, and no credential over cleartext HTTP beyond loopback unless allowed. */
export function checkedUrl(scope: ErrorScope, text: string, allowInsecureHttp: boolean | undefined): string {
  // (text that is no URL is not shown: it may hold a password)
  const url = URL.canParse(text) ? new URL(text) : undefined;
  // Stryker disable next-line Regex: a URL's protocol always ends at its colon, so the end anchor changes nothing
  if (!url || url.username || url.password || !/^https?:$/.test(url.protocol))
    throw new OpstatusRequestError({
      ...scope,
      message: `${url ? `"${url.protocol}//${url.host}"` : "the URL given"} is not an http(s) URL without credentials`,
    });
  if (url.protocol === "http:" && !allowInsecureHttp && !LOOPBACK.test(url.hostname))
    throw new OpstatusRequestError({
      ...scope,
      message: `no credentials over plain http to ${url.host}: use https, or allowInsecureHttp: true on a trusted network`,
    });
  return text.replace(/\/+$/, "");
}

/** A server's URL from `given` variables (the spec's defaults fill the rest); enum and host-like values are checked. */
export function serverUrl(scope: ErrorScope, server: ServerFacts, given: Record<string, string>): string {
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables[name];
    // Stryker disable next-line StringLiteral: the placeholder holds spaces, and is refused as a bad server variable as '' is
    const value = given[name] ?? variable?.default ?? "";
    if (variable?.enum && !variable.enum.includes(value))
      throw new OpstatusRequestError({
        ...scope,
        message: `server variable ${name} must be one of ${variable.enum.join(", ")}`,
      });
    if (!value || /[/?#@\s]/.test(value))
      throw new OpstatusRequestError({ ...scope, message: `bad server variable ${name}` });
    return value;
  });
}

/** The URL options of a client (and, by name, the options of a log-in's own server, e.g. `keystoneUrl`). */
export interface UrlOptions {
  baseUrl?: string | undefined;
  serverVariables?: Record<string, string> | undefined;
  allowInsecureHttp?: boolean | undefined;
  [option: string]: unknown;
}

/** The base URL from `baseUrl`, or from the spec's first server whose variables cover the ones given. */
export function resolveBaseUrl(facts: SpecFacts, options: UrlOptions): string {
  const scope = { provider: facts.provider, operation: "createClient" };
  if (options.baseUrl !== undefined) return checkedUrl(scope, options.baseUrl, options.allowInsecureHttp);
  const given = options.serverVariables ?? {};
  const server = facts.servers.find((s) => Object.keys(given).every((name) => name in s.variables));
  if (!server) throw new OpstatusRequestError({ ...scope, message: `no server takes ${Object.keys(given)}` });
  return checkedUrl(scope, serverUrl(scope, server, given), options.allowInsecureHttp);
}

/**
 * A path template with its parameters: each value percent-encoded into its own segment; an empty value, `.` and `..`
 * (which would climb out of the segment once the URL is resolved) are refused before anything is sent.
 */
export function expandPath(scope: ErrorScope, template: string, values: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const text = String(values?.[name] ?? "");
    if (text === "" || text === "." || text === "..")
      throw new OpstatusRequestError({ ...scope, message: `${name} is "${text}"` });
    return encodeURIComponent(text);
  });
}

/** The query in the specs' form style: `name=value`, arrays comma-separated, undefined values left out. */
export function queryString(query: Record<string, unknown> | undefined): string {
  return Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined)
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name)}=${[value]
          .flat()
          .map((item) => encodeURIComponent(String(item)))
          .join(",")}`,
    )
    .join("&");
}

/**
 * The server of the log-in operations, where they have one of their own (ECL's Keystone, one per region): its URL
 * option (cut of the path its operations start with where it ends in it, as OpenStack users hold Keystone's
 * `https://host/v3` or `https://host/identity/v3`), or its template
 * with each variable from its own option, from `serverVariables`, or from the API's base URL where a server of the
 * spec names it (`virtual-network-appliance-us1-ecl...` names `us1`). A variable nothing gives is an error: the
 * template's default would send the credential to a server that may not be the tenant's.
 */
export function loginServerUrl(scope: ErrorScope, facts: SpecFacts, options: UrlOptions, baseUrl: string): string {
  const server = facts.loginServer as LoginServerFacts;
  const given = options[server.option];
  if (given !== undefined) {
    const url = checkedUrl(scope, String(given), options.allowInsecureHttp);
    return server.pathPrefix && new URL(url).pathname.endsWith(server.pathPrefix)
      ? url.slice(0, -server.pathPrefix.length)
      : url;
  }
  const values: Record<string, string> = {};
  for (const [name, option] of Object.entries(server.variableOptions)) {
    const value =
      options[option] ??
      options.serverVariables?.[name] ??
      (server.from[name] ? new RegExp(server.from[name]).exec(baseUrl)?.[1] : undefined);
    if (value === undefined)
      throw new OpstatusRequestError({
        ...scope,
        message: `no ${name} for the log-in's server: give ${server.option} or ${option}`,
      });
    values[name] = String(value);
  }
  return checkedUrl(scope, serverUrl(scope, server, values), options.allowInsecureHttp);
}
