#!/usr/bin/env node
// `pnpm check:cycles [dir...]`: fails when a module imports itself through other modules, type-only imports included.
// Without folders it checks every package's src/ and tools/src.
import { resolve } from "node:path";
import { checkedDirs, describeCycle, importCycles, sourceFiles } from "../src/import-cycles.mjs";
import { repoRoot } from "../src/workspace.mjs";

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log("usage: check-cycles [dir...]   (default: packages/*/src and tools/src)");
  process.exit(0);
}
const files = sourceFiles(args.length ? args.map((dir) => resolve(dir)) : checkedDirs(repoRoot));
const cycles = importCycles(files);
for (const cycle of cycles) console.error(`import cycle: ${describeCycle(cycle, repoRoot)}`);
if (cycles.length > 0) process.exit(1);
console.log(`no import cycle among ${files.length} files`);
