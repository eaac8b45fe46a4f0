// createTlsFetch (@opstatus/core/node): trusting a private CA, as vCenter and on-premises Oracle servers need.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpstatusNetworkError } from "../src/index.js";
import { bearerScheme } from "../src/auth.js";
import { createApiClient } from "../src/client.js";
import type { SpecFacts } from "../src/facts.js";
import { createTlsFetch } from "../src/node.js";
import { type HttpsServer, type PrivatePki, httpsServer, makePki } from "@opstatus/tools/test-kit/tls";

/** The error (and its causes) as one text, to look for the certificate complaint in. */
const causes = (error: unknown): string => {
  const parts: string[] = [];
  for (let e: any = error; e; e = e.cause) parts.push(`${e.name}: ${e.message} ${e.code ?? ""}`);
  return parts.join(" <- ");
};
const CERTIFICATE_ERROR = /certificate|CERT_|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/i;

describe("createTlsFetch against a loopback HTTPS server with a private CA", () => {
  let pki: PrivatePki;
  let server: HttpsServer;
  const fetches: { close(): Promise<void> }[] = [];
  const tlsFetch = (options: Parameters<typeof createTlsFetch>[0]) => {
    const f = createTlsFetch(options);
    fetches.push(f);
    return f;
  };

  beforeAll(async () => {
    pki = makePki();
    server = await httpsServer(pki);
  });
  afterAll(async () => {
    await Promise.all(fetches.map((f) => f.close()));
    await server?.close();
    pki?.dispose();
  });

  it("is refused by Node's own fetch, which does not trust the private CA", async () => {
    const error = await fetch(`${server.url}/echo`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(causes(error)).toMatch(CERTIFICATE_ERROR);
  });

  it("succeeds with the CA, and returns a Response", async () => {
    const response = await tlsFetch({ ca: pki.ca })(new Request(`${server.url}/echo?x=1`));
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-served-by")).toBe("loopback");
    expect([response.url, response.redirected]).toEqual([`${server.url}/echo?x=1`, false]);
    expect(await response.json()).toMatchObject({ method: "GET", url: "/echo?x=1", body: "" });
  });

  it("fails with a certificate error when given another CA", async () => {
    const error = await tlsFetch({ ca: pki.otherCa })(new Request(`${server.url}/echo`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(causes(error)).toMatch(CERTIFICATE_ERROR);
  });

  it("sends the Request's method, headers and body", async () => {
    const request = new Request(`${server.url}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "r-1", authorization: "Bearer t0ken" },
      body: JSON.stringify({ hello: "world" }),
    });
    const echoed = await (await tlsFetch({ ca: pki.ca })(request)).json();
    expect(echoed.method).toBe("POST");
    expect(echoed.headers).toMatchObject({
      "content-type": "application/json",
      "x-request-id": "r-1",
      authorization: "Bearer t0ken",
    });
    expect(JSON.parse(echoed.body)).toEqual({ hello: "world" });
    const put = await (
      await tlsFetch({ ca: pki.ca })(new Request(`${server.url}/echo`, { method: "PUT", body: "plain" }))
    ).json();
    expect(put).toMatchObject({ method: "PUT", body: "plain" });
  });

  it("follows the Request's redirect mode", async () => {
    const f = tlsFetch({ ca: pki.ca });
    const followed = await f(new Request(`${server.url}/redirect`));
    expect(followed.status).toBe(200);
    expect(followed.redirected).toBe(true);
    expect((await followed.json()).url).toBe("/echo?from=redirect");
    const manual = await f(new Request(`${server.url}/redirect`, { redirect: "manual" }));
    expect(manual.status).toBe(302);
    expect(manual.headers.get("location")).toBe("/echo?from=redirect");
    await expect(f(new Request(`${server.url}/redirect`, { redirect: "error" }))).rejects.toThrow();
  });

  it("aborts with the Request's signal", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error: any = await tlsFetch({ ca: pki.ca })(
      new Request(`${server.url}/hang`, { signal: controller.signal }),
    ).catch((e: unknown) => e);
    expect(error.name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("is accepted by every client as its fetch option", async () => {
    const facts: SpecFacts = {
      provider: "test-provider",
      servers: [{ url: server.url, variables: {} }],
      operations: { getEcho: { method: "GET", path: "/echo", security: ["bearer"] } },
      schemes: { bearer: [bearerScheme] },
      forms: { bearer: "bearer" },
    };
    type Ops = {
      getEcho: {
        parameters: object;
        responses: { 200: { content: { "application/json": { headers: Record<string, string> } } } };
      };
    };
    const trusted = createApiClient<Ops>(facts, {
      auth: { bearer: "s3cret-token" },
      fetch: tlsFetch({ ca: pki.ca }),
    });
    const echoed = await trusted.body("getEcho");
    expect(echoed.headers.authorization).toBe("Bearer s3cret-token");

    const untrusted = createApiClient<Ops>(facts, { auth: { bearer: "s3cret-token" } });
    const error = await untrusted.body("getEcho").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpstatusNetworkError);
    expect(causes(error)).toMatch(CERTIFICATE_ERROR);
  });

  it("trusts a self-signed server certificate given as its own CA", async () => {
    const selfSigned = await httpsServer(pki.selfSigned);
    try {
      expect(causes(await fetch(`${selfSigned.url}/echo`).catch((e: unknown) => e))).toMatch(CERTIFICATE_ERROR);
      const response = await tlsFetch({ ca: pki.selfSigned.cert })(new Request(`${selfSigned.url}/echo`));
      expect(response.status).toBe(200);
      expect(
        causes(await tlsFetch({ ca: pki.ca })(new Request(`${selfSigned.url}/echo`)).catch((e: unknown) => e)),
      ).toMatch(CERTIFICATE_ERROR);
    } finally {
      await selfSigned.close();
    }
  });

  it("with dangerouslyAcceptAnyCertificate, skips verification (and only then)", async () => {
    const response = await tlsFetch({ dangerouslyAcceptAnyCertificate: true })(new Request(`${server.url}/echo`));
    expect(response.status).toBe(200);
  });

  it("refuses to be built with neither a CA nor the explicit switch", () => {
    expect(() => createTlsFetch({} as never)).toThrow(/ca/);
    expect(() => createTlsFetch({ ca: "" })).toThrow(/ca/);
  });
});
