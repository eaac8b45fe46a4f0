#!/usr/bin/env node
// `opstatus-codegen`: specs/<provider>/openapi.yaml (and its x-opstatus manifest) -> packages/<provider>/src/generated/
// and the provider's README; with --all, also every file that lists the providers (redocly.yaml, the umbrella, the
// workspace packages, the README table). Run in a provider package it generates that provider. --check writes nothing
// and fails when a file is stale.
import { basename, relative } from "node:path";
import { parseArgs } from "node:util";
import { providerFiles } from "../src/codegen.mjs";
import { writeChanged } from "../src/files.mjs";
import { workspaceFiles } from "../src/workspace-files.mjs";
import { providers, repoRoot } from "../src/workspace.mjs";

const usage = "usage: opstatus-codegen [--all] [--check]   (without --all, run it in packages/<provider>/)";
let values;
try {
  ({ values } = parseArgs({
    options: { all: { type: "boolean" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const everything = Boolean(values.all || values.check);
const all = providers();
const selected = everything ? all : all.filter((p) => p.name === basename(process.cwd()));
if (selected.length === 0) {
  console.error(`opstatus-codegen: ${basename(process.cwd())} is not a provider package\n${usage}`);
  process.exit(2);
}

/** @type {Record<string, string>} */
const files = {};
for (const p of selected) Object.assign(files, await providerFiles(p));
if (everything) Object.assign(files, workspaceFiles(all));

const changed = writeChanged(files, { check: values.check });
if (values.check) {
  for (const target of changed) console.error(`stale: ${relative(repoRoot, target)} (run \`pnpm generate\`)`);
  if (changed.length > 0) process.exit(1);
  console.log(`generated files are up to date (${Object.keys(files).length} files, ${selected.length} providers)`);
}
