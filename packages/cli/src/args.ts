// The command line: `opstatus <command> [provider] [target] [options]`, read with Node's own `util.parseArgs`. The
// provider options (server variables, a log-in server, a target alternative such as `--resource`) come from the
// generated provider data, never from a list here.
import { parseArgs } from "node:util";
import { providers } from "./generated/providers.js";
import type { ProviderInfo } from "./provider-info.js";

/** A mistake in the command line (or in a file it names): exit code 2, with a message that says what to do. */
export class UsageError extends Error {
  override name = "UsageError";
}

const COMMANDS = ["providers", "get", "wait", "help"] as const;
type Command = (typeof COMMANDS)[number] | "version";
type OutputFormat = "text" | "json" | "ndjson";

export interface CommandLine {
  command: Command;
  /** `help <command>` / `<command> --help`. */
  help: boolean;
  helpTopic?: string;
  provider?: ProviderInfo;
  /** What the waiter takes: the id, or `{ [key]: id }` for a provider whose target is an object. */
  target?: string | Record<string, string>;
  /** The target as shown (`vm-42`, `resourceId=...`). */
  targetText: string;
  baseUrl?: string;
  serverVariables: Record<string, string>;
  /** The options of the log-in's own server (`keystoneUrl`, `keystoneRegion`), where the provider has one. */
  loginServer: Record<string, string>;
  timeout?: number;
  minDelay?: number;
  maxDelay?: number;
  unknownStatus?: "fail" | "wait";
  output: OutputFormat;
  checkpoint?: string;
  quiet: boolean;
  ca?: string;
  insecureHttp: boolean;
  credentials?: string;
  /** Send the user name and password as HTTP Basic, not to the vendor's log-in (where a provider takes both). */
  basic: boolean;
}

type OptionSpec = { type: "string" | "boolean"; short?: string };

/** The CLI's own options; the generator's CLI_OPTIONS (tools/src/cli-files.mjs) must list the same names. */
export const ownOptions: Record<string, OptionSpec> = {
  "base-url": { type: "string" },
  timeout: { type: "string" },
  "min-delay": { type: "string" },
  "max-delay": { type: "string" },
  "unknown-status": { type: "string" },
  output: { type: "string", short: "o" },
  checkpoint: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  ca: { type: "string" },
  "insecure-http": { type: "boolean" },
  basic: { type: "boolean" },
  credentials: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
};

/**
 * The options some provider takes: its server variables, its log-in server, its target alternatives. One named as an
 * own option would silently replace it: that is a programming error (the generator refuses such a manifest, by its
 * copy of the own options' names), thrown here should the two lists drift apart.
 */
export function providerOptions(list: readonly ProviderInfo[] = providers): Map<string, ProviderInfo[]> {
  const byOption = new Map<string, ProviderInfo[]>();
  const add = (option: string, p: ProviderInfo) => {
    if (Object.hasOwn(ownOptions, option))
      throw new Error(`${p.name}: --${option} is one of the CLI's own options; a provider option cannot take its name`);
    const list = byOption.get(option) ?? [];
    if (!list.includes(p)) list.push(p);
    byOption.set(option, list);
  };
  for (const p of list) {
    for (const s of p.servers) for (const v of s.variables) add(v.option, p);
    for (const a of p.target.alternatives) add(a.option, p);
    for (const o of p.login?.serverOptions ?? []) add(o.option, p);
  }
  return byOption;
}

/** Words that name a credential: such an option is refused with a pointer to the environment variables. */
const CREDENTIAL_WORDS = /token|password|passwd|secret|user|api-?key|tenant|session|credential|auth|bearer|basic/i;

/**
 * A duration: a number and a unit (`ms`, `s`, `m`, `h`, `d`), or several (`1h30m`, `1m30.5s`), in milliseconds.
 * Anything else, and 0, is a usage error naming the option.
 */
export function parseDuration(text: string, option: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const trimmed = text.trim();
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = part.exec(trimmed); m; m = part.exec(trimmed)) {
    total += Number(m[1]) * units[m[2]!]!;
    matched = part.lastIndex;
  }
  if (!trimmed || matched !== trimmed.length)
    throw new UsageError(
      `--${option} takes a duration such as 500ms, 90s, 15m, 2h, 7d or 1h30m, not ${JSON.stringify(text)}`,
    );
  // in whole milliseconds: one that rounds to 0 is 0
  const ms = Math.round(total);
  if (!(ms > 0) || !Number.isFinite(ms))
    throw new UsageError(`--${option} must be more than 0, not ${JSON.stringify(text)}`);
  return ms;
}

export function findProvider(name: string): ProviderInfo {
  const found = providers.find((p) => p.name === name);
  if (!found)
    throw new UsageError(
      `unknown provider ${JSON.stringify(name)}; the providers are ${providers.map((p) => p.name).join(", ")}`,
    );
  return found;
}

/** The options a provider takes besides the common ones, as `--name` strings, for messages and help. */
export function serverOptionsOf(p: ProviderInfo): string[] {
  const options = new Set<string>();
  for (const s of p.servers) for (const v of s.variables) options.add(`--${v.option}`);
  for (const o of p.login?.serverOptions ?? []) options.add(`--${o.option}`);
  return [...options];
}

export function parseCommandLine(args: readonly string[]): CommandLine {
  const byOption = providerOptions();
  const options: Record<string, OptionSpec> = { ...ownOptions };
  for (const option of byOption.keys()) options[option] = { type: "string" };

  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    // parseArgs names the option, never its value; say it in our own words all the same
    const name = /'(-{1,2}[^'\s=]+)/.exec(String((error as Error).message))?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      if (CREDENTIAL_WORDS.test(name))
        throw new UsageError(
          `unknown option ${name}: credentials are never taken on the command line (ps and the shell history would show them); set OPSTATUS_TOKEN, OPSTATUS_USERNAME and OPSTATUS_PASSWORD, ... (see \`opstatus providers\`), or pass --credentials FILE`,
        );
      throw new UsageError(`unknown option ${name}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const message = String((error as Error).message);
      const long = /--[a-z][\w-]*/.exec(message)?.[0] ?? name;
      throw new UsageError(
        /does not take an argument/.test(message) ? `${long} takes no value` : `${long} needs a value`,
      );
    }
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const str = (name: string) => values[name] as string | undefined;
  const [commandWord, ...rest] = positionals;

  const line: CommandLine = {
    command: "help",
    help: Boolean(values.help),
    targetText: "",
    serverVariables: {},
    loginServer: {},
    output: "text",
    quiet: Boolean(values.quiet),
    insecureHttp: Boolean(values["insecure-http"]),
    basic: Boolean(values.basic),
  };
  const output = str("output");
  if (output !== undefined) {
    if (output !== "text" && output !== "json" && output !== "ndjson")
      throw new UsageError(`--output takes text, json or ndjson, not ${JSON.stringify(output)}`);
    line.output = output;
  }

  if (values.version) return { ...line, command: "version" };
  if (commandWord === undefined) {
    if (line.help) return line;
    throw new UsageError("give a command: providers, get or wait");
  }
  if (!(COMMANDS as readonly string[]).includes(commandWord))
    throw new UsageError(`unknown command ${JSON.stringify(commandWord)}; the commands are ${COMMANDS.join(", ")}`);
  line.command = commandWord as Command;
  if (line.command === "help") return { ...line, help: true, ...(rest[0] ? { helpTopic: rest[0] } : {}) };
  if (line.help) return { ...line, helpTopic: line.command };
  if (line.command === "providers") {
    if (rest.length > 0)
      throw new UsageError(`providers takes no arguments (got ${rest.map((r) => JSON.stringify(r)).join(" ")})`);
    return line;
  }

  // get / wait <provider> [<target>]
  const [providerName, targetId, ...extra] = rest;
  if (providerName === undefined)
    throw new UsageError(
      `${line.command} needs a provider: opstatus ${line.command} <provider> <target>; the providers are ${providers.map((p) => p.name).join(", ")}`,
    );
  const p = findProvider(providerName);
  line.provider = p;
  if (extra.length > 0) throw new UsageError(`too many arguments: ${extra.map((e) => JSON.stringify(e)).join(" ")}`);

  // provider options: each must be one of this provider's
  for (const [option, owners] of byOption) {
    const value = str(option);
    if (value === undefined) continue;
    if (!owners.includes(p)) {
      const own = serverOptionsOf(p);
      throw new UsageError(
        `--${option} is not an option of ${p.name} (it is ${owners.map((o) => o.name).join(", ")}'s); ${p.name} takes ${[...own, "--base-url"].join(", ")}`,
      );
    }
  }
  for (const s of p.servers)
    for (const v of s.variables) {
      const value = str(v.option);
      if (value === undefined) continue;
      if (v.enum && !v.enum.includes(value))
        throw new UsageError(`--${v.option} takes ${v.enum.join(", ")}, not ${JSON.stringify(value)}`);
      line.serverVariables[v.name] = value;
    }
  const baseUrl = str("base-url");
  if (baseUrl !== undefined) {
    if (Object.keys(line.serverVariables).length > 0)
      throw new UsageError(
        `give --base-url or ${p.servers.flatMap((s) => s.variables.map((v) => `--${v.option}`)).join(", ")}, not both`,
      );
    line.baseUrl = baseUrl;
  }
  for (const o of p.login?.serverOptions ?? []) {
    const value = str(o.option);
    if (value === undefined) continue;
    if (o.enum && !o.enum.includes(value))
      throw new UsageError(`--${o.option} takes ${o.enum.join(", ")}, not ${JSON.stringify(value)}`);
    line.loginServer[o.name] = value;
  }

  // the target: the positional id, or one alternative (`--resource <id>`)
  const alternatives = p.target.alternatives.flatMap((a) =>
    str(a.option) === undefined ? [] : [{ ...a, value: str(a.option)! }],
  );
  if (alternatives.length + (targetId === undefined ? 0 : 1) !== 1) {
    const forms = [`<${p.target.name}>`, ...p.target.alternatives.map((a) => `--${a.option} <id>`)];
    throw new UsageError(
      targetId === undefined && alternatives.length === 0
        ? `${line.command} ${p.name} needs a target: ${forms.join(" or ")} (e.g. ${p.target.example})`
        : `give one target: ${forms.join(" or ")}`,
    );
  }
  const given = targetId ?? alternatives[0]!.value;
  if (!given.trim()) throw new UsageError(`the target of ${p.name} is empty`);
  if (targetId !== undefined) {
    line.target = p.target.object ? { [p.target.name]: targetId } : targetId;
    line.targetText = targetId;
  } else {
    const a = alternatives[0]!;
    line.target = { [a.key]: a.value };
    line.targetText = `${a.key}=${a.value}`;
  }

  for (const [option, key] of [
    ["timeout", "timeout"],
    ["min-delay", "minDelay"],
    ["max-delay", "maxDelay"],
  ] as const) {
    const value = str(option);
    if (value !== undefined) line[key] = parseDuration(value, option);
  }
  const unknown = str("unknown-status");
  if (unknown !== undefined) {
    if (unknown !== "fail" && unknown !== "wait")
      throw new UsageError(`--unknown-status takes fail or wait, not ${JSON.stringify(unknown)}`);
    line.unknownStatus = unknown;
  }
  const checkpoint = str("checkpoint");
  if (checkpoint !== undefined) {
    if (line.command !== "wait") throw new UsageError("--checkpoint is for wait only");
    if (!checkpoint) throw new UsageError("--checkpoint needs a file name");
    line.checkpoint = checkpoint;
  }
  if (line.command === "get")
    for (const option of ["min-delay", "max-delay", "unknown-status"])
      if (str(option) !== undefined) throw new UsageError(`--${option} is for wait only`);
  const ca = str("ca");
  if (ca !== undefined) line.ca = ca;
  const credentials = str("credentials");
  if (credentials !== undefined) line.credentials = credentials;
  return line;
}
