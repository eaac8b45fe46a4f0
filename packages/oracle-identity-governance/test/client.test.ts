// OIG's own cases, HTTP Basic among them; the shared client suite (with the bearer form) runs in provider.test.ts.
import { SECRET_PASSWORD, fakeFetch, json } from "@opstatus/tools/test-kit";
import { inspect } from "node:util";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createIdentityGovernanceClient, IdentityGovernanceApiError, OpstatusRequestError } from "../src/index.js";
import type { UserRequest } from "../src/index.js";

const baseUrl = "https://oig.test";

describe("createIdentityGovernanceClient", () => {
  it("sends HTTP Basic and the fields list, on the default https://localhost:443", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { id: "2029", reqStatus: "Request Completed" }));
    const client = createIdentityGovernanceClient({
      fetch,
      auth: { basic: { username: "xelsysadm", password: SECRET_PASSWORD } },
    });
    expect(client.baseUrl).toBe("https://localhost:443");
    await client.getRequest("2029", { fields: ["reqType", "reqStatus"] });
    expect(requests[0]!.url).toBe(
      "https://localhost/iam/governance/selfservice/api/v1/requests/2029?fields=reqType,reqStatus",
    );
    expect(requests[0]!.headers.get("authorization")).toBe(
      `Basic ${Buffer.from(`xelsysadm:${SECRET_PASSWORD}`).toString("base64")}`,
    );
  });

  it("never shows the Basic password or its encoding in an error", async () => {
    const encoded = Buffer.from(`xelsysadm:${SECRET_PASSWORD}`).toString("base64");
    const { fetch } = fakeFetch(() => json(401, { message: `bad credentials ${encoded} / ${SECRET_PASSWORD}` }));
    const client = createIdentityGovernanceClient({
      baseUrl,
      fetch,
      auth: { basic: { username: "xelsysadm", password: SECRET_PASSWORD } },
    });
    const error = await client.getRequest("1").catch((e) => e);
    expect(error).toBeInstanceOf(IdentityGovernanceApiError);
    const text = `${error.message} ${error.rawBody} ${inspect(error)}`;
    expect(text).not.toContain(SECRET_PASSWORD);
    expect(text).not.toContain(encoded);
  });

  it("rejects CR/LF in a Basic password before sending", async () => {
    const { fetch, requests } = fakeFetch(() => json(200, {}));
    const client = createIdentityGovernanceClient({
      baseUrl,
      fetch,
      auth: { basic: { username: "u", password: "p\r\nX: 1" } },
    });
    await expect(client.getRequest("1")).rejects.toBeInstanceOf(OpstatusRequestError);
    expect(requests).toHaveLength(0);
  });

  it("builds the base URL from scheme, host and port", () => {
    const client = createIdentityGovernanceClient({
      serverVariables: { scheme: "https", host: "oig.corp.test", port: "14101" },
      auth: { bearer: "t" },
    });
    expect(client.baseUrl).toBe("https://oig.corp.test:14101");
  });

  it("lets callers read the ResponseTime header", async () => {
    const { fetch } = fakeFetch(() => json(200, { id: "1" }, { ResponseTime: "23" }));
    let responseTime: string | null = null;
    await createIdentityGovernanceClient({ baseUrl, fetch, auth: { bearer: "t" } }).getRequest("1", undefined, {
      onResponse: (r) => (responseTime = r.headers.get("ResponseTime")),
    });
    expect(responseTime).toBe("23");
  });

  it("has the vendor's types", () => {
    const client = createIdentityGovernanceClient({ baseUrl, auth: { bearer: "t" } });
    expectTypeOf(client.getRequest).returns.resolves.toEqualTypeOf<UserRequest>();
    expectTypeOf<UserRequest["reqStatus"]>().toEqualTypeOf<string | undefined>();
    const typeOnly = () => {
      // @ts-expect-error OIG takes Basic or bearer, not an API key
      createIdentityGovernanceClient({ baseUrl, auth: { apiKey: "k" } });
    };
    expect(typeof typeOnly).toBe("function");
  });
});
