#!/usr/bin/env node
// `pnpm new-provider <name>`: given specs/<name>/openapi.yaml with its x-opstatus manifest, creates the spec package
// and the provider package (package.json, configs, src/index.ts, a test on the shared suites), registers the provider
// wherever the manifests drive (redocly.yaml, the umbrella, the docs site, the benches, the README), generates its code
// and README, links it with pnpm install, and adds a changeset. Existing files are left as they are.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { jsonText } from "../src/files.mjs";
import { providerConfigFiles, providerPackageJson, providerStarterFiles, specPackageJson } from "../src/scaffold.mjs";
import { provider, repoRoot } from "../src/workspace.mjs";

const usage = "usage: pnpm new-provider <name>   (specs/<name>/openapi.yaml must carry an info.x-opstatus manifest)";
const { positionals, values } = parseArgs({ allowPositionals: true, options: { "skip-install": { type: "boolean" } } });
const [name] = positionals;
if (!name || positionals.length !== 1 || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error(usage);
  process.exit(2);
}
if (!existsSync(join(repoRoot, "specs", name, "openapi.yaml"))) {
  console.error(`specs/${name}/openapi.yaml not found\n${usage}`);
  process.exit(2);
}
/** @type {import("../src/workspace.mjs").Provider} */
let p;
try {
  p = provider(name);
} catch (error) {
  console.error(`specs/${name}/openapi.yaml: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

/** @type {Record<string, string>} */
const files = {
  [join(p.specDir, "package.json")]: jsonText(specPackageJson(name)),
  [join(p.packageDir, "package.json")]: jsonText(providerPackageJson(p)),
  ...Object.fromEntries(
    Object.entries({ ...providerConfigFiles(), ...providerStarterFiles(name) }).map(([file, text]) => [
      join(p.packageDir, file),
      text,
    ]),
  ),
  [join(repoRoot, ".changeset", `add-${name}.md`)]:
    `---\n"${p.manifest.package}": minor\n"opstatus": minor\n---\n\nNew provider: ${p.manifest.product} (${p.manifest.vendor}), as \`${p.manifest.package}\` and \`opstatus/${name}\`.\n`,
};
for (const [file, text] of Object.entries(files)) {
  if (existsSync(file)) {
    console.log(`kept ${relative(repoRoot, file)}`);
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${relative(repoRoot, file)}`);
}

/** @param {string} command @param {string[]} args */
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(process.execPath, [join(repoRoot, "tools/bin/codegen.mjs"), "--all"]);
// A new provider adds workspace packages, so the lockfile must change (pnpm freezes it by default when CI is set).
if (!values["skip-install"]) run("pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"]);

const inventory = join(p.specDir, "page-inventory.json");
console.log(`
${p.manifest.package} is registered. Fill in by hand:
- ${existsSync(inventory) ? "check" : "write"} ${relative(repoRoot, inventory)}: the vendor page's parameters, responses, schemas and enums
  (the fidelity test compares the spec with it);
- a hand-written method or waiter, only if the vendor's own semantics need one (see the manifest's handWritten);
- packages/${name}/test/: tests beyond the shared suites;
- the changeset .changeset/add-${name}.md, in words for the package's users.
Then: pnpm build && pnpm test`);
