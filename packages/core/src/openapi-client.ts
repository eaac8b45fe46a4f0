import createClient, { type Client } from "openapi-fetch";

/**
 * The typed openapi-fetch client for a provider client's whole spec: requests go to its base URL through its
 * `fetch`, so they carry its credential and headers and stop at `close()`. A provider's `createXApi(client)` calls
 * this; a program that never calls it does not bundle openapi-fetch.
 */
export function openapiClient<Paths extends object>(client: {
  readonly baseUrl: string;
  fetch(request: Request): Promise<Response>;
}): Client<Paths> {
  return createClient<Paths>({
    baseUrl: client.baseUrl,
    fetch: (request: Request) => client.fetch(request),
    headers: { Accept: "application/json" },
  });
}
