import { writeFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { makePki } from "@opstatus/tools/test-kit/tls";
import { describe, expect, it } from "vitest";
import {
  LOGIN_ENV,
  SESSION_ID,
  TOKEN,
  VM_PATH,
  jsonResult,
  routeServer,
  runCli,
  scratchDir,
  status,
  vcenter,
} from "./helpers.js";

const dir = scratchDir("login");
const fast = ["--min-delay", "50ms", "--max-delay", "50ms"];

describe("credentials", () => {
  it("log-in fields win over OPSTATUS_TOKEN; OPSTATUS_TOKEN alone is sent as the ready form", async () => {
    const server = await vcenter(status("SUCCEEDED"));
    const both = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url], {
      ...LOGIN_ENV,
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(both.code, both.stderr).toBe(0);
    expect(server.logins()).toBe(1);
    expect(server.requests.find((r) => r.method === "GET")!.headers["vmware-api-session-id"]).toBe(SESSION_ID);
    const token = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(token.code).toBe(0);
    expect(server.logins()).toBe(1);
    expect(server.requests.at(-1)!.headers["vmware-api-session-id"]).toBe(TOKEN);
    // a ready token is not the CLI's to end
    expect(server.logouts()).toBe(1);
  });

  it("--credentials FILE (mode 600) instead of the environment", async () => {
    const server = await vcenter(status("SUCCEEDED"));
    const file = join(dir, "vcenter.json");
    writeFileSync(
      file,
      JSON.stringify({ username: "administrator@vsphere.local", password: LOGIN_ENV.OPSTATUS_PASSWORD }),
      { mode: 0o600 },
    );
    const run = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, "--credentials", file]);
    expect(run.code, run.stderr).toBe(0);
    const basic = server.requests.find((r) => r.method === "POST")!.headers.authorization;
    expect(basic).toBe(
      `Basic ${Buffer.from(`administrator@vsphere.local:${LOGIN_ENV.OPSTATUS_PASSWORD}`).toString("base64")}`,
    );
    expect(server.logouts()).toBe(1);
  });
});

describe("each vendor's log-in, from the environment", () => {
  it("NTT Enterprise Cloud: Keystone token from X-Subject-Token (--keystone-url), revoked at the end", async () => {
    const keystoneToken = "gAAAAABkeystone-token-5e1f";
    const server = await routeServer({
      "POST /v3/auth/tokens": {
        status: 201,
        headers: { "X-Subject-Token": keystoneToken },
        body: { token: { expires_at: new Date(Date.now() + 3_600_000).toISOString() } },
      },
      "DELETE /v3/auth/tokens": { status: 204 },
      "GET /v1.0/operations": [
        { status: 200, body: { operations: [{ id: "op-1", resource_id: "vna-1", status: "PROCESSING" }] } },
        { status: 200, body: { operations: [{ id: "op-1", resource_id: "vna-1", status: "COMPLETE" }] } },
      ],
    });
    const env = {
      OPSTATUS_API_KEY: "opstatus-api-key",
      OPSTATUS_API_SECRET: "opstatus-Secret-8d2e1b",
      OPSTATUS_TENANT_ID: "13572f6f42a74d2b82f7099f78d0393a",
    };
    const run = await runCli(
      [
        "wait",
        "ntt-enterprise-cloud",
        "op-1",
        "--base-url",
        server.url,
        "--keystone-url",
        server.url,
        ...fast,
        "-o",
        "json",
      ],
      env,
    );
    expect(jsonResult(run, 0)).toMatchObject({ outcome: "succeeded", vendorStatus: "COMPLETE", attempts: 2 });
    const get = server.requests.find((r) => r.method === "GET")!;
    expect(get.headers["x-auth-token"]).toBe(keystoneToken);
    const revoke = server.requests.find((r) => r.method === "DELETE")!;
    expect(revoke.headers["x-subject-token"]).toBe(keystoneToken);
    expect(run.stdout).not.toContain(keystoneToken);
  });

  it("Oracle Identity Governance: JWT from the token service", async () => {
    const server = await routeServer({
      "POST /iam/governance/token/api/v1/tokens": {
        status: 200,
        body: { accessToken: "eyJhbGciOi.oig-jwt.sig", expiresIn: 3600 },
      },
      "GET /iam/governance/selfservice/api/v1/requests/2029": [
        { status: 200, body: { id: "2029", reqStatus: "Request Awaiting Approval" } },
        { status: 200, body: { id: "2029", reqStatus: "Request Completed" } },
      ],
    });
    const run = await runCli(
      ["wait", "oracle-identity-governance", "2029", "--base-url", server.url, ...fast],
      LOGIN_ENV,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^✔ succeeded: oracle-identity-governance 2029 Request Completed \(succeeded\) after 2 polls/,
    );
    expect(server.requests.find((r) => r.method === "GET")!.headers.authorization).toBe(
      "Bearer eyJhbGciOi.oig-jwt.sig",
    );
  });

  it("Oracle Primavera: raw text token with the asked-for lifetime (OPSTATUS_TOKEN_EXPIRY)", async () => {
    const server = await routeServer({
      "GET /cloudapi/restapi/oauth2/token": {
        status: 200,
        raw: "p6-raw-token-7c2d9e",
        headers: { "content-type": "text/plain" },
      },
      "GET /cloudapi/restapi/v3/user/status/12345": [
        { status: 202, headers: { Location: "/cloudapi/restapi/v3/user/status/12345" } },
        { status: 200, body: { added: [{ loginId: "jdoe" }] } },
      ],
    });
    const run = await runCli(
      ["wait", "oracle-primavera-admin", "12345", "--base-url", server.url, ...fast, "-o", "json"],
      { ...LOGIN_ENV, OPSTATUS_TOKEN_EXPIRY: "600" },
    );
    expect(jsonResult(run, 0)).toMatchObject({
      outcome: "succeeded",
      vendorStatus: "200",
      body: { added: [{ loginId: "jdoe" }] },
    });
    expect(server.requests[0]!.url).toBe("/cloudapi/restapi/oauth2/token?tokenExpiry=600");
    expect(server.requests[1]!.headers.authorization).toBe("Bearer p6-raw-token-7c2d9e");
    for (const value of ["soon", "600.5"]) {
      const bad = await runCli(["get", "oracle-primavera-admin", "12345", "--base-url", server.url], {
        ...LOGIN_ENV,
        OPSTATUS_TOKEN_EXPIRY: value,
      });
      expect(bad.code, value).toBe(2);
      expect(bad.stderr).toMatch(/OPSTATUS_TOKEN_EXPIRY must be a whole number of seconds more than 0/);
    }
  });
});

describe("--basic: HTTP Basic where the vendor also has a log-in", () => {
  it("Primavera: OPSTATUS_USERNAME + OPSTATUS_PASSWORD sent as Basic to the classic status path, no token asked", async () => {
    const server = await routeServer({
      "GET /cloudapi/restapi/user/status/12345": { status: 200, body: { added: [{ loginId: "jdoe" }] } },
    });
    const run = await runCli(
      ["get", "oracle-primavera-admin", "12345", "--base-url", server.url, "--basic"],
      LOGIN_ENV,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe("/cloudapi/restapi/user/status/12345");
    expect(server.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${LOGIN_ENV.OPSTATUS_USERNAME}:${LOGIN_ENV.OPSTATUS_PASSWORD}`).toString("base64")}`,
    );
    expect(run.stdout + run.stderr).not.toContain(LOGIN_ENV.OPSTATUS_PASSWORD);
  });

  it("is a usage error for a provider that takes no Basic, and without a user name and password", async () => {
    const none = await runCli(["get", "vmware-customer-connect", "r1", "--base-url", "http://127.0.0.1:9", "--basic"], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/vmware-customer-connect takes no HTTP Basic/);
    const missing = await runCli(
      ["get", "oracle-identity-governance", "2029", "--base-url", "http://127.0.0.1:9", "--basic"],
      { OPSTATUS_TOKEN: TOKEN },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/OPSTATUS_USERNAME \+ OPSTATUS_PASSWORD/);
  });

  it("is listed among the provider's credentials", async () => {
    const run = await runCli(["providers"]);
    expect(run.stdout).toMatch(
      /OPSTATUS_USERNAME \+ OPSTATUS_PASSWORD with --basic\n\s+HTTP Basic, sent to the classic/,
    );
  });
});

describe("--insecure-http", () => {
  it("lets credentials go over plain http beyond loopback only when given", async () => {
    const server = await vcenter(status("SUCCEEDED"));
    // 0.0.0.0 reaches this host, but is not loopback by name: the client treats it as any remote host
    const url = server.url.replace("127.0.0.1", "0.0.0.0");
    const refused = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", url], { OPSTATUS_TOKEN: TOKEN });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no credentials over plain http to 0\.0\.0\.0/);
    const allowed = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", url, "--insecure-http"], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(server.polls()).toBe(1);
  });
});

describe("--ca: a private CA", () => {
  it("trusts the server that CA signed; without it the certificate is refused", async () => {
    const pki = makePki();
    const caFile = join(dir, "ca.pem");
    const notPemFile = join(dir, "not-a-certificate.txt");
    writeFileSync(caFile, pki.ca);
    writeFileSync(notPemFile, "not a certificate\n");
    const https = createServer({ key: pki.key, cert: pki.cert }, (req, res) => {
      res
        .writeHead(req.url === VM_PATH ? 200 : 404, { "content-type": "application/json" })
        .end(JSON.stringify({ status: "SUCCEEDED" }));
    });
    await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
    try {
      const trusted = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", url, "--ca", caFile], {
        OPSTATUS_TOKEN: TOKEN,
      });
      expect(trusted.code, trusted.stderr).toBe(0);
      const refused = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", url, "--timeout", "2s"], {
        OPSTATUS_TOKEN: TOKEN,
      });
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(/request failed/);
      const notPem = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", url, "--ca", notPemFile], {
        OPSTATUS_TOKEN: TOKEN,
      });
      expect(notPem.code).toBe(2);
    } finally {
      https.closeAllConnections();
      await new Promise((resolve) => https.close(resolve));
      pki.dispose();
    }
  });
});
