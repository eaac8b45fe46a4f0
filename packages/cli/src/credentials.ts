// Credentials come from the environment or from a file, never from the command line (ps and the shell history would
// show them). Which variables a provider takes follows from its manifest: one per log-in field (`envName(field)`:
// OPSTATUS_USERNAME, OPSTATUS_API_SECRET, ...), OPSTATUS_TOKEN for a ready token, and OPSTATUS_USERNAME +
// OPSTATUS_PASSWORD for HTTP Basic where the vendor has no log-in of its own, or with --basic where it has one too
// (Primavera's classic status path, OIG through Oracle Web Services Manager).
import { readFileSync, statSync } from "node:fs";
import { UsageError } from "./args.js";
import type { ProviderInfo } from "./provider-info.js";

const TOKEN_ENV = "OPSTATUS_TOKEN";
const USERNAME_ENV = "OPSTATUS_USERNAME";
const PASSWORD_ENV = "OPSTATUS_PASSWORD";

/** The client's `auth` option. (Which of its values are secrets, the client says through its `onSecret` hook.) */
type ResolvedAuth = Record<string, unknown>;

/** The ready form a token goes to: the first that takes a token (not a user name and password). */
const tokenForm = (p: ProviderInfo) => p.forms.find((f) => f.type !== "basic");
const basicForm = (p: ProviderInfo) => p.forms.find((f) => f.type === "basic");

/** The ways `p` takes a credential, as environment variables (and the flag that picks one), for `providers` and messages. */
export function credentialChoices(p: ProviderInfo): { env: string[]; flag?: string; what: string }[] {
  const choices: { env: string[]; flag?: string; what: string }[] = [];
  if (p.login)
    choices.push({
      env: p.login.fields.map((f) => (f.optional ? `[${f.env}]` : f.env)),
      what: `log in: ${p.login.fields.map((f) => `${f.env} is ${f.description}${f.optional ? " (optional)" : ""}`).join("; ")}`,
    });
  const token = tokenForm(p);
  if (token) choices.push({ env: [TOKEN_ENV], what: token.summary });
  const basic = basicForm(p);
  // with a log-in of its own, the same user name and password go to the log-in unless --basic says otherwise
  if (basic)
    choices.push({ env: [USERNAME_ENV, PASSWORD_ENV], ...(p.login ? { flag: "--basic" } : {}), what: basic.summary });
  return choices;
}

/** What a credentials file may hold for `p`: the log-in fields, `token`, and `username`/`password` for Basic. */
function fileKeys(p: ProviderInfo): string[] {
  const keys = new Set<string>(p.login?.fields.map((f) => f.name) ?? []);
  if (tokenForm(p)) keys.add("token");
  if (basicForm(p)) for (const k of ["username", "password"]) keys.add(k);
  return [...keys];
}

/** A credential choice as the help and messages name it: `OPSTATUS_USERNAME + OPSTATUS_PASSWORD with --basic`. */
export const choiceName = (c: { env: string[]; flag?: string }) =>
  c.env.join(" + ") + (c.flag ? ` with ${c.flag}` : "");

function missing(p: ProviderInfo, detail?: string): UsageError {
  const ways = credentialChoices(p).map(choiceName).join(", or ");
  const keys = fileKeys(p)
    .map((k) => JSON.stringify(k))
    .join(", ");
  return new UsageError(
    `${p.name} needs a credential${detail ? ` (${detail})` : ""}: set ${ways}, or pass --credentials FILE (a JSON object with ${keys}); see \`opstatus providers\``,
  );
}

/**
 * Reads a credentials file: a JSON object of the provider's log-in fields, or `{ "token": ... }`. A file that others
 * can read (or write) is refused, as ssh refuses such a key: `chmod 600` it.
 */
function readCredentialsFile(p: ProviderInfo, file: string): Record<string, unknown> {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new UsageError(`--credentials ${file}: no such file`);
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0)
    throw new UsageError(
      `--credentials ${file} can be read or written by others (mode ${(mode & 0o777).toString(8).padStart(3, "0")}); run chmod 600 ${file}`,
    );
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // never quote the file: it holds secrets
    throw new UsageError(`--credentials ${file} is not valid JSON`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data))
    throw new UsageError(`--credentials ${file} must hold a JSON object`);
  const allowed = fileKeys(p);
  const unknown = Object.keys(data).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    throw new UsageError(
      `--credentials ${file}: ${p.name} does not take ${unknown.map((k) => JSON.stringify(k)).join(", ")}; it takes ${allowed.map((k) => JSON.stringify(k)).join(", ")}`,
    );
  return data as Record<string, unknown>;
}

/**
 * The credential for `p`: from `--credentials FILE` when given, else from the environment. With `basic`, the user
 * name and password as HTTP Basic. Else complete log-in fields win; then a ready token; then a user name and password
 * for HTTP Basic where the vendor has no log-in. Nothing usable is a usage error naming the variables the provider takes.
 */
export function resolveAuth(p: ProviderInfo, env: NodeJS.ProcessEnv, file?: string, basic = false): ResolvedAuth {
  const fromFile = file !== undefined ? readCredentialsFile(p, file) : undefined;
  const source = fromFile ? "in the credentials file" : "in the environment";
  /** A value by its log-in field / file key, or undefined when unset or empty. */
  const get = (key: string, envName: string): unknown => {
    const value = fromFile ? fromFile[key] : env[envName];
    return value === "" || value === null ? undefined : value;
  };
  const text = (key: string, envName: string): string | undefined => {
    const value = get(key, envName);
    if (value === undefined) return undefined;
    if (typeof value !== "string")
      throw new UsageError(`${fromFile ? JSON.stringify(key) : envName} must be a string ${source}`);
    return value;
  };

  const basicAuth = () => {
    const form = basicForm(p);
    const username = form && text("username", USERNAME_ENV);
    const password = form && text("password", PASSWORD_ENV);
    return username && password ? { [form.key]: { username, password } } : undefined;
  };
  if (basic) {
    if (!basicForm(p)) throw new UsageError(`--basic: ${p.name} takes no HTTP Basic`);
    return basicAuth() ?? throwMissing(p, `--basic needs ${USERNAME_ENV} + ${PASSWORD_ENV}`);
  }
  if (p.login) {
    const required = p.login.fields.filter((f) => !f.optional);
    const set = required.filter((f) => get(f.name, f.env) !== undefined);
    if (set.length === required.length) {
      const auth: Record<string, unknown> = {};
      for (const f of p.login.fields) {
        const value = get(f.name, f.env);
        if (value === undefined) continue;
        if (f.type === "integer") {
          const n =
            typeof value === "number"
              ? value
              : typeof value === "string" && /^\d+$/.test(value.trim())
                ? Number(value)
                : 0;
          if (!(n > 0) || !Number.isSafeInteger(n))
            throw new UsageError(
              `${fromFile ? JSON.stringify(f.name) : f.env} must be a whole number of ${f.description.includes("seconds") ? "seconds" : "units"} more than 0`,
            );
          auth[f.name] = n;
        } else auth[f.name] = text(f.name, f.env);
      }
      return auth;
    }
    const token = tokenForm(p) && text("token", TOKEN_ENV);
    if (token !== undefined && token !== "") return { [tokenForm(p)!.key]: token };
    if (set.length > 0)
      throw missing(
        p,
        `${required
          .filter((f) => !set.includes(f))
          .map((f) => (fromFile ? JSON.stringify(f.name) : f.env))
          .join(", ")} not set ${source}`,
      );
    throw missing(p);
  }
  const form = tokenForm(p);
  const token = form && text("token", TOKEN_ENV);
  if (form && token) return { [form.key]: token };
  return basicAuth() ?? throwMissing(p);
}

function throwMissing(p: ProviderInfo, detail?: string): never {
  throw missing(p, detail);
}
