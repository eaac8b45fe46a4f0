// Where the credential comes from (src/credentials.ts): the environment or a private JSON file, per provider kind, and
// what a missing or bad one says.
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findProvider, UsageError } from "../../src/args.js";
import { choiceName, credentialChoices, resolveAuth } from "../../src/credentials.js";
import type { ProviderInfo } from "../../src/provider-info.js";
import { usage } from "./usage.js";

const vsphere = findProvider("vmware-vsphere");
const connect = findProvider("vmware-customer-connect");
const oig = findProvider("oracle-identity-governance");
const primavera = findProvider("oracle-primavera-admin");
const ecl = findProvider("ntt-enterprise-cloud");
/** A provider with HTTP Basic and no log-in of its own (none of the generated ones is). */
const basicOnly: ProviderInfo = {
  ...connect,
  name: "basic-only",
  forms: [{ key: "basic", type: "basic", summary: "HTTP Basic" }],
};

const dir = mkdtempSync(join(tmpdir(), "opstatus-cli-credentials-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** A credentials file with `content` (an object is written as JSON) and `mode`. */
function file(content: unknown, mode = 0o600): string {
  const path = join(dir, `creds-${++files}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

const USER = { OPSTATUS_USERNAME: "admin@vsphere.local", OPSTATUS_PASSWORD: "pa55word" };

describe("from the environment", () => {
  it("log-in fields, complete: the log-in", () => {
    expect(resolveAuth(vsphere, USER)).toEqual({ username: "admin@vsphere.local", password: "pa55word" });
    expect(
      resolveAuth(ecl, { OPSTATUS_API_KEY: "key", OPSTATUS_API_SECRET: "secret", OPSTATUS_TENANT_ID: "tenant" }),
    ).toEqual({ apiKey: "key", apiSecret: "secret", tenantId: "tenant" });
  });

  it("complete log-in fields win over OPSTATUS_TOKEN", () => {
    expect(resolveAuth(vsphere, { ...USER, OPSTATUS_TOKEN: "session-1" })).toEqual({
      username: "admin@vsphere.local",
      password: "pa55word",
    });
  });

  it("OPSTATUS_TOKEN alone goes to the provider's ready token form", () => {
    expect(resolveAuth(vsphere, { OPSTATUS_TOKEN: "session-1" })).toEqual({ apiKey: "session-1" });
    expect(resolveAuth(ecl, { OPSTATUS_TOKEN: "keystone-1" })).toEqual({ token: "keystone-1" });
    expect(resolveAuth(oig, { OPSTATUS_TOKEN: "jwt-1" })).toEqual({ bearer: "jwt-1" });
    expect(resolveAuth(primavera, { OPSTATUS_TOKEN: "oauth-1" })).toEqual({ bearer: "oauth-1" });
    expect(resolveAuth(connect, { OPSTATUS_TOKEN: "jwt-2" })).toEqual({ bearer: "jwt-2" });
  });

  it("OPSTATUS_TOKEN wins over partial log-in fields", () => {
    expect(resolveAuth(ecl, { OPSTATUS_API_KEY: "key", OPSTATUS_TOKEN: "keystone-1" })).toEqual({
      token: "keystone-1",
    });
  });

  it("partial log-in fields: the missing ones are named", () => {
    expect(usage(() => resolveAuth(ecl, { OPSTATUS_API_KEY: "key" }))).toBe(
      'ntt-enterprise-cloud needs a credential (OPSTATUS_API_SECRET, OPSTATUS_TENANT_ID not set in the environment): set OPSTATUS_API_KEY + OPSTATUS_API_SECRET + OPSTATUS_TENANT_ID, or OPSTATUS_TOKEN, or pass --credentials FILE (a JSON object with "apiKey", "apiSecret", "tenantId", "token"); see `opstatus providers`',
    );
    expect(usage(() => resolveAuth(vsphere, { OPSTATUS_PASSWORD: "pw" }))).toMatch(
      /^vmware-vsphere needs a credential \(OPSTATUS_USERNAME not set in the environment\): /,
    );
  });

  it("empty variables count as unset", () => {
    expect(
      usage(() => resolveAuth(vsphere, { OPSTATUS_USERNAME: "", OPSTATUS_PASSWORD: "", OPSTATUS_TOKEN: "" })),
    ).toBe(
      'vmware-vsphere needs a credential: set OPSTATUS_USERNAME + OPSTATUS_PASSWORD, or OPSTATUS_TOKEN, or pass --credentials FILE (a JSON object with "username", "password", "token"); see `opstatus providers`',
    );
    expect(usage(() => resolveAuth(vsphere, { OPSTATUS_USERNAME: "u", OPSTATUS_PASSWORD: "" }))).toMatch(
      /\(OPSTATUS_PASSWORD not set in the environment\)/,
    );
  });

  it("nothing at all: every way the provider takes a credential is named", () => {
    expect(usage(() => resolveAuth(connect, {}))).toBe(
      'vmware-customer-connect needs a credential: set OPSTATUS_TOKEN, or pass --credentials FILE (a JSON object with "token"); see `opstatus providers`',
    );
    expect(usage(() => resolveAuth(oig, {}))).toBe(
      'oracle-identity-governance needs a credential: set OPSTATUS_USERNAME + OPSTATUS_PASSWORD, or OPSTATUS_TOKEN, or OPSTATUS_USERNAME + OPSTATUS_PASSWORD with --basic, or pass --credentials FILE (a JSON object with "username", "password", "token"); see `opstatus providers`',
    );
    expect(usage(() => resolveAuth(primavera, {}))).toBe(
      'oracle-primavera-admin needs a credential: set OPSTATUS_USERNAME + OPSTATUS_PASSWORD + [OPSTATUS_TOKEN_EXPIRY], or OPSTATUS_TOKEN, or OPSTATUS_USERNAME + OPSTATUS_PASSWORD with --basic, or pass --credentials FILE (a JSON object with "username", "password", "tokenExpiry", "token"); see `opstatus providers`',
    );
  });

  it("user name and password go to the log-in unless --basic, where the vendor has both", () => {
    expect(resolveAuth(oig, USER)).toEqual({ username: "admin@vsphere.local", password: "pa55word" });
    expect(resolveAuth(oig, USER, undefined, true)).toEqual({
      basic: { username: "admin@vsphere.local", password: "pa55word" },
    });
    expect(resolveAuth(primavera, { ...USER, OPSTATUS_TOKEN: "t" }, undefined, true)).toEqual({
      basic: { username: "admin@vsphere.local", password: "pa55word" },
    });
  });

  it("--basic without a user name and password", () => {
    expect(usage(() => resolveAuth(oig, { OPSTATUS_USERNAME: "u", OPSTATUS_TOKEN: "t" }, undefined, true))).toBe(
      'oracle-identity-governance needs a credential (--basic needs OPSTATUS_USERNAME + OPSTATUS_PASSWORD): set OPSTATUS_USERNAME + OPSTATUS_PASSWORD, or OPSTATUS_TOKEN, or OPSTATUS_USERNAME + OPSTATUS_PASSWORD with --basic, or pass --credentials FILE (a JSON object with "username", "password", "token"); see `opstatus providers`',
    );
  });

  it("--basic where the provider takes no HTTP Basic", () => {
    expect(usage(() => resolveAuth(vsphere, USER, undefined, true))).toBe(
      "--basic: vmware-vsphere takes no HTTP Basic",
    );
    expect(usage(() => resolveAuth(connect, { OPSTATUS_TOKEN: "t" }, undefined, true))).toBe(
      "--basic: vmware-customer-connect takes no HTTP Basic",
    );
  });

  it("HTTP Basic where the vendor has no log-in: the user name and password, no --basic needed", () => {
    expect(resolveAuth(basicOnly, USER)).toEqual({ basic: { username: "admin@vsphere.local", password: "pa55word" } });
    expect(resolveAuth(basicOnly, USER, undefined, true)).toEqual({
      basic: { username: "admin@vsphere.local", password: "pa55word" },
    });
    expect(usage(() => resolveAuth(basicOnly, { OPSTATUS_USERNAME: "u" }))).toBe(
      'basic-only needs a credential: set OPSTATUS_USERNAME + OPSTATUS_PASSWORD, or pass --credentials FILE (a JSON object with "username", "password"); see `opstatus providers`',
    );
    // a token is no use to it
    expect(() => resolveAuth(basicOnly, { OPSTATUS_TOKEN: "t" })).toThrow(UsageError);
  });

  it("an integer field: a whole number of seconds more than 0", () => {
    expect(resolveAuth(primavera, USER)).toEqual({ username: "admin@vsphere.local", password: "pa55word" });
    expect(resolveAuth(primavera, { ...USER, OPSTATUS_TOKEN_EXPIRY: "600" })).toEqual({
      username: "admin@vsphere.local",
      password: "pa55word",
      tokenExpiry: 600,
    });
    expect(resolveAuth(primavera, { ...USER, OPSTATUS_TOKEN_EXPIRY: " 90 " })).toMatchObject({ tokenExpiry: 90 });
    for (const bad of ["0", "-5", "1.5", "ten", "1e3", "99999999999999999999"])
      expect(usage(() => resolveAuth(primavera, { ...USER, OPSTATUS_TOKEN_EXPIRY: bad }))).toBe(
        "OPSTATUS_TOKEN_EXPIRY must be a whole number of seconds more than 0",
      );
  });

  it("an optional field alone is not a partial log-in", () => {
    expect(resolveAuth(primavera, { OPSTATUS_TOKEN_EXPIRY: "600", OPSTATUS_TOKEN: "t" })).toEqual({ bearer: "t" });
  });
});

describe.skipIf(process.platform === "win32")("from a credentials file", () => {
  it("mode 600 (and 400) is accepted; the environment is not read", () => {
    const creds = { username: "file-user", password: "file-pass" };
    expect(resolveAuth(vsphere, { OPSTATUS_TOKEN: "env-token" }, file(creds))).toEqual(creds);
    expect(resolveAuth(vsphere, {}, file(creds, 0o400))).toEqual(creds);
    expect(usage(() => resolveAuth(vsphere, USER, file({})))).toBe(
      'vmware-vsphere needs a credential: set OPSTATUS_USERNAME + OPSTATUS_PASSWORD, or OPSTATUS_TOKEN, or pass --credentials FILE (a JSON object with "username", "password", "token"); see `opstatus providers`',
    );
  });

  it("a file that the group or others can read or write is refused, with the chmod to run", () => {
    for (const mode of [0o640, 0o604, 0o620, 0o602, 0o644, 0o666]) {
      const path = file({ token: "t" }, mode);
      expect(usage(() => resolveAuth(connect, {}, path))).toBe(
        `--credentials ${path} can be read or written by others (mode ${mode.toString(8)}); run chmod 600 ${path}`,
      );
    }
  });

  it("the mode is the target's through a symlink", () => {
    const target = file({ token: "t" });
    const link = join(dir, "link.json");
    symlinkSync(target, link);
    expect(resolveAuth(connect, {}, link)).toEqual({ bearer: "t" });
    chmodSync(target, 0o644);
    expect(usage(() => resolveAuth(connect, {}, link))).toMatch(/\(mode 644\); run chmod 600 /);
  });

  it("a missing file", () => {
    const path = join(dir, "absent.json");
    expect(usage(() => resolveAuth(connect, {}, path))).toBe(`--credentials ${path}: no such file`);
  });

  it("bad JSON is refused without quoting the file", () => {
    const path = file('{"token": "s3cret-value"');
    const message = usage(() => resolveAuth(connect, {}, path));
    expect(message).toBe(`--credentials ${path} is not valid JSON`);
    expect(message).not.toContain("s3cret");
  });

  it("it must hold a JSON object", () => {
    for (const content of ["[]", "null", '"token"', "42"]) {
      const path = file(content);
      expect(usage(() => resolveAuth(connect, {}, path))).toBe(`--credentials ${path} must hold a JSON object`);
    }
  });

  it("unknown keys are named with the keys the provider takes", () => {
    const path = file({ username: "u", password: "p", apiKey: "k", extra: 1 });
    expect(usage(() => resolveAuth(vsphere, {}, path))).toBe(
      `--credentials ${path}: vmware-vsphere does not take "apiKey", "extra"; it takes "username", "password", "token"`,
    );
    expect(usage(() => resolveAuth(connect, {}, file({ username: "u" })))).toMatch(
      /: vmware-customer-connect does not take "username"; it takes "token"$/,
    );
  });

  it("a value that is not a string is named by its key", () => {
    expect(usage(() => resolveAuth(vsphere, {}, file({ username: 5, password: "p" })))).toBe(
      '"username" must be a string in the credentials file',
    );
    expect(usage(() => resolveAuth(connect, {}, file({ token: { value: "t" } })))).toBe(
      '"token" must be a string in the credentials file',
    );
    expect(usage(() => resolveAuth(oig, {}, file({ username: "u", password: true }), true))).toBe(
      '"password" must be a string in the credentials file',
    );
  });

  it("null and empty values count as unset; partial fields are named by key", () => {
    expect(resolveAuth(vsphere, {}, file({ username: null, password: "", token: "t" }))).toEqual({ apiKey: "t" });
    expect(usage(() => resolveAuth(ecl, {}, file({ apiKey: "k", tenantId: "t" })))).toMatch(
      /^ntt-enterprise-cloud needs a credential \("apiSecret" not set in the credentials file\): /,
    );
  });

  it("a token, and HTTP Basic with --basic, from the file", () => {
    expect(resolveAuth(ecl, {}, file({ token: "keystone" }))).toEqual({ token: "keystone" });
    expect(resolveAuth(oig, {}, file({ username: "u", password: "p" }), true)).toEqual({
      basic: { username: "u", password: "p" },
    });
  });

  it("an integer field from the file: a number or a numeric string", () => {
    const base = { username: "u", password: "p" };
    expect(resolveAuth(primavera, {}, file({ ...base, tokenExpiry: 7200 }))).toEqual({ ...base, tokenExpiry: 7200 });
    expect(resolveAuth(primavera, {}, file({ ...base, tokenExpiry: "300" }))).toEqual({ ...base, tokenExpiry: 300 });
    for (const bad of [0, -1, 1.5, "x", true, 2 ** 60])
      expect(usage(() => resolveAuth(primavera, {}, file({ ...base, tokenExpiry: bad })))).toBe(
        '"tokenExpiry" must be a whole number of seconds more than 0',
      );
  });
});

describe("credentialChoices and choiceName", () => {
  it("a log-in, a token and HTTP Basic with --basic", () => {
    const choices = credentialChoices(oig);
    expect(choices.map(choiceName)).toEqual([
      "OPSTATUS_USERNAME + OPSTATUS_PASSWORD",
      "OPSTATUS_TOKEN",
      "OPSTATUS_USERNAME + OPSTATUS_PASSWORD with --basic",
    ]);
    expect(choices[0]!.what).toBe(
      "log in: OPSTATUS_USERNAME is the OIG user name, e.g. xelsysadm; OPSTATUS_PASSWORD is its password",
    );
    expect(choices[1]!.what).toBe(oig.forms.find((f) => f.key === "bearer")!.summary);
    expect(choices[2]).toEqual({
      env: ["OPSTATUS_USERNAME", "OPSTATUS_PASSWORD"],
      flag: "--basic",
      what: "HTTP Basic (through Oracle Web Services Manager)",
    });
  });

  it("an optional field is bracketed and said optional", () => {
    const [login] = credentialChoices(primavera);
    expect(login!.env).toEqual(["OPSTATUS_USERNAME", "OPSTATUS_PASSWORD", "[OPSTATUS_TOKEN_EXPIRY]"]);
    expect(login!.what).toMatch(/; OPSTATUS_TOKEN_EXPIRY is the token's lifetime in whole seconds, .* \(optional\)$/);
  });

  it("a token only; a log-in and a token; HTTP Basic without a log-in needs no flag", () => {
    expect(credentialChoices(connect)).toEqual([{ env: ["OPSTATUS_TOKEN"], what: connect.forms[0]!.summary }]);
    expect(credentialChoices(vsphere).map(choiceName)).toEqual([
      "OPSTATUS_USERNAME + OPSTATUS_PASSWORD",
      "OPSTATUS_TOKEN",
    ]);
    expect(credentialChoices(ecl).map(choiceName)).toEqual([
      "OPSTATUS_API_KEY + OPSTATUS_API_SECRET + OPSTATUS_TENANT_ID",
      "OPSTATUS_TOKEN",
    ]);
    expect(credentialChoices(basicOnly)).toEqual([
      { env: ["OPSTATUS_USERNAME", "OPSTATUS_PASSWORD"], what: "HTTP Basic" },
    ]);
  });

  it("choiceName joins the variables and names the flag", () => {
    expect(choiceName({ env: ["A"] })).toBe("A");
    expect(choiceName({ env: ["A", "B"], flag: "--x" })).toBe("A + B with --x");
  });
});
