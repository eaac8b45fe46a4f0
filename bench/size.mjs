#!/usr/bin/env node
// `pnpm bench:size`: bundle sizes of every entry point, from the packed packages, then each group against its budget
// (size-budgets.json). kB = 1024 bytes throughout.
import { budgets, measureFromPackedPackages } from "./size-lib.mjs";

const results = await measureFromPackedPackages();
const kb = (n) => (n / 1024).toFixed(2);
console.log("| entry point | min (kB) | min+gz (kB) | budget (kB) |\n| --- | ---: | ---: | ---: |");
for (const r of results)
  console.log(`| ${r.name} | ${kb(r.minified)} | ${kb(r.gzip)} | ${budgets[r.group] ? kb(budgets[r.group]) : ""} |`);

console.log("\n| group | budget (B) | measured min+gz (B) | headroom |\n| --- | ---: | ---: | --- |");
for (const [group, budget] of Object.entries(budgets)) {
  const measured = results.filter((r) => r.group === group).sort((a, b) => a.gzip - b.gzip);
  if (typeof budget !== "number" || measured.length === 0) continue;
  const largest = measured.at(-1);
  const range = `${measured[0].gzip} (${measured[0].provider}) to ${largest.gzip} (${largest.provider})`;
  const headroom = budget - largest.gzip;
  console.log(
    `| ${group} | ${budget} | ${range} | ${headroom >= 0 ? `${headroom} B (${((headroom / budget) * 100).toFixed(1)} %)` : `over by ${-headroom} B`} |`,
  );
}
