#!/usr/bin/env node
// `opstatus-codegen`: specs/<provider>/openapi.yaml (and its x-opstatus manifest) -> packages/<provider>/src/generated/
// and the provider's README; with --all, also every file that lists the providers (redocly.yaml, the umbrella, the
// workspace packages, the README table). Run in a provider package it generates that provider. --check writes nothing
// and fails when a file is stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, relative } from "node:path";
import { parseArgs } from "node:util";
import { providerFiles } from "../src/codegen.mjs";
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

let stale = 0;
for (const [target, content] of Object.entries(files)) {
  const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  if (current === content) continue;
  if (values.check) {
    stale++;
    console.error(`stale: ${relative(repoRoot, target)} (run \`pnpm generate\`)`);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    console.log(`wrote ${relative(repoRoot, target)}`);
  }
}
if (stale > 0) process.exit(1);
if (values.check)
  console.log(`generated files are up to date (${Object.keys(files).length} files, ${selected.length} providers)`);
