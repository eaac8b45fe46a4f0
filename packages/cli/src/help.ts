// `opstatus --help`, `opstatus help <command>` and `opstatus providers`: all from the generated provider data.
import { checkOptions } from "@opstatus/core/internal";
import { serverOptionsOf } from "./args.js";
import { choiceName, credentialChoices } from "./credentials.js";
import { providers } from "./generated/providers.js";
import type { ProviderInfo } from "./provider-info.js";

const EXIT_CODES = `Exit codes:
  0    succeeded (get: the status was read, whatever it is)
  1    the operation ended failed or canceled
  2    usage error (bad option, missing credential, bad checkpoint)
  3    authentication failed (401/403, or the log-in was refused)
  4    another error ended the wait (404, 400, an unknown status under --unknown-status fail, polls still
       failing at the deadline)
  124  timed out (the deadline passed while the operation was still pending or running)
  130  interrupted (SIGINT or SIGTERM: the checkpoint is written and the session logged out)`;

/** The credential variables of every provider, grouped: from the manifests' log-in fields and ready forms. */
function credentialsHelp(): string {
  const groups = new Map<string, string[]>();
  for (const p of providers)
    for (const choice of credentialChoices(p)) {
      const key = choiceName(choice);
      groups.set(key, [...(groups.get(key) ?? []), p.name]);
    }
  const width = Math.max(...[...groups.keys()].map((k) => k.length)) + 2;
  const rows = [...groups].map(
    ([env, names]) =>
      `  ${env.padEnd(width)}${names.length === providers.length ? "every provider" : names.join(", ")}`,
  );
  return `Credentials, never on the command line (ps and the shell history would show them):
${rows.join("\n")}
  --credentials FILE    a JSON object of the same fields ({"username": ..., "password": ...}, {"token": ...});
                        refused unless only its owner can read it (chmod 600)
  OPSTATUS_TOKEN is a ready token or session id; complete log-in fields win over it ([...] is optional).
  \`opstatus providers\` says what each one is.`;
}

/** `10m`, `1s`, `22s`: a default of the waiter, as the help shows it. */
// Stryker disable next-line ConditionalExpression,StringLiteral: core's defaults are whole seconds or minutes today
const shown = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);
/** The waiter's own defaults (core's), not a copy of them. */
// Stryker disable next-line StringLiteral,ObjectLiteral: the scope names only an error, and no option means none
const DEFAULTS = checkOptions({ provider: "opstatus", operation: "help" }, {});

const OPTIONS = `Options:
  --base-url URL            the server's base URL (or the provider's server options, e.g. --api-host, --region)
  --timeout DURATION        bound on the whole wait (default ${shown(DEFAULTS.timeout)}); with get, on the one call
  --min-delay DURATION      smallest delay between polls (default ${shown(DEFAULTS.minDelay)})
  --max-delay DURATION      largest delay between polls (default ${shown(DEFAULTS.maxDelay)})
                            durations: 500ms, 90s, 15m, 2h, 7d, 1h30m
  --unknown-status fail|wait  a status the provider's table does not know: exit 4 (default), or keep waiting
  -o, --output text|json|ndjson
                            text (default): progress on stderr, a summary line on stdout; json: one object at the
                            end; ndjson: one line per poll and a final one
  --checkpoint FILE         write the resume token after every poll; resume from FILE when it exists (a new
                            deadline from now when --timeout is given, else the token's); removed once the
                            operation has ended
  -q, --quiet               no progress and no summary: only errors (and the JSON of --output json/ndjson)
  --ca FILE                 trust this CA (PEM) for TLS instead of the public CAs
  --insecure-http           allow credentials over plain http beyond loopback (trusted networks only)
  --credentials FILE        read the credential from a JSON file instead of the environment
  --basic                   send the user name and password as HTTP Basic, not to the vendor's log-in
                            (providers that take both: \`opstatus providers\`)
  -h, --help                this help;  -V, --version  the version`;

export function mainHelp(): string {
  return `opstatus: get the status of an asynchronous operation, or wait until it ends, at any of ${providers.length} vendors' APIs

Usage:
  opstatus providers                       each provider, its target, credentials and server options
  opstatus get <provider> <target>         one status call; prints the body
  opstatus wait <provider> <target>        poll until the operation ends, with backoff, a deadline and progress

Durable waits on Redis (with @opstatus/queue, bullmq and ioredis installed next to the CLI):
  opstatus worker --profiles FILE          poll the queue's waits with the profiles' credentials (SIGTERM stops)
  opstatus queue add <profile> <target>    add a wait (--wait follows it); queue show|list|cancel
  opstatus dashboard                       bull-board on http://127.0.0.1:3000/ (read-only)
  \`opstatus worker --help\`, \`opstatus queue --help\`, \`opstatus dashboard --help\` say more

Providers: ${providers.map((p) => p.name).join(", ")}
Targets: each provider's id${
    providers.some((p) => p.target.alternatives.length)
      ? `; ${providers
          .filter((p) => p.target.alternatives.length)
          .map(
            (p) =>
              `${p.name} also takes ${p.target.alternatives.map((a) => `--${a.option} <id> (${a.description})`).join(", ")}`,
          )
          .join("; ")}`
      : // Stryker disable next-line StringLiteral: every manifest today has a provider with an alternative target
        ""
  }

${OPTIONS}

${credentialsHelp()}

${EXIT_CODES}

Examples:
  opstatus providers
  ${example()}
`;
}

/** An example from the data: the first provider with a log-in and a server option, waiting with a checkpoint. */
function example(): string {
  // Stryker disable next-line all: the generated data's first provider is the one with both today (the test checks it)
  const p = providers.find((x) => x.login && x.servers[0]?.variables.length) ?? providers[0]!;
  // Stryker disable next-line OptionalChaining: every spec has a server
  const variable = p.servers[0]?.variables[0];
  // Stryker disable next-line MethodExpression,ArrayDeclaration: that provider's log-in has no optional field today
  const env = p.login ? p.login.fields.filter((f) => !f.optional).map((f) => `${f.env}=...`) : ["OPSTATUS_TOKEN=..."];
  return `${env.join(" ")} \\
    opstatus wait ${p.name} ${p.target.example}${variable ? ` --${variable.option} ${variable.default}` : ""} --timeout 15m --checkpoint wait.json`;
}

export function commandHelp(command: string): string {
  switch (command) {
    case "providers":
      return `Usage: opstatus providers [--output text|json]\n\nEach provider: its target, its credentials (environment variables) and its server options.\n`;
    case "get":
      return `Usage: opstatus get <provider> <target> [options]\n\nOne status call: prints the body on stdout (text) or { state, vendorStatus, httpStatus, body } (json),\nand exits 0 whatever the status is (see \`opstatus wait\` to wait for the end).\n\n${OPTIONS}\n\n${EXIT_CODES}\n`;
    case "wait":
      return `Usage: opstatus wait <provider> <target> [options]\n\nPolls until the operation ends: exponential backoff with jitter, Retry-After honoured, transient errors\nretried, one last poll at the deadline.\n\n${OPTIONS}\n\n${credentialsHelp()}\n\n${EXIT_CODES}\n`;
    default:
      return mainHelp();
  }
}

/** The defaults of a provider's server options, for `providers`. */
function serverLines(p: ProviderInfo): string[] {
  const lines: string[] = [];
  p.servers.forEach((s, i) => {
    const vars = s.variables.map((v) => `--${v.option} ${v.enum ? `${v.enum.join("|")} ` : ""}(default ${v.default})`);
    lines.push(`${i === 0 ? "" : "or "}${s.url}${vars.length ? `: ${vars.join(", ")}` : ""}`);
  });
  for (const o of p.login?.serverOptions ?? [])
    lines.push(
      o.enum
        ? `--${o.option} ${o.enum.join("|")}: the log-in server's ${o.value.toLowerCase()} (default: the one the API's endpoint names; none: a usage error)`
        : `--${o.option} ${o.value}: the log-in server instead`,
    );
  lines.push("--base-url URL: the whole base URL instead");
  return lines;
}

export function providersText(): string {
  const out: string[] = [];
  for (const p of providers) {
    out.push(`${p.name}  (${p.package})`);
    out.push(`  ${p.product}`);
    const targets = [
      `<${p.target.name}> e.g. ${p.target.example}`,
      ...p.target.alternatives.map((a) => `--${a.option} <id>: ${a.description}`),
    ];
    out.push(`  target       ${targets.join("\n               or ")}`);
    const choices = credentialChoices(p);
    out.push(
      `  credentials  ${choices.map((c) => `${choiceName(c)}\n                 ${c.what}`).join("\n               or ")}`,
    );
    out.push(`  server       ${serverLines(p).join("\n               ")}`);
    out.push(
      `  statuses     ${Object.entries(p.states)
        .map(([status, state]) => `${status}=${state}`)
        .join(", ")}`,
    );
    out.push("");
  }
  out.push(
    "Durable waits: `opstatus worker --profiles FILE` polls waits of these providers, each profile naming one",
    '({"provider": "<name>", server options, "credentials": {"env": {...}} or {"file": ...}}); add waits with',
    "`opstatus queue add <profile> <target>`. See `opstatus worker --help` and `opstatus queue --help`.",
    "",
  );
  return out.join("\n");
}

export function providersJson(): unknown[] {
  return providers.map((p) => ({
    name: p.name,
    package: p.package,
    product: p.product,
    target: {
      name: p.target.name,
      example: p.target.example,
      alternatives: p.target.alternatives.map((a) => ({ option: `--${a.option}`, description: a.description })),
    },
    credentials: credentialChoices(p),
    serverOptions: serverOptionsOf(p),
    servers: p.servers,
    statuses: p.states,
  }));
}
