// The typed openapi-fetch client of a provider client (core's own suite; the providers test theirs through the built
// package): it sends through the client's fetch, to its base URL, with the URL module's paths and queries.
import { describe, expect, it } from "vitest";
import { openapiClient } from "../src/openapi-client.js";

interface Paths {
  "/things/{id}": {
    get: {
      parameters: { path: { id: string }; query?: { tags?: string[]; q?: string } };
      responses: { 200: { content: { "application/json": { id: string } } } };
    };
  };
}

describe("openapiClient", () => {
  it("sends through the client's fetch to its base URL, accepting JSON, with paths encoded and queries in form style", async () => {
    const sent: Request[] = [];
    const api = openapiClient<Paths>(
      {
        baseUrl: "https://api.test/base",
        fetch: async (request) => {
          sent.push(request);
          return Response.json({ id: "a b" });
        },
      },
      "test-provider",
    );
    const { data } = await api.GET("/things/{id}", {
      params: { path: { id: "a b/c" }, query: { tags: ["x", "y z"], q: "1" } },
    });
    expect(data).toEqual({ id: "a b" });
    expect(sent.map((r) => r.url)).toEqual(["https://api.test/base/things/a%20b%2Fc?tags=x,y%20z&q=1"]);
    expect(sent[0]!.headers.get("accept")).toBe("application/json");
  });

  it("refuses a path value of .. before anything is sent, naming the provider", async () => {
    const sent: Request[] = [];
    const api = openapiClient<Paths>(
      {
        baseUrl: "https://api.test/base",
        fetch: async (request) => {
          sent.push(request);
          return Response.json({});
        },
      },
      "test-provider",
    );
    await expect(api.GET("/things/{id}", { params: { path: { id: ".." } } })).rejects.toThrow(
      'test-provider fetch: id is ".."',
    );
    expect(sent).toEqual([]);
  });
});
