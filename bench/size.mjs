#!/usr/bin/env node
// `pnpm bench:size`: bundle sizes of every entry point, from the packed packages.
import { budgets, measureFromPackedPackages } from "./size-lib.mjs";

const results = await measureFromPackedPackages();
const kb = (n) => (n / 1024).toFixed(2);
console.log("| entry point | min (kB) | min+gz (kB) | budget (kB) |\n| --- | ---: | ---: | ---: |");
for (const r of results)
  console.log(`| ${r.name} | ${kb(r.minified)} | ${kb(r.gzip)} | ${budgets[r.group] ? kb(budgets[r.group]) : ""} |`);
