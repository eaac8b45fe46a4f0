// Every provider against `pnpm mock` (Prism serving its spec on loopback): `get` reads a documented example, `wait`
// ends as that example's state says, the requests (log-in and log-out included) are valid for the spec, and a
// session opened is closed.
import { startMock, type MockServer } from "@opstatus/tools/mock";
import { documentedResponses, exampleArguments, holdsBody, SECRET, SECRET_PASSWORD } from "@opstatus/tools/test-kit";
import { providers } from "@opstatus/tools/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optionName } from "../../../tools/src/cli-files.mjs";
import { runCli } from "./helpers.js";

/**
 * The credential each provider gets: its log-in where Prism serves it, a ready token otherwise. Prism answers
 * Primavera's token request (`text/plain` only in the spec) with 406 to the client's `Accept: application/json`, so
 * Primavera logs in against a scripted server in log-in.test.ts instead.
 */
const credentials: Record<string, Record<string, string>> = {
  "vmware-vsphere": {
    OPSTATUS_USERNAME: "administrator@vsphere.local",
    OPSTATUS_PASSWORD: SECRET_PASSWORD,
  },
  // Keystone's project id is 32 hex digits in the spec
  "ntt-enterprise-cloud": {
    OPSTATUS_API_KEY: "opstatus-api-key",
    OPSTATUS_API_SECRET: "opstatus-Secret-8d2e1b",
    OPSTATUS_TENANT_ID: "13572f6f42a74d2b82f7099f78d0393a",
  },
  "oracle-identity-governance": {
    OPSTATUS_USERNAME: "xelsysadm",
    OPSTATUS_PASSWORD: SECRET_PASSWORD,
  },
  "oracle-primavera-admin": { OPSTATUS_TOKEN: SECRET },
  "vmware-customer-connect": { OPSTATUS_TOKEN: SECRET },
};
const EXIT_BY_STATE: Record<string, number> = { succeeded: 0, failed: 1, canceled: 1, pending: 124, running: 124 };

const all = providers();
const mocks = new Map<string, MockServer>();
beforeAll(async () => {
  await Promise.all(all.map(async (p) => mocks.set(p.name, await startMock(p.name))));
}, 90_000);
afterAll(async () => {
  await Promise.all([...mocks.values()].map((m) => m.close()));
});

describe.each(all)("$name against Prism", (p) => {
  const m = p.manifest;
  const env = credentials[p.name]!;
  const method = m.methods.find((x) => x.operationId === m.waiter.operation)!;
  const target = m.waiter.target.example ?? String(exampleArguments(p.name, method)[0]);
  const run = (command: string, ...more: string[]) => {
    const url = mocks.get(p.name)!.url;
    // a log-in with its own server (Keystone) goes to the mock too
    const loginServer =
      m.auth.login?.serverOption && !env.OPSTATUS_TOKEN ? [`--${optionName(m.auth.login.serverOption)}`, url] : [];
    return runCli([command, p.name, target, "--base-url", url, ...loginServer, "-o", "json", ...more], env);
  };

  it("get reads a documented example (exit 0); wait ends as its state says; valid requests; the session closed", async () => {
    expect(env, "a credential for this provider in this test").toBeDefined();
    const get = await run("get");
    expect(get.code, get.stderr).toBe(0);
    const read = JSON.parse(get.stdout);
    expect(read).toMatchObject({ outcome: "read", provider: p.name, target });
    const documented = documentedResponses(p.name).filter((r) => r.status < 300 && r.value !== undefined);
    expect(
      documented.some((r) => holdsBody(read.body, r.value)),
      JSON.stringify(read.body),
    ).toBe(true);
    expect(Object.values(m.waiter.states)).toContain(read.state);

    // the mock may take a while to answer on a loaded machine: a deadline well past the first answer
    const wait = await run("wait", "--timeout", "3s", "--min-delay", "100ms");
    expect(wait.code, wait.stderr).toBe(EXIT_BY_STATE[read.state]);
    expect(JSON.parse(wait.stdout)).toMatchObject({ state: read.state, vendorStatus: read.vendorStatus });

    const log = mocks.get(p.name)!.output;
    expect(log).not.toContain("Request did not pass the validation rules");
    if (m.auth.login?.logout && !env.OPSTATUS_TOKEN) {
      // one log-in per run, each logged out
      expect(log.match(/\[HTTP SERVER\] post /g)).toHaveLength(2);
      expect(log.match(/\[HTTP SERVER\] delete /g)).toHaveLength(2);
    }
  });
});
