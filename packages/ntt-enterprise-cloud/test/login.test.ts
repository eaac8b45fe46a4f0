import { readFileSync } from "node:fs";
import { fakeFetch, json } from "@opstatus/tools/test-kit";
import { describeLogin } from "@opstatus/tools/test-kit/login-suite";
import { describe, expect, it } from "vitest";
import * as module from "../src/index.js";
import { createEnterpriseCloudClient } from "../src/index.js";

const id = "75aab8db-8632-42b4-af2f-06b5820798ef";
const list = (status: string) => ({ operations: [{ id, status }] });

describeLogin("ntt-enterprise-cloud", module, {
  target: { operationId: id },
  statuses: [list("PROCESSING"), list("PROCESSING"), list("PROCESSING"), list("PROCESSING"), list("COMPLETE")],
});

// ECL runs one Keystone per region, and a tenant lives in one region: the log-in must go to the tenant's region
describe("the Keystone of the log-in", () => {
  const auth = { apiKey: "key-1", apiSecret: "secret-1", tenantId: "tenant-1" };
  /** The URL of the log-in request a client made with `options` sends (or the error it throws when made). */
  async function loginUrl(options: Record<string, unknown>) {
    const { fetch, requests } = fakeFetch((request) =>
      request.url.includes("/v3/auth/tokens")
        ? json(201, { token: { expires_at: "2099-01-01T00:00:00Z" } }, { "X-Subject-Token": "tok" })
        : json(200, { operations: [] }),
    );
    const client = createEnterpriseCloudClient({ auth, fetch, ...options });
    await client.listOperations();
    return requests[0]!.url;
  }

  it.each([
    [
      "the region of a baseUrl that names one",
      { baseUrl: "https://virtual-network-appliance-us1-ecl.api.ntt.com" },
      "us1",
    ],
    [
      "the region of an api_endpoint that names one",
      { serverVariables: { api_endpoint: "virtual-network-appliance-uk1-ecl.api.ntt.com" } },
      "uk1",
    ],
    ["the region server variable", { serverVariables: { region: "sg1" } }, "sg1"],
    [
      "keystoneRegion, whatever the endpoint",
      { baseUrl: "https://vna.example.internal", keystoneRegion: "de1" },
      "de1",
    ],
    [
      "keystoneRegion over the endpoint's region",
      { baseUrl: "https://virtual-network-appliance-us1-ecl.api.ntt.com", keystoneRegion: "hk1" },
      "hk1",
    ],
    ["the default server's region (jp1) when nothing is given", {}, "jp1"],
  ])("goes to the Keystone of %s", async (_, options, region) => {
    expect(await loginUrl(options)).toBe(`https://keystone-${region}-ecl.api.ntt.com/v3/auth/tokens`);
  });

  it("takes a keystoneUrl with or without /v3, as OpenStack users hold it", async () => {
    for (const keystoneUrl of [
      "https://keystone.example.internal/v3",
      "https://keystone.example.internal/v3/",
      "https://keystone.example.internal",
    ])
      expect(await loginUrl({ baseUrl: "https://vna.example.internal", keystoneUrl })).toBe(
        "https://keystone.example.internal/v3/auth/tokens",
      );
  });

  it("refuses a log-in whose region nothing says, before anything is sent: no silent jp1", () => {
    for (const options of [
      { baseUrl: "https://vna.example.internal" },
      { serverVariables: { api_endpoint: "vna.example.internal" } },
    ]) {
      let error: any;
      try {
        createEnterpriseCloudClient({ auth, fetch: () => expect.fail("sent"), ...options });
      } catch (e) {
        error = e;
      }
      expect(error?.name).toBe("OpstatusRequestError");
      expect(error.message).toContain("keystoneUrl");
      expect(error.message).toContain("keystoneRegion");
    }
  });

  it("needs no Keystone for a ready token: it never logs in", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { operations: [] }));
    await createEnterpriseCloudClient({
      baseUrl: "https://vna.example.internal",
      auth: { token: "tok" },
      fetch,
    }).listOperations();
    expect(requests.map((r) => new URL(r.url).host)).toEqual(["vna.example.internal"]);
  });
});

describe("the client options' docs", () => {
  it("say that the log-in's region comes from the server variables and the endpoint, not that baseUrl makes them ignored", () => {
    const source = readFileSync(new URL("../src/generated/provider.ts", import.meta.url), "utf8");
    const options = source.slice(source.indexOf("export interface EnterpriseCloudClientOptions"));
    expect(options.slice(0, options.indexOf("\n}\n"))).not.toMatch(/[Ii]gnored when `baseUrl` is given\. \*\//);
    expect(options).toMatch(/keystoneRegion\?: "jp1" \| "jp2"/);
    expect(options).toMatch(/region[^.]*log-in/);
  });
});
