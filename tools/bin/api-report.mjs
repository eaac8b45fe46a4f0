#!/usr/bin/env node
// `pnpm api:check` / `pnpm api:update`: the public surface of every published package, locked by an API report
// (api-extractor's `review/<name>.api.md`, one per public entry point). `--check` fails when a built package's surface
// differs from its committed report, so an accidental export or a changed signature fails CI until the report is
// updated on purpose (`pnpm api:update`, then commit the report with a changeset). `@opstatus/core/internal` is
// outside semver and has no report, nor has a package without library entry points (a bin only, @opstatus/cli).
// Run after `pnpm build`: the reports are made from dist/*.d.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { repoRoot } from "../src/workspace.mjs";

const { values } = parseArgs({ options: { check: { type: "boolean" }, update: { type: "boolean" } } });
if (values.check === values.update) {
  console.error("usage: api-report.mjs --check | --update");
  process.exit(2);
}

/** Entry points outside semver: no report. */
const INTERNAL = new Set(["./internal", "./session"]);
const packagesDir = join(repoRoot, "packages");
const temp = mkdtempSync(join(tmpdir(), "opstatus-api-"));
let failures = 0;
let reports = 0;
try {
  for (const dir of readdirSync(packagesDir).sort()) {
    const packageDir = join(packagesDir, dir);
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    if (pkg.private) continue;
    // a package with no library entry point (no `exports`, no types), such as the `opstatus` bin of @opstatus/cli,
    // has no API to lock: its surface is its command line, which its own tests pin down
    if (!pkg.exports && !pkg.types) continue;
    const unscoped = pkg.name.replace(/^@[^/]+\//, "");
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      if (subpath === "./package.json" || INTERNAL.has(subpath)) continue;
      const entry = join(packageDir, String(target.import).replace(/\.js$/, ".d.ts"));
      if (!existsSync(entry)) throw new Error(`${relative(repoRoot, entry)} is missing: run \`pnpm build\` first`);
      if (values.update) mkdirSync(join(packageDir, "review"), { recursive: true });
      const reportName = subpath === "." ? unscoped : `${unscoped}-${subpath.slice(2).replaceAll("/", "-")}`;
      const config = ExtractorConfig.prepare({
        // the log levels are api-extractor's string enum values
        /** @type {any} */
        configObject: {
          projectFolder: packageDir,
          mainEntryPointFilePath: entry,
          compiler: {
            overrideTsconfig: {
              compilerOptions: { lib: ["es2022", "dom"], types: [], strict: true, skipLibCheck: true },
              include: [entry],
            },
          },
          apiReport: {
            enabled: true,
            reportFileName: `${reportName}.api.md`,
            reportFolder: join(packageDir, "review"),
            reportTempFolder: temp,
          },
          docModel: { enabled: false },
          dtsRollup: { enabled: false },
          tsdocMetadata: { enabled: false },
          messages: {
            extractorMessageReporting: {
              "ae-missing-release-tag": { logLevel: "none" },
              "ae-undocumented": { logLevel: "none" },
              default: { logLevel: "warning", addToApiReportFile: true },
            },
            tsdocMessageReporting: { default: { logLevel: "none" } },
            compilerMessageReporting: { default: { logLevel: "warning" } },
          },
        },
        configObjectFullPath: join(packageDir, "api-extractor.json"),
        packageJsonFullPath: join(packageDir, "package.json"),
      });
      const result = Extractor.invoke(config, {
        localBuild: Boolean(values.update),
        messageCallback: (m) => (m.handled = m.logLevel !== "error"),
      });
      reports++;
      const where = relative(repoRoot, join(packageDir, "review", `${reportName}.api.md`));
      if (!result.succeeded || (values.check && result.apiReportChanged)) {
        failures++;
        console.error(
          `${where}: ${result.apiReportChanged ? "the public API changed" : "api-extractor failed"} (${pkg.name}${subpath === "." ? "" : subpath}); if intended, run \`pnpm api:update\`, commit the report and add a changeset`,
        );
      } else if (values.update && result.apiReportChanged) console.log(`updated ${where}`);
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (failures > 0) process.exit(1);
console.log(`${reports} API reports ${values.check ? "match the built packages" : "are up to date"}`);
