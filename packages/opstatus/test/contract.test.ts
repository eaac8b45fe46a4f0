// Contract tests: every named method of every provider (read from the manifests) against Prism serving that
// provider's spec on loopback. Prism rejects requests that break the spec (and says so in `sl-violations`); asked with
// `Prefer: code=…, example=…` it answers each documented response, which the client must turn into the right typed
// data or typed error.
import {
  documentedResponses,
  exampleArguments,
  holdsBody,
  loadSpec,
  sampleAuth,
  startServer,
} from "@opstatus/tools/test-kit";
import { startMock, type MockServer } from "@opstatus/tools/mock";
import { loginExamples } from "@opstatus/tools/samples";
import { providers } from "@opstatus/tools/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Call = (options: { headers?: Record<string, string>; onResponse?: (r: Response) => void }) => Promise<unknown>;

for (const p of providers()) {
  const m = p.manifest;
  describe(`${p.name} against Prism`, () => {
    let mock: MockServer;
    let module: Record<string, any>;
    beforeAll(async () => {
      module = await import(m.package);
      mock = await startMock(p.name);
    }, 60_000);
    afterAll(() => mock?.close());
    const client = () => module[m.client.factory]({ baseUrl: mock.url, auth: sampleAuth(m) });

    it("is refused by Prism without credentials (the spec declares security)", async () => {
      const url = new URL(mock.url);
      url.pathname = Object.keys(loadSpec(p.name).paths)[0]!.replace(/\{[^}]+\}/g, "x1");
      const answer = await fetch(url);
      expect(answer.status).toBe(401);
      expect(answer.headers.get("sl-violations")).toContain("security");
    });

    const login = m.auth.login;
    if (login)
      it(`logs in with ${login.operation}, calls, and ${login.logout ? `logs out with ${login.logout.operation}` : "closes"}: every request valid for Prism`, async () => {
        const before = mock.output.length;
        const fields = loginExamples(p);
        const client = module[m.client.factory]({
          baseUrl: mock.url,
          auth: fields,
          ...(login.serverOption ? { [login.serverOption]: mock.url } : {}),
        });
        const method = p.waiterMethod;
        let violations: string | null = "not called";
        await client[method.name](...exampleArguments(p.name, method), {
          onResponse: (r: Response) => (violations = r.headers.get("sl-violations")),
        });
        await client.close();
        expect(violations).toBeNull();
        const log = mock.output.slice(before);
        expect(log).not.toContain("did not pass the validation rules");
        // Prism logs each request it received: the log-in, the call and the log-out
        expect(log.match(/Request received/g)?.length).toBe(login.logout ? 3 : 2);
      });

    for (const method of m.methods) {
      const args = exampleArguments(p.name, method);
      const call: Call = (options) => client()[method.name](...args, options);

      it(`${method.name}() sends requests that Prism finds valid for the spec`, async () => {
        let violations: string | null = "not called";
        let status = 0;
        await call({
          onResponse: (r) => {
            violations = r.headers.get("sl-violations");
            status = r.status;
          },
        });
        expect(violations).toBeNull();
        expect(status).toBeLessThan(300);
      });

      for (const r of documentedResponses(p.name).filter((x) => x.operationId === method.operationId)) {
        const label = `${r.code}${r.exampleName ? ` example ${r.exampleName}` : ""}`;
        it(`${method.name}() answers ${label} as the ${r.status < 300 ? "typed result" : "typed error"}`, async () => {
          const prefer =
            r.code === "default" ? "code=418" : `code=${r.code}${r.exampleName ? `, example=${r.exampleName}` : ""}`;
          const answer = call({ headers: { Prefer: prefer } });
          if (r.status < 300) {
            const result = await answer;
            if (r.value !== undefined) expect(holdsBody(result, r.value), JSON.stringify(result)).toBe(true);
            return;
          }
          const error: any = await answer.then(
            () => expect.fail("expected an error"),
            (e) => e,
          );
          expect(error).toBeInstanceOf(module[m.client.error]);
          expect(error.status).toBe(r.status);
          if (r.value !== undefined) expect(error.body).toEqual(r.value);
        });
      }
    }
  });
}

describe("pnpm mock --proxy: Prism in front of a vendor reports where real answers break the spec", () => {
  it("flags a vendor answer that breaks the vSphere spec", async () => {
    const { createVsphereClient } = await import("@opstatus/vmware-vsphere");
    // a stand-in vendor on loopback whose status is not one the spec allows
    const vendor = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "PAUSED" }));
    });
    const proxy = await startMock("vmware-vsphere", { proxy: vendor.url });
    try {
      let violations: string | null = null;
      const info = await createVsphereClient({ baseUrl: proxy.url, auth: { apiKey: "session" } }).getCustomization(
        "vm-42",
        {
          onResponse: (r) => (violations = r.headers.get("sl-violations")),
        },
      );
      expect(info.status).toBe("PAUSED");
      expect(vendor.requests).toHaveLength(1);
      expect(violations).toContain("status");
    } finally {
      await proxy.close();
      await vendor.close();
    }
  }, 60_000);
});
