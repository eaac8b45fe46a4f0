// The files of the `opstatus` command line (packages/cli) that come from the provider manifests: the data module the
// CLI reads at run time (it ships without the specs and must not parse YAML on start-up), and its dependency list.
// `workspaceFiles()` includes them, so `pnpm generate:check` checks them; run this file to write them (the CLI
// package's `generate` script).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedNotice, jsonText, setDependencies, writeChanged } from "./files.mjs";
import { envName } from "./manifest.mjs";
import { targetExample } from "./samples.mjs";
import { providers as allProviders, repoRoot } from "./workspace.mjs";

/** @typedef {import("./workspace.mjs").Provider} Provider */

const cliDir = join(repoRoot, "packages/cli");

/** The CLI's own options: a server variable or a log-in server option must not take one of these names. */
export const CLI_OPTIONS = [
  "base-url",
  "timeout",
  "min-delay",
  "max-delay",
  "unknown-status",
  "output",
  "checkpoint",
  "quiet",
  "ca",
  "insecure-http",
  "basic",
  "credentials",
  "help",
  "version",
];

/** `api_host` -> `api-host`, `keystoneUrl` -> `keystone-url`. */
export const optionName = (/** @type {string} */ name) =>
  name
    .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    .replace(/_/g, "-")
    .replace(/^-/, "");

/** A description on one line, without Markdown code marks. */
const oneLine = (/** @type {string | undefined} */ text) => (text ?? "").replace(/\s+/g, " ").replace(/`/g, "").trim();

/**
 * What the CLI knows of one provider, all from its manifest and spec.
 * @param {Provider} p
 */
function cliProviderInfo(p) {
  const m = p.manifest;
  const t = m.waiter.target;
  const login = m.auth.login;
  const info = {
    name: p.name,
    product: m.product,
    package: m.package,
    factory: m.client.factory,
    waiter: m.waiter.name,
    method: p.waiterMethod.name,
    target: {
      name: t.name,
      example: targetExample(p),
      ...(t.object ? { object: true } : {}),
      alternatives: Object.entries(t.alternatives ?? {}).map(([key, description]) => ({
        key,
        option: optionName(key.replace(/Id$/, "")),
        description: oneLine(description),
      })),
    },
    forms: Object.entries(m.auth.forms).map(([key, form]) => ({
      key,
      type: form.type,
      summary: oneLine(form.summary),
    })),
    ...(login
      ? {
          login: {
            summary: oneLine(login.summary),
            fields: Object.entries(login.fields).map(([name, field]) => ({
              name,
              env: envName(name),
              type: field.type,
              optional: field.optional,
              description: oneLine(field.description),
            })),
            logout: login.logout !== undefined,
            // the log-in's own server: its URL option, and an option per variable of its template
            serverOptions: p.loginServer
              ? [
                  { name: p.loginServer.option, option: optionName(p.loginServer.option), value: "URL" },
                  ...Object.entries(p.loginServer.variableOptions).map(([variable, name]) => ({
                    name,
                    option: optionName(name),
                    value: variable.toUpperCase(),
                    ...(p.loginServer?.server.variables[variable]?.enum
                      ? { enum: p.loginServer.server.variables[variable].enum.map(String) }
                      : {}),
                  })),
                ]
              : [],
          },
        }
      : {}),
    servers: (p.doc.servers ?? []).map((/** @type {any} */ s) => ({
      url: s.url,
      variables: Object.entries(s.variables ?? {}).map(([name, v]) => ({
        name,
        option: optionName(name),
        default: String(/** @type {any} */ (v).default),
        .../** @type {any} */ (v.enum ? { enum: /** @type {any} */ (v).enum.map(String) } : {}),
        description: oneLine(/** @type {any} */ (v).description),
      })),
    })),
    states: m.waiter.states,
  };
  const taken = new Set(CLI_OPTIONS);
  for (const option of [
    ...info.servers.flatMap((/** @type {{ variables: { option: string }[] }} */ s) => s.variables.map((v) => v.option)),
    ...info.target.alternatives.map((a) => a.option),
    ...(info.login?.serverOptions ?? []).map((/** @type {{ option: string }} */ o) => o.option),
  ])
    if (taken.has(option))
      throw new Error(`${p.name}: --${option} is one of the CLI's own options; the CLI cannot offer it`);
  return info;
}

/**
 * @param {Provider[]} providers
 * @returns {Record<string, string>} absolute path -> content
 */
export function cliFiles(providers) {
  /** @type {Record<string, string>} */
  const files = {};
  const data = providers.map(cliProviderInfo);
  files[join(cliDir, "src/generated/providers.ts")] = [
    generatedNotice("the x-opstatus manifests of specs/*/openapi.yaml (tools/src/cli-files.mjs)"),
    "",
    'import type { ProviderInfo } from "../provider-info.js";',
    "",
    "/** Every provider: what the CLI needs to know of it, from its manifest and spec. */",
    `export const providers: readonly ProviderInfo[] = ${JSON.stringify(data, null, 2)};`,
    "",
  ].join("\n");

  const packageFile = join(cliDir, "package.json");
  if (existsSync(packageFile)) {
    const pkg = JSON.parse(readFileSync(packageFile, "utf8"));
    const names = new Set(providers.map((p) => p.manifest.package));
    // the CLI loads the provider it is asked for, so it depends on all of them (and on core for the error classes)
    setDependencies(
      pkg,
      "dependencies",
      (name) => name === "@opstatus/core" || names.has(name),
      Object.fromEntries(["@opstatus/core", ...names].map((name) => [name, "workspace:^"])),
    );
    files[packageFile] = jsonText(pkg);
  }
  return files;
}

// `node tools/src/cli-files.mjs`: write them
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeChanged(cliFiles(allProviders()));
