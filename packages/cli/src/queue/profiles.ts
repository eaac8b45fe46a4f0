// The worker's profiles file: for each profile a job may name, the provider, its server options and where its
// credential is (environment variables of the worker, or a credentials file). The file holds no secret itself, yet it
// is refused when others can read it, like a credentials file: it says where the secrets are, and an operator may
// well put one in it by mistake. The check follows symlinks (a Kubernetes Secret mounted with `defaultMode: 0400`).
//
// {
//   "profiles": {
//     "vcenter-prod": {
//       "provider": "vmware-vsphere",
//       "serverVariables": { "api_host": "vc01.example.com" },
//       "credentials": { "env": { "OPSTATUS_USERNAME": "VC_PROD_USER", "OPSTATUS_PASSWORD": "VC_PROD_PASSWORD" } }
//     },
//     "ecl": { "provider": "ntt-enterprise-cloud", "keystoneRegion": "jp1", "credentials": { "file": "/run/secrets/ecl.json" } }
//   }
// }
import { readFileSync, statSync } from "node:fs";
import { findProvider, UsageError } from "../args.js";
import { resolveAuth } from "../credentials.js";
import type { ProviderInfo } from "../provider-info.js";

/** A profile as the worker uses it: the provider, and the client options (`auth` included, `fetch` not yet). */
export interface Profile {
  name: string;
  provider: ProviderInfo;
  options: Record<string, unknown>;
  /** The file named by `ca`, read. */
  ca?: string;
}

const PROFILE_KEYS = ["provider", "baseUrl", "serverVariables", "allowInsecureHttp", "ca", "credentials", "basic"];

/** Refuses a file that others can read or write (statSync follows symlinks to the file itself). */
export function privateFile(what: string, file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new UsageError(`${what} ${file}: no such file`);
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0)
    throw new UsageError(
      `${what} ${file} can be read or written by others (mode ${(mode & 0o777).toString(8).padStart(3, "0")}); run chmod 600 ${file} (on Kubernetes, mount the Secret with defaultMode: 0400)`,
    );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads and checks the profiles file; every credential is resolved now, from `env` or the files named. */
export function readProfiles(file: string, env: NodeJS.ProcessEnv): Profile[] {
  privateFile("--profiles", file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UsageError(`--profiles ${file} is not valid JSON`);
  }
  if (!isObject(data) || !isObject(data.profiles) || Object.keys(data.profiles).length === 0)
    throw new UsageError(`--profiles ${file} must hold { "profiles": { "<name>": { "provider": ... } } }`);
  return Object.entries(data.profiles).map(([name, spec]) => readProfile(name, spec, env));
}

function readProfile(name: string, spec: unknown, env: NodeJS.ProcessEnv): Profile {
  const bad = (what: string) => new UsageError(`profile ${JSON.stringify(name)}: ${what}`);
  if (!isObject(spec)) throw bad("must be an object");
  if (typeof spec.provider !== "string") throw bad('needs "provider" (see `opstatus providers`)');
  let p: ProviderInfo;
  try {
    p = findProvider(spec.provider);
  } catch (error) {
    throw bad((error as Error).message);
  }
  const serverOptions = (p.login?.serverOptions ?? []).map((o) => o.name);
  const allowed = [...PROFILE_KEYS, ...serverOptions];
  const unknown = Object.keys(spec).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    throw bad(
      `${p.name} takes no ${unknown.map((k) => JSON.stringify(k)).join(", ")}; a profile takes ${allowed.map((k) => JSON.stringify(k)).join(", ")}`,
    );
  const options: Record<string, unknown> = {};
  if (spec.baseUrl !== undefined) {
    if (typeof spec.baseUrl !== "string") throw bad('"baseUrl" must be a string');
    options.baseUrl = spec.baseUrl;
  }
  if (spec.serverVariables !== undefined) {
    if (!isObject(spec.serverVariables) || Object.values(spec.serverVariables).some((v) => typeof v !== "string"))
      throw bad('"serverVariables" must be an object of strings');
    options.serverVariables = spec.serverVariables;
  }
  for (const key of serverOptions) {
    if (spec[key] === undefined) continue;
    if (typeof spec[key] !== "string") throw bad(`${JSON.stringify(key)} must be a string`);
    options[key] = spec[key];
  }
  if (spec.allowInsecureHttp !== undefined) {
    if (typeof spec.allowInsecureHttp !== "boolean") throw bad('"allowInsecureHttp" must be true or false');
    options.allowInsecureHttp = spec.allowInsecureHttp;
  }
  if (spec.basic !== undefined && typeof spec.basic !== "boolean") throw bad('"basic" must be true or false');
  let ca: string | undefined;
  if (spec.ca !== undefined) {
    if (typeof spec.ca !== "string") throw bad('"ca" must be the path of a PEM file');
    try {
      ca = readFileSync(spec.ca, "utf8");
    } catch {
      throw bad(`"ca" ${spec.ca}: cannot read the file`);
    }
    if (!ca.includes("-----BEGIN CERTIFICATE-----")) throw bad(`"ca" ${spec.ca}: no PEM certificate in the file`);
  }
  options.auth = readCredentials(bad, p, spec.credentials, env, spec.basic === true);
  return { name, provider: p, options, ...(ca !== undefined ? { ca } : {}) };
}

/**
 * `{ "env": { "OPSTATUS_USERNAME": "VC_USER", ... } }`: the variables `opstatus wait` reads for this provider, each
 * mapped to the worker's own variable that holds it; or `{ "file": "/path/creds.json" }`: a credentials file as
 * `--credentials` takes it.
 */
function readCredentials(
  bad: (what: string) => UsageError,
  p: ProviderInfo,
  credentials: unknown,
  env: NodeJS.ProcessEnv,
  basic: boolean,
): Record<string, unknown> {
  const form = 'needs "credentials": { "env": { "OPSTATUS_...": "YOUR_VARIABLE", ... } } or { "file": "PATH" }';
  if (!isObject(credentials)) throw bad(form);
  const keys = Object.keys(credentials);
  try {
    if (keys.length === 1 && typeof credentials.file === "string") {
      privateFile("the credentials file", credentials.file);
      return resolveAuth(p, {}, credentials.file, basic);
    }
    if (keys.length === 1 && isObject(credentials.env)) {
      const mapped: NodeJS.ProcessEnv = {};
      for (const [wanted, variable] of Object.entries(credentials.env)) {
        if (!/^OPSTATUS_[A-Z_]+$/.test(wanted) || typeof variable !== "string")
          throw new UsageError(
            `"credentials.env" maps OPSTATUS_ names to variable names, not ${JSON.stringify(wanted)}`,
          );
        if (env[variable] === undefined || env[variable] === "")
          throw new UsageError(`${variable} (for ${wanted}) is not set in the worker's environment`);
        mapped[wanted] = env[variable];
      }
      return resolveAuth(p, mapped, undefined, basic);
    }
  } catch (error) {
    // resolveAuth speaks of the `wait` command's --credentials: here the file is the profile's
    if (error instanceof UsageError) throw bad(error.message.replace(/--credentials /g, "the credentials file "));
    throw error;
  }
  throw bad(form);
}
