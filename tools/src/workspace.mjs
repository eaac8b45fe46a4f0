// Where things live in the monorepo. The providers are the specs that carry an `info.x-opstatus` manifest: one folder
// specs/<provider>/ each, with its package in packages/<provider>/. Nothing else lists them.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { providerModel } from "./provider-model.mjs";

/**
 * @typedef {object} ProviderPaths
 * @property {string} name the provider's folder name (= manifest `provider`)
 * @property {string} specPath specs/<name>/openapi.yaml
 * @property {string} specDir specs/<name>
 * @property {string} packageDir packages/<name>
 * @property {string} generatedDir packages/<name>/src/generated
 */
/** @typedef {ProviderPaths & import("./provider-model.mjs").ProviderModel} Provider where a provider lives, and its model */

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const redoclyConfigPath = join(repoRoot, "redocly.yaml");

const specsDir = join(repoRoot, "specs");

/**
 * Every provider: each specs/<name>/openapi.yaml whose info has an `x-opstatus` manifest, sorted by name.
 * @returns {Provider[]}
 */
export function providers() {
  return readdirSync(specsDir)
    .sort()
    .map((name) => providerAt(name))
    .filter((p) => p !== undefined);
}

/**
 * The provider of specs/<name>/, if its openapi.yaml exists and has a manifest: read afresh, a copy the caller may
 * change.
 * @param {string} name
 * @returns {Provider | undefined}
 */
function providerAt(name) {
  const specDir = join(specsDir, name);
  const specPath = join(specDir, "openapi.yaml");
  if (!existsSync(specPath)) return undefined;
  const doc = parse(readFileSync(specPath, "utf8"));
  if (!doc?.info?.["x-opstatus"]) return undefined;
  const model = providerModel(doc, specPath);
  if (model.manifest.provider !== name)
    throw new Error(`${specPath}: x-opstatus.provider is "${model.manifest.provider}", the folder is "${name}"`);
  const packageDir = join(repoRoot, "packages", name);
  return { name, specPath, specDir, packageDir, generatedDir: join(packageDir, "src/generated"), ...model };
}

/**
 * The provider of specs/<name>/; throws, naming the known ones, when there is none.
 * @param {string} name
 * @returns {Provider}
 */
export function provider(name) {
  const found = /^[a-z][a-z0-9-]*$/.test(name) ? providerAt(name) : undefined;
  if (!found)
    throw new Error(
      `unknown provider "${name}"; known: ${providers()
        .map((p) => p.name)
        .join(", ")}`,
    );
  return found;
}

const require = createRequire(import.meta.url);
/** Absolute path of the Redocly CLI entry point, run with the current Node. */
export const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
