// `changeset version` on a copy of the repository: every published package goes to the next version with a
// CHANGELOG, and the packed umbrella depends on its siblings' new versions.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../src/workspace.mjs";

const sh = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const STEPS = ["patch", "minor", "major"];

describe("changeset version", () => {
  let copy: string;
  const published = readdirSync(join(repoRoot, "packages")).filter(
    (name) => !readJson(join(repoRoot, "packages", name, "package.json")).private,
  );
  const pending = readdirSync(join(repoRoot, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
  const bumps = new Map<string, string>();
  for (const file of pending) {
    const front = readFileSync(join(repoRoot, ".changeset", file), "utf8").split("---")[1] ?? "";
    // the largest bump any changeset asks for
    for (const [name, bump] of Object.entries(parse(front) ?? {}))
      if (STEPS.indexOf(String(bump)) > STEPS.indexOf(bumps.get(name) ?? "")) bumps.set(name, String(bump));
  }

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "opstatus-release-"));
    execFileSync(
      "sh",
      ["-c", `git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C ${JSON.stringify(copy)}`],
      { cwd: repoRoot },
    );
    sh(join(repoRoot, "node_modules/.bin/changeset"), ["version"], copy);
  }, 60_000);
  // a copy of the repository with its node_modules: removing it takes a while on a loaded machine
  afterAll(() => rmSync(copy, { recursive: true, force: true }), 60_000);

  it("has a pending changeset for every published package that has never been released", () => {
    for (const name of published) {
      const pkg = readJson(join(repoRoot, "packages", name, "package.json"));
      if (pkg.version === "0.0.0") expect(bumps.has(pkg.name), `${pkg.name} has no changeset`).toBe(true);
    }
  });

  it("bumps each package and writes its CHANGELOG", () => {
    for (const name of published) {
      const before = readJson(join(repoRoot, "packages", name, "package.json"));
      const after = readJson(join(copy, "packages", name, "package.json"));
      if (!bumps.has(before.name)) continue;
      expect(after.version, before.name).not.toBe(before.version);
      const changelog = readFileSync(join(copy, "packages", name, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`## ${after.version}`);
    }
  });

  it("bumps as the changesets say: no package goes a major step for a peer's release (the CLI's optional peer @opstatus/queue)", () => {
    for (const name of published) {
      const before = readJson(join(repoRoot, "packages", name, "package.json"));
      const after = readJson(join(copy, "packages", name, "package.json"));
      if (!bumps.has(before.name) || before.version === after.version) continue;
      const [b, a] = [before.version, after.version].map((v: string) => v.split(".").map(Number));
      const step = a![0]! > b![0]! ? "major" : a![1]! > b![1]! ? "minor" : "patch";
      expect(STEPS.indexOf(step), `${before.name} ${before.version} -> ${after.version}`).toBeLessThanOrEqual(
        STEPS.indexOf(bumps.get(before.name)!),
      );
    }
  });

  it("packs the umbrella with ranges on its siblings' new versions", () => {
    sh("pnpm", ["install", "--offline", "--frozen-lockfile", "--ignore-scripts"], copy);
    const out = sh("pnpm", ["pack", "--pack-destination", copy], join(copy, "packages/opstatus"))
      .trim()
      .split("\n")
      .at(-1)!;
    const manifest = JSON.parse(sh("tar", ["-xzf", out, "-O", "package/package.json"], copy));
    for (const [dep, range] of Object.entries<string>(manifest.dependencies)) {
      if (!dep.startsWith("@opstatus/")) continue;
      const sibling = readJson(join(copy, "packages", dep.replace("@opstatus/", ""), "package.json"));
      expect(range).toBe(`^${sibling.version}`);
    }
  }, 60_000);
});
