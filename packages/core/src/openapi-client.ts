import createClient, { type Client } from "openapi-fetch";
import { expandPath, queryString } from "./urls.js";

/**
 * The typed openapi-fetch client for a provider client's whole spec: requests go to its base URL through its
 * `fetch`, so they carry its credential and headers and stop at `close()`. Its paths and queries are built by the URL
 * module the named methods use: a path value that is empty, `.` or `..` is refused before anything is sent (by then
 * `new Request()` would have resolved it to the parent path), the rest percent-encoded into its segment. A provider's
 * `createXApi(client)` calls this; a program that never calls it does not bundle openapi-fetch.
 */
export function openapiClient<Paths extends object>(
  client: { readonly baseUrl: string; fetch(request: Request): Promise<Response> },
  provider: string,
): Client<Paths> {
  const scope = { provider, operation: "fetch" };
  return createClient<Paths>({
    baseUrl: client.baseUrl,
    fetch: (request: Request) => client.fetch(request),
    headers: { Accept: "application/json" },
    pathSerializer: (path, values) => expandPath(scope, path, values),
    querySerializer: (query) => queryString(query as Record<string, unknown>),
  });
}
