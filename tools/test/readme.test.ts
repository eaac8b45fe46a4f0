// CI must run exactly the README's quick start, so that a green CI proves a newcomer can follow it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../src/workspace.mjs";

it(".ci/run runs the README's two quick-start commands verbatim", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const section = readme.split("## Quick start")[1]!;
  const commands = section.split("```sh")[1]!.split("```")[0]!.trim().split("\n");
  expect(commands).toHaveLength(2);
  const ci = readFileSync(join(repoRoot, ".ci/run"), "utf8").split("\n");
  for (const command of commands) expect(ci).toContain(command);
});
