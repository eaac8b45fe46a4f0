// `opstatus --help`, `help <command>` and `providers` (src/help.ts): everything in them comes from the generated
// provider data and from core's defaults, so these check the text against those sources.
import { checkOptions } from "@opstatus/core/internal";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCommandLine, serverOptionsOf } from "../../src/args.js";
import { choiceName, credentialChoices, resolveAuth } from "../../src/credentials.js";
import { providers } from "../../src/generated/providers.js";
import { commandHelp, mainHelp, providersJson, providersText } from "../../src/help.js";
import { EXIT } from "../../src/outcome.js";

const defaults = checkOptions({ provider: "test", operation: "help" }, {});
const shown = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);
/** The lines of a help text's block that starts with `heading`, up to the next blank line. */
function block(text: string, heading: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf(heading);
  expect(start, `no "${heading}" block`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

function checkExitCodes(text: string) {
  const codes = block(text, "Exit codes:")
    .map((l) => /^ {2}(\d+) /.exec(l)?.[1])
    .filter((c) => c !== undefined)
    .map(Number);
  expect(codes).toEqual([...new Set(Object.values(EXIT))].sort((a, b) => a - b));
  expect(text).toContain("  124  timed out (the deadline passed while the operation was still pending or running)");
  expect(text).toContain("  130  interrupted (SIGINT or SIGTERM");
  expect(text).toContain("  3    authentication failed (401/403, or the log-in was refused)");
}
function checkDefaults(text: string) {
  expect(text).toMatch(new RegExp(`--timeout DURATION .*\\(default ${shown(defaults.timeout)}\\)`));
  expect(text).toMatch(new RegExp(`--min-delay DURATION .*\\(default ${shown(defaults.minDelay)}\\)`));
  expect(text).toMatch(new RegExp(`--max-delay DURATION .*\\(default ${shown(defaults.maxDelay)}\\)`));
  expect(text).toContain("durations: 500ms, 90s, 15m, 2h, 7d, 1h30m");
}

// each test makes its text (not the describe block, which runs before a test: mutation testing would not see it)
describe("mainHelp", () => {
  let text: string;
  beforeEach(() => {
    text = mainHelp();
  });

  it("says how many providers and names each", () => {
    expect(
      text.startsWith(
        `opstatus: get the status of an asynchronous operation, or wait until it ends, at any of ${providers.length} vendors' APIs\n`,
      ),
    ).toBe(true);
    expect(text).toContain(`\nProviders: ${providers.map((p) => p.name).join(", ")}\n`);
  });

  it("the commands, and the queue's", () => {
    for (const usage of [
      "opstatus providers ",
      "opstatus get <provider> <target> ",
      "opstatus wait <provider> <target> ",
      "opstatus worker --profiles FILE ",
      "opstatus queue add <profile> <target> ",
      "opstatus dashboard ",
      "`opstatus worker --help`, `opstatus queue --help`, `opstatus dashboard --help` say more",
    ])
      expect(text).toContain(usage);
    expect(text).toContain("queue show|list|cancel");
  });

  it("the targets line: each provider's id, then the alternatives of those that have some, by ;", () => {
    const line = text.split("\n").find((l) => l.startsWith("Targets: "));
    const withAlternatives = providers.filter((p) => p.target.alternatives.length);
    expect(withAlternatives.length).toBeGreaterThan(0);
    expect(line).toBe(
      `Targets: each provider's id; ${withAlternatives
        .map(
          (p) =>
            `${p.name} also takes ${p.target.alternatives.map((a) => `--${a.option} <id> (${a.description})`).join(", ")}`,
        )
        .join("; ")}`,
    );
    for (const p of providers.filter((x) => !x.target.alternatives.length))
      expect(text).not.toContain(`${p.name} also takes`);
  });

  it("the target alternatives, from the data", () => {
    for (const p of providers)
      for (const a of p.target.alternatives)
        expect(text).toContain(`${p.name} also takes --${a.option} <id> (${a.description})`);
  });

  it("the waiter's defaults are core's", () => {
    checkDefaults(text);
    expect(defaults).toMatchObject({ timeout: 600_000, minDelay: 1000, maxDelay: 22_000 });
    expect(text).toContain("(default 10m)");
  });

  it("every option of the CLI", () => {
    for (const option of [
      "--base-url URL",
      "--unknown-status fail|wait",
      "-o, --output text|json|ndjson",
      "--checkpoint FILE",
      "-q, --quiet",
      "--ca FILE",
      "--insecure-http",
      "--credentials FILE",
      "--basic",
      "-h, --help",
      "-V, --version",
    ])
      expect(text).toContain(option);
  });

  it("every credential choice, with the providers that take it", () => {
    const rows = block(text, "Credentials, never on the command line (ps and the shell history would show them):");
    for (const p of providers)
      for (const choice of credentialChoices(p)) {
        const row = rows.find((r) => r.trim().startsWith(`${choiceName(choice)}  `));
        expect(row, choiceName(choice)).toBeDefined();
        const names = row!.slice(row!.indexOf(choiceName(choice)) + choiceName(choice).length).trim();
        if (names !== "every provider") expect(names.split(", ")).toContain(p.name);
      }
    const token = rows.find((r) => r.trim().startsWith("OPSTATUS_TOKEN "));
    expect(token?.trim().endsWith("every provider")).toBe(true);
    const basic = rows.find((r) => r.includes("with --basic"))!;
    expect(basic.trim()).toMatch(/ oracle-identity-governance, oracle-primavera-admin$/);
    // one column
    const starts = rows
      .filter((r) => /^ {2}OPSTATUS_\S.* {2,}\S/.test(r))
      .map((r) => r.length - /(?:every provider|[a-z-]+(?:, [a-z-]+)*)$/.exec(r)![0].length);
    expect(starts).toHaveLength(new Set(providers.flatMap((p) => credentialChoices(p).map(choiceName))).size);
    expect(new Set(starts).size).toBe(1);
    expect(text).toContain("refused unless only its owner can read it (chmod 600)");
  });

  it("the exit codes", () => {
    checkExitCodes(text);
  });

  it("the example is a command line that parses, with the variables its provider logs in with", () => {
    const example = text.slice(text.indexOf("Examples:"));
    const m = /\n {2}((?:OPSTATUS_\w+=\.\.\. ?)+) \\\n {4}opstatus (.+)\n/.exec(example);
    expect(m).not.toBeNull();
    const line = parseCommandLine(m![2]!.split(" "));
    expect(line).toMatchObject({ command: "wait", timeout: 900_000, checkpoint: "wait.json" });
    expect(line.provider!.login).toBeDefined();
    const env = Object.fromEntries(
      m![1]!
        .trim()
        .split(" ")
        .map((kv) => [kv.split("=")[0]!, "x"]),
    );
    expect(Object.keys(resolveAuth(line.provider!, env))).toEqual(
      line.provider!.login!.fields.filter((f) => !f.optional).map((f) => f.name),
    );
    expect(Object.keys(line.serverVariables)).toHaveLength(1);
  });
});

describe("commandHelp", () => {
  it("providers", () => {
    expect(commandHelp("providers")).toBe(
      "Usage: opstatus providers [--output text|json]\n\nEach provider: its target, its credentials (environment variables) and its server options.\n",
    );
  });

  it("get: its usage, the options and the exit codes", () => {
    const text = commandHelp("get");
    expect(text.startsWith("Usage: opstatus get <provider> <target> [options]\n")).toBe(true);
    expect(text).toContain("exits 0 whatever the status is");
    checkDefaults(text);
    checkExitCodes(text);
    expect(text).not.toContain("Credentials, never on the command line");
  });

  it("wait: its usage, the options, the credentials and the exit codes", () => {
    const text = commandHelp("wait");
    expect(text.startsWith("Usage: opstatus wait <provider> <target> [options]\n")).toBe(true);
    expect(text).toContain("Retry-After honoured");
    checkDefaults(text);
    checkExitCodes(text);
    expect(text).toContain("Credentials, never on the command line");
    for (const p of providers) for (const c of credentialChoices(p)) expect(text).toContain(choiceName(c));
  });

  it("anything else: the main help", () => {
    expect(commandHelp("help")).toBe(mainHelp());
    expect(commandHelp("bogus")).toBe(mainHelp());
  });
});

describe("providersText", () => {
  let text: string;
  beforeEach(() => {
    text = providersText();
  });
  const section = (name: string) => {
    const start = text.indexOf(`${name}  (`);
    expect(start).toBeGreaterThanOrEqual(0);
    return text.slice(start, text.indexOf("\n\n", start));
  };

  it("each provider: its package, product, target, credentials, servers and statuses", () => {
    for (const p of providers) {
      const s = section(p.name);
      expect(s.startsWith(`${p.name}  (${p.package})\n  ${p.product}\n`)).toBe(true);
      expect(s).toContain(`  target       <${p.target.name}> e.g. ${p.target.example}`);
      for (const c of credentialChoices(p)) {
        expect(s).toContain(choiceName(c));
        expect(s).toContain(c.what);
      }
      for (const server of p.servers) expect(s).toContain(server.url);
      for (const v of p.servers.flatMap((x) => x.variables))
        expect(s).toContain(`--${v.option} ${v.enum ? `${v.enum.join("|")} ` : ""}(default ${v.default})`);
      expect(s).toContain("--base-url URL: the whole base URL instead");
      expect(s).toContain(
        `  statuses     ${Object.entries(p.states)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}`,
      );
    }
  });

  it("is the providers' sections in their order, one blank line apart, then the durable waits' note", () => {
    const sections = text.split("\n\n");
    expect(sections.map((x) => x.split("\n")[0])).toEqual([
      ...providers.map((p) => `${p.name}  (${p.package})`),
      "Durable waits: `opstatus worker --profiles FILE` polls waits of these providers, each profile naming one",
    ]);
    expect(sections.at(-1)).toBe(
      "Durable waits: `opstatus worker --profiles FILE` polls waits of these providers, each profile naming one\n" +
        '({"provider": "<name>", server options, "credentials": {"env": {...}} or {"file": ...}}); add waits with\n' +
        "`opstatus queue add <profile> <target>`. See `opstatus worker --help` and `opstatus queue --help`.\n",
    );
  });

  it("the server lines: each server and its options, a log-in server's options, the base URL", () => {
    for (const p of providers) {
      const lines = section(p.name).split("\n");
      const first = lines.findIndex((l) => l.startsWith("  server       "));
      const last = lines.findIndex((l) => l.startsWith("  statuses     "));
      const server = lines.slice(first, last).map((l, i) => (i === 0 ? l.slice(15) : l.replace(/^ {15}/, "")));
      const expected = [
        ...p.servers.map(
          (srv, i) =>
            `${i === 0 ? "" : "or "}${srv.url}${
              srv.variables.length
                ? `: ${srv.variables.map((v) => `--${v.option} ${v.enum ? `${v.enum.join("|")} ` : ""}(default ${v.default})`).join(", ")}`
                : ""
            }`,
        ),
        ...(p.login?.serverOptions ?? []).map((o) =>
          o.enum
            ? `--${o.option} ${o.enum.join("|")}: the log-in server's ${o.value.toLowerCase()} (default: the one the API's endpoint names; none: a usage error)`
            : `--${o.option} ${o.value}: the log-in server instead`,
        ),
        "--base-url URL: the whole base URL instead",
      ];
      expect(server, p.name).toEqual(expected);
    }
  });

  it("the credential lines: each choice's variables, then what it is, joined by or", () => {
    for (const p of providers) {
      const s = section(p.name);
      const from = s.indexOf("  credentials  ");
      const block = s.slice(from, s.indexOf("\n  server       "));
      expect(block, p.name).toBe(
        `  credentials  ${credentialChoices(p)
          .map((c) => `${choiceName(c)}\n                 ${c.what}`)
          .join("\n               or ")}`,
      );
    }
  });

  it("a second server is introduced with or", () => {
    const s = section("ntt-enterprise-cloud");
    expect(s).toContain(
      `\n               or ${providers.find((p) => p.name === "ntt-enterprise-cloud")!.servers[1]!.url}: --region `,
    );
  });

  it("the target alternatives and the log-in server's options", () => {
    const s = section("ntt-enterprise-cloud");
    expect(s).toContain(
      "or --resource <id>: the latest operation of a resource (a Virtual Network Appliance), found with latest=true",
    );
    expect(s).toContain("--keystone-url URL: the log-in server instead");
    expect(s).toContain(
      "--keystone-region jp1|jp2|us1|uk1|sg1|au1|hk1|de1: the log-in server's region (default: the one the API's endpoint names; none: a usage error)",
    );
  });

  it("points to the durable waits", () => {
    expect(text).toContain("Durable waits: `opstatus worker --profiles FILE` polls waits of these providers");
    expect(text).toContain("`opstatus queue add <profile> <target>`");
  });
});

describe("providersJson", () => {
  it("one entry per provider, from the data", () => {
    const json = providersJson() as Record<string, any>[];
    expect(json.map((p) => p.name)).toEqual(providers.map((p) => p.name));
    for (const [i, p] of providers.entries()) {
      const j = json[i]!;
      expect(Object.keys(j).join(" ")).toBe("name package product target credentials serverOptions servers statuses");
      expect([j.name, j.package, j.product, j.servers, j.statuses]).toEqual([
        p.name,
        p.package,
        p.product,
        p.servers,
        p.states,
      ]);
      expect(j.target).toEqual({
        ...p.target,
        object: undefined,
        alternatives: p.target.alternatives.map((a) => ({ option: `--${a.option}`, description: a.description })),
      });
      expect(j.credentials).toEqual(credentialChoices(p));
      expect(j.serverOptions).toEqual(serverOptionsOf(p));
    }
  });

  it("survives JSON as it is", () => {
    const json = providersJson();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    const ecl = (json as Record<string, any>[]).find((p) => p.name === "ntt-enterprise-cloud")!;
    expect(ecl.target.alternatives).toEqual([{ option: "--resource", description: expect.any(String) }]);
    expect(ecl.serverOptions).toEqual(["--api-endpoint", "--region", "--keystone-url", "--keystone-region"]);
  });
});
