// The checks every provider client must pass, run by each provider package's tests with its own client.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { exampleArguments } from "../src/samples.mjs";
import { provider as providerOf } from "../src/workspace.mjs";
import { SECRET, documentedResponses, fakeFetch, hostilePathValues, json, malformedErrorBodies } from "./index.js";

type AnyClient = any;
type Fetch = (request: Request) => Promise<Response>;

export interface ProviderSuiteConfig {
  provider: string;
  operationId: string;
  /** The provider's error class (e.g. VsphereApiError). */
  ErrorClass: abstract new (
    ...args: any[]
  ) => Error;
  RequestError: abstract new (...args: any[]) => Error;
  NetworkError: abstract new (...args: any[]) => Error;
  /** Creates the client with this fetch and auth (SECRET-based unless a test passes its own), and extra headers. */
  create(options: { fetch: Fetch; auth?: unknown; headers?: Record<string, string> }): AnyClient;
  /** Auth options whose credential contains `credential` (for the CR/LF test). */
  authWith(credential: string): unknown;
  /** The header the auth sends and its expected value. */
  authHeader: [name: string, value: string];
  /** Calls the operation with valid input. */
  call(client: AnyClient): Promise<unknown>;
  /** The provider's `createXApi`: the typed openapi-fetch client of a client. */
  openapi(client: AnyClient): AnyClient;
  /** The typed body a 2xx answer decodes to, from what `call` returned; without it the call returns the body itself,
   * so a 2xx answer without a body is an error. */
  bodyOf?(result: unknown): unknown;
  /** For operations with a path parameter: call with that value, and the URL path around it. */
  pathParam?: { call(client: AnyClient, value: string): Promise<unknown>; before: string; after: string };
}

export function describeProviderClient(config: ProviderSuiteConfig): void {
  const bodyOf = config.bodyOf ?? ((r: unknown) => r);
  const responses = documentedResponses(config.provider).filter((r) => r.operationId === config.operationId);

  describe(`${config.provider} client: documented responses`, () => {
    it("the spec documents responses for the operation", () => expect(responses.length).toBeGreaterThan(1));

    for (const r of responses) {
      it(`${r.code}${r.exampleName ? ` (${r.exampleName})` : ""} decodes to the ${r.status < 300 ? "typed result" : "typed error"}`, async () => {
        const { fetch } = fakeFetch(() => json(r.status, r.value, r.headers));
        const client = config.create({ fetch });
        if (r.status < 300) {
          expect(bodyOf(await config.call(client))).toEqual(r.value);
          return;
        }
        const error: any = await config.call(client).then(
          () => expect.fail("expected an error"),
          (e) => e,
        );
        expect(error).toBeInstanceOf(config.ErrorClass);
        expect(error.status).toBe(r.status);
        expect(error.provider).toBe(config.provider);
        expect(error.operation).toBe(config.operationId);
        expect(error.body).toEqual(r.value);
        expect(error.message).toContain(config.provider);
        expect(error.message).toContain(config.operationId);
        expect(error.message).toContain(String(r.status));
      });
    }
  });

  describe(`${config.provider} client: requests`, () => {
    it("sends the credential in the vendor's auth header, and JSON Accept", async () => {
      const ok = responses.find((r) => r.status < 300)!;
      const { fetch, requests } = fakeFetch(() => json(ok.status, ok.value, ok.headers));
      await config.call(config.create({ fetch }));
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers.get(config.authHeader[0])).toBe(config.authHeader[1]);
      expect(requests[0]!.headers.get("accept")).toBe("application/json");
      expect(requests[0]!.method).toBe("GET");
    });

    it("refuses an auth option that matches none of the credential forms when the client is made", () => {
      for (const auth of [{}, { opstatusNoSuchForm: "x" }])
        expect(() => config.create({ fetch: () => expect.fail("sent"), auth }), JSON.stringify(auth)).toThrow(
          config.RequestError,
        );
    });

    it("rejects a credential containing CR/LF before sending, without showing it", async () => {
      const { fetch, requests } = fakeFetch(() => json(200, {}));
      const bad = `${SECRET}\r\nX-Injected: 1`;
      const error: any = await config.call(config.create({ fetch, auth: config.authWith(bad) })).catch((e) => e);
      expect(error).toBeInstanceOf(config.RequestError);
      expect(requests).toHaveLength(0);
      expect(`${error.message} ${inspect(error)}`).not.toContain(SECRET);
    });

    it("rejects CR/LF from a credential function before sending, without showing it", async () => {
      const { fetch, requests } = fakeFetch(() => json(200, {}));
      const fixed = config.authWith(`${SECRET}\r\nX-Injected: 1`) as Record<string, unknown>;
      const refreshing = Object.fromEntries(Object.entries(fixed).map(([kind, value]) => [kind, async () => value]));
      const error: any = await config.call(config.create({ fetch, auth: refreshing })).catch((e) => e);
      expect(error).toBeInstanceOf(config.RequestError);
      expect(error.message).toContain(config.operationId);
      expect(requests).toHaveLength(0);
      expect(`${error.message} ${inspect(error)}`).not.toContain(SECRET);
    });

    it("names provider and operation on a network failure, without the credential", async () => {
      const fetch = async () => {
        throw new TypeError("fetch failed", { cause: new Error(`connect ECONNREFUSED (sent ${SECRET})`) });
      };
      const error: any = await config.call(config.create({ fetch })).catch((e) => e);
      expect(error).toBeInstanceOf(config.NetworkError);
      expect(error.message).toContain(config.provider);
      expect(error.message).toContain(config.operationId);
      expect(error.message).not.toContain(SECRET);
    });

    it("never shows the credential in an error, even when the server echoes it", async () => {
      const { fetch } = fakeFetch(() => json(401, { message: `token ${SECRET} is expired`, errorMessage: SECRET }));
      const error: any = await config.call(config.create({ fetch })).catch((e) => e);
      expect(error).toBeInstanceOf(config.ErrorClass);
      const everything = `${error.message}\n${String(error)}\n${error.rawBody}\n${error.vendorMessage}\n${error.stack}\n${inspect(error, { depth: 10 })}`;
      expect(everything).not.toContain(SECRET);
      expect(everything).toContain("[REDACTED]");
    });

    it("gives a typed error with the raw text when a 2xx body is not JSON", async () => {
      const raw = "<html>login page</html>";
      const { fetch } = fakeFetch(() => new Response(raw, { status: 200, headers: { "content-type": "text/html" } }));
      const error: any = await config.call(config.create({ fetch })).catch((e) => e);
      expect(error).toBeInstanceOf(config.ErrorClass);
      expect(error.status).toBe(200);
      expect(error.rawBody).toBe(raw);
      expect(error.message).toContain("not valid JSON");
    });

    if (!config.bodyOf)
      it("gives a typed error when a 2xx body is empty", async () => {
        const { fetch } = fakeFetch(() => new Response("", { status: 200 }));
        const error: any = await config.call(config.create({ fetch })).catch((e) => e);
        expect(error).toBeInstanceOf(config.ErrorClass);
        expect(error.status).toBe(200);
        expect(error.message).toContain("the body is empty");
      });

    it("sends the client's extra headers, and rejects CR/LF in them when the client is made", async () => {
      const ok = responses.find((r) => r.status < 300)!;
      const { fetch, requests } = fakeFetch(() => json(ok.status, ok.value, ok.headers));
      await config.call(config.create({ fetch, headers: { "x-trace": "1" } }));
      expect(requests[0]!.headers.get("x-trace")).toBe("1");
      expect(() => config.create({ fetch, headers: { "x-trace": "a\r\nb" } })).toThrow(config.RequestError);
    });

    for (const bad of malformedErrorBodies) {
      it(`gives a typed error with the raw text for a ${bad.label} error body`, async () => {
        const { fetch } = fakeFetch(
          () => new Response(bad.raw, { status: 502, headers: { "content-type": bad.contentType } }),
        );
        const error: any = await config.call(config.create({ fetch })).catch((e) => e);
        expect(error).toBeInstanceOf(config.ErrorClass);
        expect(error.status).toBe(502);
        expect(error.rawBody).toBe(bad.raw);
        expect(error.body).toBeUndefined();
        expect(error.message).toContain("HTTP 502");
      });
    }
  });

  describe(`${config.provider} client: its openapi-fetch client`, () => {
    const spec = providerOf(config.provider);
    const { path: template, pathParameters: names } = spec.operation(config.operationId);
    const args = exampleArguments(spec, config.operationId);
    const params = {
      path: Object.fromEntries(names.map((name, i) => [name, args[i]])),
      query: args[names.length],
    };
    const ok = responses.find((r) => r.status < 300)!;
    const setup = () => {
      const { fetch, requests } = fakeFetch(() => json(ok.status, ok.value, ok.headers));
      const client = config.create({ fetch });
      return { client, api: config.openapi(client), requests };
    };

    it("sends through the client: its credential, its base URL, the typed body back", async () => {
      const { client, api, requests } = setup();
      const { data, response } = await api.GET(template, { params });
      expect(response.status).toBe(ok.status);
      if (ok.value !== undefined) expect(data).toEqual(ok.value);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.url.startsWith(`${client.baseUrl}/`)).toBe(true);
      expect(new URL(requests[0]!.url).pathname).toBe(
        template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params.path[name]))),
      );
      expect(requests[0]!.headers.get(config.authHeader[0])).toBe(config.authHeader[1]);
      expect(requests[0]!.headers.get("accept")).toBe("application/json");
    });

    it("sends nothing, least of all the credential, to another origin", async () => {
      const { api, requests } = setup();
      const error: any = await api
        .GET(template, { params, baseUrl: "https://elsewhere.example" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(config.RequestError);
      expect(error.message).toContain(config.provider);
      expect(error.message).toContain("elsewhere.example");
      expect(requests).toHaveLength(0);
    });

    it("a failed connection is OpstatusNetworkError, without the credential", async () => {
      const fetch = async () => {
        throw new TypeError("fetch failed", { cause: new Error(`connect ECONNREFUSED (sent ${SECRET})`) });
      };
      const error: any = await config
        .openapi(config.create({ fetch }))
        .GET(template, { params })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(config.NetworkError);
      expect(error.message).toContain(config.provider);
      expect(error.message).not.toContain(SECRET);
    });

    it("sends nothing once the client is closed", async () => {
      const { client, api, requests } = setup();
      await client.close();
      const error: any = await api.GET(template, { params }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(config.RequestError);
      expect(error.message).toContain("closed");
      expect(requests).toHaveLength(0);
    });
  });

  const pathParam = config.pathParam;
  if (pathParam) {
    describe(`${config.provider} client: path parameter`, () => {
      for (const value of hostilePathValues) {
        it(`percent-encodes ${JSON.stringify(value)} into one path segment`, async () => {
          const ok = responses.find((r) => r.status < 300)!;
          const { fetch, requests } = fakeFetch(() => json(ok.status, ok.value, ok.headers));
          await pathParam.call(config.create({ fetch }), value);
          const path = new URL(requests[0]!.url).pathname;
          expect(path).toBe(`${pathParam.before}${encodeURIComponent(value)}${pathParam.after}`);
          const segment = path.slice(pathParam.before.length, path.length - pathParam.after.length);
          expect(segment).not.toMatch(/[/?#\s]/);
          expect(decodeURIComponent(segment)).toBe(value);
        });
      }
      for (const value of ["", ".", ".."]) {
        it(`rejects ${JSON.stringify(value)} before sending`, async () => {
          const { fetch, requests } = fakeFetch(() => json(200, {}));
          const error: any = await pathParam.call(config.create({ fetch }), value).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(config.RequestError);
          expect(error.message).toContain(config.provider);
          expect(requests).toHaveLength(0);
        });
      }
    });

    // the openapi-fetch client expands paths by the same rule as the named methods (one URL module)
    describe(`${config.provider} client: path parameter through its openapi-fetch client`, () => {
      const spec = providerOf(config.provider);
      const { path: template, pathParameters: names } = spec.operation(config.operationId);
      const args = exampleArguments(spec, config.operationId);
      const name = names[0]!;
      const ok = responses.find((r) => r.status < 300)!;
      const get = (value: string) => {
        const { fetch, requests } = fakeFetch(() => json(ok.status, ok.value, ok.headers));
        const api = config.openapi(config.create({ fetch }));
        const params = { path: { [name]: value }, query: args[names.length] };
        return { requests, sent: api.GET(template, { params }) };
      };
      for (const value of hostilePathValues) {
        it(`percent-encodes ${JSON.stringify(value)} into one path segment`, async () => {
          const { requests, sent } = get(value);
          await sent;
          expect(new URL(requests[0]!.url).pathname).toBe(
            `${pathParam.before}${encodeURIComponent(value)}${pathParam.after}`,
          );
        });
      }
      for (const value of ["", ".", ".."]) {
        it(`rejects ${JSON.stringify(value)} before sending, so no credential reaches the parent path`, async () => {
          const { requests, sent } = get(value);
          const error: any = await sent.catch((e: unknown) => e);
          expect(error).toBeInstanceOf(config.RequestError);
          expect(error.message).toContain(config.provider);
          expect(requests).toHaveLength(0);
        });
      }
    });
  }
}
