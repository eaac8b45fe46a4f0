// The worker's profiles file (src/queue/profiles.ts): who may read it, its schema and what each mistake says (with the
// profile's name), and the credentials each profile resolves to.
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { providers } from "../../src/generated/providers.js";
import { privateFile, readProfiles } from "../../src/queue/profiles.js";
import { usage } from "./usage.js";

const dir = mkdtempSync(join(tmpdir(), "opstatus-cli-profiles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(content: unknown, mode = 0o600, name = `file-${++n}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}
const profilesFile = (profiles: unknown, mode = 0o600) => write({ profiles }, mode);
/** The message a single profile `spec` named "p" makes. */
const profileError = (spec: unknown, env: NodeJS.ProcessEnv = {}) =>
  usage(() => readProfiles(profilesFile({ p: spec }), env));

const VC_ENV = { VC_USER: "administrator@vsphere.local", VC_PASSWORD: "vc-pa55" };
const vcenter = {
  provider: "vmware-vsphere",
  credentials: { env: { OPSTATUS_USERNAME: "VC_USER", OPSTATUS_PASSWORD: "VC_PASSWORD" } },
};
const PROFILE_KEYS = '"provider", "baseUrl", "serverVariables", "allowInsecureHttp", "ca", "credentials", "basic"';
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe.skipIf(process.platform === "win32")("who may read the file", () => {
  it("mode 600 or 400 is read", () => {
    expect(readProfiles(profilesFile({ vc: vcenter }), VC_ENV)).toHaveLength(1);
    expect(readProfiles(profilesFile({ vc: vcenter }, 0o400), VC_ENV)).toHaveLength(1);
  });

  it("a file others can read or write is refused, with the chmod and the Kubernetes hint", () => {
    for (const mode of [0o640, 0o604, 0o644, 0o660, 0o606]) {
      const file = profilesFile({ vc: vcenter }, mode);
      expect(usage(() => readProfiles(file, VC_ENV))).toBe(
        `--profiles ${file} can be read or written by others (mode ${mode.toString(8)}); run chmod 600 ${file} (on Kubernetes, mount the Secret with defaultMode: 0400)`,
      );
    }
  });

  it("through a symlink, the mode is the file's, not the link's", () => {
    const target = profilesFile({ vc: vcenter }, 0o400);
    const link = join(dir, "mounted.json");
    symlinkSync(target, link);
    expect(readProfiles(link, VC_ENV).map((p) => p.name)).toEqual(["vc"]);
    chmodSync(target, 0o644);
    expect(usage(() => readProfiles(link, VC_ENV))).toMatch(
      /^--profiles .*mounted\.json can be read or written by others \(mode 644\)/,
    );
  });

  it("a missing file", () => {
    const file = join(dir, "absent.json");
    expect(usage(() => readProfiles(file, {}))).toBe(`--profiles ${file}: no such file`);
    expect(usage(() => privateFile("the thing", file))).toBe(`the thing ${file}: no such file`);
  });
});

describe("the file's shape", () => {
  it("not JSON", () => {
    const file = write("{ profiles: ");
    expect(usage(() => readProfiles(file, {}))).toBe(`--profiles ${file} is not valid JSON`);
  });

  it("no profiles object, or an empty one", () => {
    for (const content of [{}, { profiles: {} }, { profiles: [] }, { profiles: null }, [], "null", { vc: vcenter }]) {
      const file = write(content);
      expect(usage(() => readProfiles(file, VC_ENV))).toBe(
        `--profiles ${file} must hold { "profiles": { "<name>": { "provider": ... } } }`,
      );
    }
  });

  it("every profile, in order, with its provider", () => {
    const file = profilesFile({
      first: vcenter,
      second: { provider: "vmware-customer-connect", credentials: { env: { OPSTATUS_TOKEN: "CC_TOKEN" } } },
    });
    const read = readProfiles(file, { ...VC_ENV, CC_TOKEN: "cc-jwt" });
    expect(read.map((p) => [p.name, p.provider.name])).toEqual([
      ["first", "vmware-vsphere"],
      ["second", "vmware-customer-connect"],
    ]);
    expect(read[0]!.provider).toBe(providers.find((p) => p.name === "vmware-vsphere"));
    expect(read[0]!.options).toEqual({ auth: { username: "administrator@vsphere.local", password: "vc-pa55" } });
    expect(read[0]).not.toHaveProperty("ca");
    expect(read[1]!.options).toEqual({ auth: { bearer: "cc-jwt" } });
  });
});

describe("a profile's mistakes name the profile", () => {
  it("not an object", () => {
    expect(profileError("vmware-vsphere")).toBe('profile "p": must be an object');
    expect(profileError([])).toBe('profile "p": must be an object');
  });

  it("no provider, or an unknown one", () => {
    expect(profileError({ credentials: vcenter.credentials })).toBe(
      'profile "p": needs "provider" (see `opstatus providers`)',
    );
    expect(profileError({ provider: 7 })).toBe('profile "p": needs "provider" (see `opstatus providers`)');
    expect(profileError({ ...vcenter, provider: "vsphere" })).toBe(
      `profile "p": unknown provider "vsphere"; the providers are ${providers.map((p) => p.name).join(", ")}`,
    );
  });

  it("unknown keys, with the keys a profile of that provider takes", () => {
    expect(profileError({ ...vcenter, region: "jp1", timeout: 5 }, VC_ENV)).toBe(
      `profile "p": vmware-vsphere takes no "region", "timeout"; a profile takes ${PROFILE_KEYS}`,
    );
    // the log-in server's options are a profile's keys for the provider that has them, and only for it
    expect(profileError({ ...vcenter, keystoneRegion: "jp1" }, VC_ENV)).toBe(
      `profile "p": vmware-vsphere takes no "keystoneRegion"; a profile takes ${PROFILE_KEYS}`,
    );
    expect(profileError({ provider: "ntt-enterprise-cloud", credentials: {}, keystone: "x" })).toBe(
      `profile "p": ntt-enterprise-cloud takes no "keystone"; a profile takes ${PROFILE_KEYS}, "keystoneUrl", "keystoneRegion"`,
    );
  });

  it("values of the wrong type", () => {
    expect(profileError({ ...vcenter, baseUrl: 443 }, VC_ENV)).toBe('profile "p": "baseUrl" must be a string');
    expect(profileError({ ...vcenter, serverVariables: "vc01" }, VC_ENV)).toBe(
      'profile "p": "serverVariables" must be an object of strings',
    );
    expect(profileError({ ...vcenter, serverVariables: { api_host: 1 } }, VC_ENV)).toBe(
      'profile "p": "serverVariables" must be an object of strings',
    );
    expect(profileError({ ...vcenter, serverVariables: ["a"] }, VC_ENV)).toBe(
      'profile "p": "serverVariables" must be an object of strings',
    );
    expect(profileError({ ...vcenter, allowInsecureHttp: "yes" }, VC_ENV)).toBe(
      'profile "p": "allowInsecureHttp" must be true or false',
    );
    expect(profileError({ ...vcenter, basic: 1 }, VC_ENV)).toBe('profile "p": "basic" must be true or false');
    expect(profileError({ ...vcenter, ca: true }, VC_ENV)).toBe('profile "p": "ca" must be the path of a PEM file');
    expect(
      profileError({ provider: "ntt-enterprise-cloud", keystoneRegion: 1, credentials: { env: {} } }, VC_ENV),
    ).toBe('profile "p": "keystoneRegion" must be a string');
  });
});

describe("client options", () => {
  it("baseUrl, serverVariables, allowInsecureHttp", () => {
    const [profile] = readProfiles(
      profilesFile({
        vc: { ...vcenter, baseUrl: "http://10.0.0.5", allowInsecureHttp: true },
        vc2: { ...vcenter, serverVariables: { api_host: "vc02:8443" }, allowInsecureHttp: false },
      }),
      VC_ENV,
    );
    expect(profile!.options).toEqual({
      baseUrl: "http://10.0.0.5",
      allowInsecureHttp: true,
      auth: { username: "administrator@vsphere.local", password: "vc-pa55" },
    });
    const [, second] = readProfiles(
      profilesFile({
        vc: vcenter,
        vc2: { ...vcenter, serverVariables: { api_host: "vc02:8443" }, allowInsecureHttp: false },
      }),
      VC_ENV,
    );
    expect(second!.options).toMatchObject({ serverVariables: { api_host: "vc02:8443" }, allowInsecureHttp: false });
  });

  it("the log-in server's options of ntt-enterprise-cloud", () => {
    const [profile] = readProfiles(
      profilesFile({
        ecl: {
          provider: "ntt-enterprise-cloud",
          keystoneRegion: "uk1",
          keystoneUrl: "https://keystone.test/v3",
          serverVariables: { region: "uk1" },
          credentials: { env: { OPSTATUS_TOKEN: "ECL_TOKEN" } },
        },
      }),
      { ECL_TOKEN: "keystone-token" },
    );
    expect(profile!.options).toEqual({
      serverVariables: { region: "uk1" },
      keystoneRegion: "uk1",
      keystoneUrl: "https://keystone.test/v3",
      auth: { token: "keystone-token" },
    });
  });

  it("a CA file is read; one that cannot be read or holds no PEM is refused", () => {
    const ca = write(PEM, 0o644, "ca.pem");
    const [profile] = readProfiles(profilesFile({ vc: { ...vcenter, ca } }), VC_ENV);
    expect(profile!.ca).toBe(PEM);
    expect(profile!.options).not.toHaveProperty("ca");
    const missing = join(dir, "no-ca.pem");
    expect(profileError({ ...vcenter, ca: missing }, VC_ENV)).toBe(
      `profile "p": "ca" ${missing}: cannot read the file`,
    );
    const notPem = write("just text", 0o644);
    expect(profileError({ ...vcenter, ca: notPem }, VC_ENV)).toBe(
      `profile "p": "ca" ${notPem}: no PEM certificate in the file`,
    );
  });
});

describe("credentials", () => {
  const form =
    'profile "p": needs "credentials": { "env": { "OPSTATUS_...": "YOUR_VARIABLE", ... } } or { "file": "PATH" }';

  it("missing, or in neither form", () => {
    expect(profileError({ provider: "vmware-vsphere" })).toBe(form);
    expect(profileError({ provider: "vmware-vsphere", credentials: "VC_USER" })).toBe(form);
    expect(profileError({ provider: "vmware-vsphere", credentials: {} })).toBe(form);
    expect(profileError({ provider: "vmware-vsphere", credentials: { file: 5 } })).toBe(form);
    expect(profileError({ provider: "vmware-vsphere", credentials: { env: ["VC_USER"] } })).toBe(form);
    expect(
      profileError(
        { provider: "vmware-vsphere", credentials: { env: vcenter.credentials.env, file: "x.json" } },
        VC_ENV,
      ),
    ).toBe(form);
  });

  it("env: each OPSTATUS_ name mapped to a variable of the worker", () => {
    expect(profileError({ provider: "vmware-vsphere", credentials: { env: { username: "VC_USER" } } }, VC_ENV)).toBe(
      'profile "p": "credentials.env" maps OPSTATUS_ names to variable names, not "username"',
    );
    expect(profileError({ provider: "vmware-vsphere", credentials: { env: { OPSTATUS_USERNAME: 1 } } }, VC_ENV)).toBe(
      'profile "p": "credentials.env" maps OPSTATUS_ names to variable names, not "OPSTATUS_USERNAME"',
    );
    expect(profileError(vcenter, { VC_USER: "u" })).toBe(
      'profile "p": VC_PASSWORD (for OPSTATUS_PASSWORD) is not set in the worker\'s environment',
    );
    expect(profileError(vcenter, { VC_USER: "u", VC_PASSWORD: "" })).toBe(
      'profile "p": VC_PASSWORD (for OPSTATUS_PASSWORD) is not set in the worker\'s environment',
    );
  });

  it("env: only the mapped variables count, not the worker's own OPSTATUS_ ones", () => {
    expect(
      profileError(
        { provider: "vmware-vsphere", credentials: { env: { OPSTATUS_USERNAME: "VC_USER" } } },
        { ...VC_ENV, OPSTATUS_PASSWORD: "global", OPSTATUS_TOKEN: "global" },
      ),
    ).toMatch(/^profile "p": vmware-vsphere needs a credential \(OPSTATUS_PASSWORD not set in the environment\): /);
  });

  it("env: an integer field, and basic", () => {
    const [primavera, oig] = readProfiles(
      profilesFile({
        primavera: {
          provider: "oracle-primavera-admin",
          credentials: { env: { OPSTATUS_USERNAME: "U", OPSTATUS_PASSWORD: "P", OPSTATUS_TOKEN_EXPIRY: "TTL" } },
        },
        oig: {
          provider: "oracle-identity-governance",
          basic: true,
          credentials: { env: { OPSTATUS_USERNAME: "U", OPSTATUS_PASSWORD: "P" } },
        },
      }),
      { U: "user", P: "pass", TTL: "900" },
    );
    expect(primavera!.options.auth).toEqual({ username: "user", password: "pass", tokenExpiry: 900 });
    expect(oig!.options.auth).toEqual({ basic: { username: "user", password: "pass" } });
    expect(
      profileError(
        {
          provider: "oracle-primavera-admin",
          credentials: { env: { OPSTATUS_USERNAME: "U", OPSTATUS_PASSWORD: "P", OPSTATUS_TOKEN_EXPIRY: "TTL" } },
        },
        { U: "user", P: "pass", TTL: "soon" },
      ),
    ).toBe('profile "p": OPSTATUS_TOKEN_EXPIRY must be a whole number of seconds more than 0');
    expect(profileError({ ...vcenter, basic: true }, VC_ENV)).toBe(
      'profile "p": --basic: vmware-vsphere takes no HTTP Basic',
    );
  });

  describe.skipIf(process.platform === "win32")("file", () => {
    it("a private credentials file is read", () => {
      const creds = write({ apiKey: "k", apiSecret: "s", tenantId: "t" }, 0o600);
      const [profile] = readProfiles(
        profilesFile({
          ecl: { provider: "ntt-enterprise-cloud", keystoneRegion: "jp1", credentials: { file: creds } },
        }),
        { OPSTATUS_TOKEN: "ignored" },
      );
      expect(profile!.options).toEqual({ keystoneRegion: "jp1", auth: { apiKey: "k", apiSecret: "s", tenantId: "t" } });
    });

    it("a credentials file others can read is refused, with the profile's name", () => {
      const creds = write({ token: "t" }, 0o640);
      expect(profileError({ provider: "vmware-customer-connect", credentials: { file: creds } })).toBe(
        `profile "p": the credentials file ${creds} can be read or written by others (mode 640); run chmod 600 ${creds} (on Kubernetes, mount the Secret with defaultMode: 0400)`,
      );
      const absent = join(dir, "no-creds.json");
      expect(profileError({ provider: "vmware-customer-connect", credentials: { file: absent } })).toBe(
        `profile "p": the credentials file ${absent}: no such file`,
      );
    });

    it("what the credentials file holds is checked for the profile's provider", () => {
      const creds = write({ username: "u", password: "p" }, 0o600);
      expect(profileError({ provider: "vmware-customer-connect", credentials: { file: creds } })).toBe(
        `profile "p": the credentials file ${creds}: vmware-customer-connect does not take "username", "password"; it takes "token"`,
      );
      const oig = readProfiles(
        profilesFile({ oig: { provider: "oracle-identity-governance", basic: true, credentials: { file: creds } } }),
        {},
      );
      expect(oig[0]!.options.auth).toEqual({ basic: { username: "u", password: "p" } });
    });
  });
});
