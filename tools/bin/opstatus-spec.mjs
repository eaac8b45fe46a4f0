#!/usr/bin/env node
// Per-spec tasks, run by turbo in specs/<provider>/: `lint`, `bundle` (dist/openapi.{yaml,json}), `docs` (dist/redoc.html).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { provider, redoclyBin, redoclyConfigPath, repoRoot } from "../src/workspace.mjs";

const [command] = process.argv.slice(2);
const { name, specDir } = provider(basename(process.cwd()));
const dist = join(specDir, "dist");

function redocly(...args) {
  const run = spawnSync(process.execPath, [redoclyBin, ...args, `--config=${redoclyConfigPath}`], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

switch (command) {
  case "lint":
    redocly("lint", name, "--format=stylish");
    break;
  case "bundle":
    mkdirSync(dist, { recursive: true });
    redocly("bundle", name, `--output=${join(dist, "openapi.yaml")}`);
    redocly("bundle", name, `--output=${join(dist, "openapi.json")}`, "--ext=json");
    break;
  case "docs":
    mkdirSync(dist, { recursive: true });
    redocly(
      "build-docs",
      name,
      `--output=${join(dist, "redoc.html")}`,
      `--template=${join(repoRoot, "tools/docs/redoc-template.hbs")}`,
      "--theme.openapi.hideDownloadButtons=false",
    );
    break;
  default:
    console.error("usage: opstatus-spec lint|bundle|docs   (run in specs/<provider>/)");
    process.exit(2);
}
