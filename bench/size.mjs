#!/usr/bin/env node
// `pnpm bench:size`: bundle sizes of every entry point, from the packed packages, then each group against the
// issues' targets (`$targets` in size-budgets.json). kB = 1024 bytes throughout.
import { budgets, measureFromPackedPackages } from "./size-lib.mjs";

const results = await measureFromPackedPackages();
const kb = (n) => (n / 1024).toFixed(2);
console.log("| entry point | min (kB) | min+gz (kB) | budget (kB) |\n| --- | ---: | ---: | ---: |");
for (const r of results)
  console.log(`| ${r.name} | ${kb(r.minified)} | ${kb(r.gzip)} | ${budgets[r.group] ? kb(budgets[r.group]) : ""} |`);

console.log("\n| group | target (B) | measured min+gz (B) | over the target |\n| --- | ---: | ---: | --- |");
for (const [group, target] of Object.entries(budgets.$targets)) {
  const measured = results.filter((r) => r.group === group).sort((a, b) => a.gzip - b.gzip);
  const over = measured
    .filter((r) => r.gzip > target)
    .map((r) => `${r.provider} +${(((r.gzip - target) / target) * 100).toFixed(1)} %`);
  const range = `${measured[0].gzip} (${measured[0].provider}) to ${measured.at(-1).gzip} (${measured.at(-1).provider})`;
  console.log(`| ${group} | ${target} | ${range} | ${over.length ? over.join(", ") : "none: met"} |`);
}
