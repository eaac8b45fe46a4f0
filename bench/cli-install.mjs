#!/usr/bin/env node
// `pnpm --filter @opstatus/bench bench:install`: what `npm install @opstatus/cli` puts on disk, the way a CI step gets
// it (`npx @opstatus/cli get ...`): the packed packages installed with npm into a scratch project, then the packages
// and bytes under its node_modules counted. `--with <package>` adds a package next to it (e.g. the one that adds the
// queue commands), to see what an operator installs on top.
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { installPacked, publishedPackages } from "@opstatus/tools/test-kit/pack";

const { values } = parseArgs({ options: { with: { type: "string", multiple: true, default: [] } } });

/** Every package folder under a node_modules (scoped ones too, nested node_modules too). */
function packagesIn(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    if (name.startsWith("@")) {
      for (const inner of readdirSync(path)) found.push(join(path, inner), ...nested(join(path, inner)));
    } else found.push(path, ...nested(path));
  }
  return found;
}
const nested = (pkg) => {
  try {
    return packagesIn(join(pkg, "node_modules"));
  } catch {
    return [];
  }
};

/** Bytes of the files under `dir` (what they take, not the disk's blocks). */
function bytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

// @opstatus/cli and the workspace packages it depends on, packed; the rest of its dependencies from the registry
const ours = publishedPackages().filter((name) => name === "cli" || name === "core" || /-/.test(name));
const packages = [...new Set([...ours, ...values.with])];
const dir = installPacked({ packages, name: "opstatus-cli-install" });
try {
  const modules = join(dir, "node_modules");
  const all = packagesIn(modules);
  console.log(`npm install @opstatus/cli${values.with.length ? ` + ${values.with.join(" + ")}` : ""}`);
  console.log(`  packages under node_modules: ${all.length}`);
  console.log(`  size: ${(bytes(modules) / 1e6).toFixed(2)} MB (${bytes(modules)} bytes of files)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
