// The command line itself: help, providers (from the manifests), and every usage error (exit 2), which must say what
// to do and never echo a credential.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { envName } from "@opstatus/tools/manifest";
import { providers } from "@opstatus/tools/workspace";
import { describe, expect, it } from "vitest";
import { optionName } from "../../../tools/src/cli-files.mjs";
import { LOGIN_ENV, TOKEN, runCli, scratchDir } from "./helpers.js";

const dir = scratchDir("usage");
const all = providers();

describe("help and providers", () => {
  it("prints the help with the exit codes, and the version", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const text of [
      "opstatus get <provider> <target>",
      "opstatus wait <provider> <target>",
      "124",
      "130",
      "OPSTATUS_TOKEN",
      "--checkpoint FILE",
    ])
      expect(help.stdout).toContain(text);
    const version = await runCli(["--version"]);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version,
    );
    expect((await runCli(["wait", "--help"])).stdout).toContain("Usage: opstatus wait");
  });

  it("lists every provider from the manifests: target, credential variables, server options", async () => {
    const text = await runCli(["providers"]);
    expect(text.code).toBe(0);
    const json = await runCli(["providers", "--output", "json"]);
    const listed = JSON.parse(json.stdout) as any[];
    expect(listed.map((p) => p.name)).toEqual(all.map((p) => p.name));
    for (const p of all) {
      const m = p.manifest;
      const entry = listed.find((x) => x.name === p.name);
      expect(text.stdout).toContain(`${p.name}  (${m.package})`);
      expect(entry.target.name).toBe(m.waiter.target.name);
      const variables = entry.credentials.flatMap((c: { env: string[] }) => c.env).join(" ");
      for (const [field, f] of Object.entries(m.auth.login?.fields ?? {}))
        expect(variables).toContain(f.optional ? `[${envName(field)}]` : envName(field));
      expect(variables).toContain("OPSTATUS_TOKEN");
      for (const server of p.doc.servers)
        for (const name of Object.keys(server.variables ?? {}))
          expect(entry.serverOptions).toContain(`--${optionName(name)}`);
      for (const key of Object.keys(m.waiter.target.alternatives ?? {}))
        expect(text.stdout).toContain(`--${optionName(key.replace(/Id$/, ""))} <id>`);
    }
    // Primavera's OAuth log-in is for products hosted on Oracle Cloud Infrastructure only: on-premises have Basic
    const primavera = text.stdout.slice(text.stdout.indexOf("oracle-primavera-admin  ("));
    expect(primavera.slice(0, primavera.indexOf("\n\n"))).toMatch(/Oracle Cloud Infrastructure/);
  });
});

describe("usage errors exit 2 and say what to do", () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ["no command", [], {}, /give a command/],
    ["an unknown command", ["status"], {}, /unknown command "status"/],
    [
      "an unknown provider",
      ["wait", "acme", "1"],
      { OPSTATUS_TOKEN: TOKEN },
      /unknown provider "acme"; the providers are ntt-enterprise-cloud/,
    ],
    ["no target", ["wait", "vmware-vsphere"], { OPSTATUS_TOKEN: TOKEN }, /needs a target: <vm> \(e\.g\. vm-42\)/],
    [
      "two targets for ECL",
      ["wait", "ntt-enterprise-cloud", "op-1", "--resource", "vna-1"],
      { OPSTATUS_TOKEN: TOKEN },
      /give one target: <operationId> or --resource <id>/,
    ],
    [
      "--resource for a provider without it",
      ["wait", "vmware-vsphere", "vm-42", "--resource", "x"],
      { OPSTATUS_TOKEN: TOKEN },
      /--resource is not an option of vmware-vsphere/,
    ],
    [
      "an empty target",
      ["wait", "ntt-enterprise-cloud", "--resource", ""],
      { OPSTATUS_TOKEN: TOKEN },
      /the target of ntt-enterprise-cloud is empty/,
    ],
    [
      "a bad duration",
      ["wait", "vmware-vsphere", "vm-42", "--timeout", "15 minutes"],
      { OPSTATUS_TOKEN: TOKEN },
      /--timeout takes a duration such as 500ms, 90s, 15m, 2h/,
    ],
    [
      "a bare number",
      ["wait", "vmware-vsphere", "vm-42", "--min-delay", "500"],
      { OPSTATUS_TOKEN: TOKEN },
      /--min-delay takes a duration/,
    ],
    [
      "a zero duration",
      ["wait", "vmware-vsphere", "vm-42", "--max-delay", "0s"],
      { OPSTATUS_TOKEN: TOKEN },
      /--max-delay must be more than 0/,
    ],
    [
      "max below min (checked by the waiter)",
      ["wait", "vmware-vsphere", "vm-42", "--base-url", "http://127.0.0.1:9", "--min-delay", "2s", "--max-delay", "1s"],
      { OPSTATUS_TOKEN: TOKEN },
      /maxDelay option \(1000\) must not be less than minDelay \(2000\)/,
    ],
    [
      "a bad --unknown-status",
      ["wait", "vmware-vsphere", "vm-42", "--unknown-status", "ignore"],
      { OPSTATUS_TOKEN: TOKEN },
      /--unknown-status takes fail or wait/,
    ],
    [
      "a bad --output",
      ["get", "vmware-vsphere", "vm-42", "--output", "yaml"],
      { OPSTATUS_TOKEN: TOKEN },
      /--output takes text, json or ndjson/,
    ],
    [
      "a server variable of another provider",
      ["get", "vmware-vsphere", "vm-42", "--region", "jp1"],
      { OPSTATUS_TOKEN: TOKEN },
      /--region is not an option of vmware-vsphere .* takes --api-host, --base-url/,
    ],
    [
      "a value outside the enum",
      ["get", "ntt-enterprise-cloud", "op-1", "--region", "mars1"],
      { OPSTATUS_TOKEN: TOKEN },
      /--region takes jp1, jp2/,
    ],
    [
      "--base-url with a server variable",
      ["get", "vmware-vsphere", "vm-42", "--base-url", "https://a", "--api-host", "b"],
      { OPSTATUS_TOKEN: TOKEN },
      /give --base-url or --api-host, not both/,
    ],
    [
      "--checkpoint with get",
      ["get", "vmware-vsphere", "vm-42", "--checkpoint", "x.json"],
      { OPSTATUS_TOKEN: TOKEN },
      /--checkpoint is for wait only/,
    ],
    [
      "plain http beyond loopback",
      ["get", "vmware-vsphere", "vm-42", "--base-url", "http://vcenter.example.internal"],
      { OPSTATUS_TOKEN: TOKEN },
      /no credentials over plain http/,
    ],
    [
      "a value for a flag",
      ["wait", "vmware-vsphere", "vm-42", "--quiet=yes"],
      { OPSTATUS_TOKEN: TOKEN },
      /--quiet takes no value/,
    ],
    [
      "an option without its value",
      ["wait", "vmware-vsphere", "vm-42", "-o"],
      { OPSTATUS_TOKEN: TOKEN },
      /--output needs a value/,
    ],
    [
      "a --ca file that is not there",
      ["get", "vmware-vsphere", "vm-42", "--ca", "/nonexistent/ca.pem"],
      { OPSTATUS_TOKEN: TOKEN },
      /--ca \/nonexistent\/ca.pem: cannot read the file/,
    ],
  ];
  it.each(cases)("%s", async (_, args, env, message) => {
    const run = await runCli(args, env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("refuses credentials on the command line, pointing to the environment, without echoing the value", async () => {
    for (const option of [`--password=${TOKEN}`, "--token", "--api-secret"]) {
      const run = await runCli(["wait", "vmware-vsphere", "vm-42", option, TOKEN]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/credentials are never taken on the command line .*OPSTATUS_TOKEN/);
      expect(run.stderr).not.toContain(TOKEN);
    }
  });

  it("names the variables a provider takes when its credential is missing", async () => {
    const vsphere = await runCli(["wait", "vmware-vsphere", "vm-42"]);
    expect(vsphere.code).toBe(2);
    expect(vsphere.stderr).toMatch(
      /vmware-vsphere needs a credential: set OPSTATUS_USERNAME \+ OPSTATUS_PASSWORD, or OPSTATUS_TOKEN, or pass --credentials FILE/,
    );
    const ecl = await runCli(["wait", "ntt-enterprise-cloud", "op-1", "--output", "json"], {
      OPSTATUS_API_KEY: "key-1234",
    });
    expect(ecl.code).toBe(2);
    expect(ecl.stderr).toMatch(/OPSTATUS_API_SECRET, OPSTATUS_TENANT_ID not set in the environment/);
    expect(ecl.stderr).toMatch(/set OPSTATUS_API_KEY \+ OPSTATUS_API_SECRET \+ OPSTATUS_TENANT_ID, or OPSTATUS_TOKEN/);
    const cc = await runCli(["get", "vmware-customer-connect", "r1"], LOGIN_ENV);
    expect(cc.stderr).toMatch(
      /vmware-customer-connect needs a credential: set OPSTATUS_TOKEN, or pass --credentials FILE \(a JSON object with "token"\)/,
    );
    expect(cc.stderr).not.toContain(LOGIN_ENV.OPSTATUS_PASSWORD);
  });

  it("refuses a credentials file others can read, and one with fields the provider does not take", async () => {
    const file = join(dir, "open.json");
    writeFileSync(file, JSON.stringify({ token: TOKEN }));
    chmodSync(file, 0o644);
    const open = await runCli(["get", "vmware-vsphere", "vm-42", "--credentials", file]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(`can be read or written by others (mode 644); run chmod 600 ${file}`);
    chmodSync(file, 0o600);
    const wrong = join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ bearer: TOKEN }), { mode: 0o600 });
    const run = await runCli(["get", "vmware-vsphere", "vm-42", "--credentials", wrong]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/does not take "bearer"; it takes "username", "password", "token"/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, `{"token": "${TOKEN}"`, { mode: 0o600 });
    const invalid = await runCli(["get", "vmware-vsphere", "vm-42", "--credentials", bad]);
    expect(invalid.stderr).toContain("is not valid JSON");
    for (const r of [open, run, invalid]) expect(r.stderr).not.toContain(TOKEN);
  });
});
