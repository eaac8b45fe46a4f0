// Where things live in the monorepo, read from redocly.yaml so that one file lists the providers.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const redoclyConfigPath = join(repoRoot, "redocly.yaml");

/** Every provider listed under `apis:` in redocly.yaml, with the paths derived from it. */
export function providers() {
  const config = parse(readFileSync(redoclyConfigPath, "utf8"));
  return Object.entries(config.apis).map(([name, api]) => {
    const output = api["x-openapi-ts"]?.output;
    if (!output) throw new Error(`redocly.yaml: api "${name}" has no x-openapi-ts.output`);
    return {
      name,
      specPath: join(repoRoot, api.root),
      specDir: dirname(join(repoRoot, api.root)),
      generatedDir: dirname(join(repoRoot, output)),
      packageDir: join(repoRoot, "packages", name),
    };
  });
}

export function provider(name) {
  const found = providers().find((p) => p.name === name);
  if (!found) throw new Error(`unknown provider "${name}"; known: ${providers().map((p) => p.name).join(", ")}`);
  return found;
}

const require = createRequire(import.meta.url);
/** Absolute path of the Redocly CLI entry point, run with the current Node. */
export const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
