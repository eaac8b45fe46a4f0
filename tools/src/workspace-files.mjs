// The files that list every provider, derived from the manifests: the `apis:` of redocly.yaml, the umbrella's
// subpaths, the workspace packages that depend on every provider, and the README's provider table.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { cliFiles } from "./cli-files.mjs";
import { generatedNotice, jsonText, setDependencies } from "./files.mjs";
import { repoRoot } from "./workspace.mjs";

/** @typedef {import("./workspace.mjs").Provider} Provider */

/**
 * Replaces the text between two marker lines (kept) with `content`.
 * @param {string} text
 * @param {string} file for messages
 * @param {string} start
 * @param {string} end
 * @param {string} content
 */
function replaceBlock(text, file, start, end, content) {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file}: markers "${start}" ... "${end}" not found`);
  return `${text.slice(0, a + start.length)}\n${content}${text.slice(b)}`;
}

/** @param {string} file */
const read = (file) => readFileSync(join(repoRoot, file), "utf8");

/**
 * @param {Provider[]} providers every provider of the workspace
 * @returns {Record<string, string>} absolute path -> content
 */
export function workspaceFiles(providers) {
  /** @type {Record<string, string>} */
  const files = {};
  // the providers' packages are the dependencies these files own; every other dependency is the package's own
  const packageNames = new Set(providers.map((p) => p.manifest.package));
  const isProviderPackage = (/** @type {string} */ name) => packageNames.has(name);

  // redocly.yaml: one api per spec, for `pnpm lint:specs` and the per-spec tasks
  files[join(repoRoot, "redocly.yaml")] = replaceBlock(
    read("redocly.yaml"),
    "redocly.yaml",
    "# providers: generated from the specs' x-opstatus manifests by `pnpm generate`",
    "# end of providers",
    `${providers.map((p) => `  ${p.name}:\n    root: ${relative(repoRoot, p.specPath)}`).join("\n")}\n`,
  );

  // the umbrella: one subpath per provider
  const umbrellaDir = join(repoRoot, "packages/opstatus");
  for (const p of providers)
    files[join(umbrellaDir, `src/generated/${p.name}.ts`)] =
      `${generatedNotice(`the x-opstatus manifest of specs/${p.name}/openapi.yaml`)}\n\nexport * from "${p.manifest.package}";\n`;
  const umbrella = JSON.parse(read("packages/opstatus/package.json"));
  setDependencies(
    umbrella,
    "dependencies",
    isProviderPackage,
    Object.fromEntries(providers.map((p) => [p.manifest.package, "workspace:^"])),
  );
  umbrella.exports = {
    ".": umbrella.exports["."],
    ...Object.fromEntries(
      providers.map((p) => [`./${p.name}`, { import: `./dist/${p.name}.js`, require: `./dist/${p.name}.cjs` }]),
    ),
    "./package.json": "./package.json",
  };
  // for TypeScript's node10 resolution, which does not read `exports`
  umbrella.typesVersions = { "*": Object.fromEntries(providers.map((p) => [p.name, [`./dist/${p.name}.d.cts`]])) };
  files[join(umbrellaDir, "package.json")] = jsonText(umbrella);

  files[join(umbrellaDir, "README.md")] = replaceBlock(
    read("packages/opstatus/README.md"),
    "packages/opstatus/README.md",
    "<!-- providers: generated from the specs' x-opstatus manifests by `pnpm generate` -->",
    "<!-- end of providers -->",
    [
      "| subpath | same as | vendor endpoint |",
      "| --- | --- | --- |",
      ...providers.map(
        (p) =>
          `| \`opstatus/${p.name}\` | \`${p.manifest.package}\` | ${p.manifest.product}: ${p.waiterOperation.op.summary} |`,
      ),
      "| `opstatus` | `@opstatus/core` | the errors, `waitUntilDone` and their types |",
      "",
    ].join("\n"),
  );

  // workspace packages that use every provider or spec
  for (const [dir, section, prefix] of /** @type {const} */ ([
    ["bench", "dependencies", "package"],
    ["examples", "dependencies", "package"],
    ["docs", "devDependencies", "spec"],
  ])) {
    const file = `${dir}/package.json`;
    if (!existsSync(join(repoRoot, file))) continue;
    const pkg = JSON.parse(read(file));
    const wanted = Object.fromEntries(
      providers.map((p) => [prefix === "spec" ? `@opstatus/spec-${p.name}` : p.manifest.package, "workspace:*"]),
    );
    const managed =
      prefix === "spec" ? (/** @type {string} */ name) => name.startsWith("@opstatus/spec-") : isProviderPackage;
    setDependencies(pkg, section, managed, wanted);
    files[join(repoRoot, file)] = jsonText(pkg);
  }

  // the README's provider table
  const rows = providers.map((p) => {
    const m = p.manifest;
    return `| [\`${m.package}\`](packages/${p.name}) | ${m.product}: [${p.waiterOperation.op.summary}](${p.doc.externalDocs.url}) | ${m.auth.summary} | \`${m.waiter.name}\` |`;
  });
  files[join(repoRoot, "README.md")] = replaceBlock(
    read("README.md"),
    "README.md",
    "<!-- providers: generated from the specs' x-opstatus manifests by `pnpm generate` -->",
    "<!-- end of providers -->",
    ["| package | vendor endpoint | auth | waiter |", "| --- | --- | --- | --- |", ...rows, ""].join("\n"),
  );
  Object.assign(files, cliFiles(providers)); // the command line's provider data and dependencies
  return files;
}
