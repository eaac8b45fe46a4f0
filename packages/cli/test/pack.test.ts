// What npm gets: the packed tarball holds the built bin (with its shebang, executable), the README and the LICENSE;
// `bin` names it, and every dependency has a real range. (The release test installs it from a registry and runs it.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { providers } from "@opstatus/tools/workspace";
import { afterAll, beforeAll, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
let dir: string;
let tarball: string;
const tar = (...args: string[]) => execFileSync("tar", [...args, tarball], { encoding: "utf8" });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "opstatus-cli-pack-"));
  const out = execFileSync("pnpm", ["pack", "--pack-destination", dir], {
    cwd: packageDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  tarball = out.trim().split("\n").at(-1)!;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("packs the bin (and its chunks), README, LICENSE and package.json only; the bin is executable and starts with a shebang", () => {
  const listing = tar("-tvzf").trim().split("\n");
  const files = listing
    .map((line) =>
      line
        .split(/\s+/)
        .at(-1)!
        .replace(/^package\//, ""),
    )
    .sort();
  // the bin and the chunks it imports (the queue commands' own modules load only for them)
  expect(files.filter((f) => !f.startsWith("dist/"))).toEqual(["LICENSE", "README.md", "package.json"]);
  expect(files).toContain("dist/cli.js");
  for (const f of files.filter((f) => f.startsWith("dist/"))) expect(f).toMatch(/^dist\/[\w-]+\.js$/);
  expect(listing.find((line) => line.endsWith("dist/cli.js"))).toMatch(/^-rwxr-xr-x /);
  const bin = execFileSync("tar", ["-xzOf", tarball, "package/dist/cli.js"], { encoding: "utf8" });
  expect(bin.startsWith("#!/usr/bin/env node\n")).toBe(true);
});

it("has bin opstatus, and depends on core, every provider (from the manifests) and undici, with real ranges", () => {
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
  expect(manifest.bin).toEqual({ opstatus: "./dist/cli.js" });
  expect(manifest.exports).toBeUndefined();
  expect(Object.keys(manifest.dependencies).sort()).toEqual(
    ["@opstatus/core", ...providers().map((p) => p.manifest.package), "undici"].sort(),
  );
  for (const range of Object.values<string>(manifest.dependencies)) expect(range).not.toMatch(/^workspace:/);
  // what the queue commands load: optional peers, so that an install for get and wait stays as light
  expect(Object.keys(manifest.peerDependencies).sort()).toEqual(Object.keys(manifest.peerDependenciesMeta).sort());
  for (const meta of Object.values<{ optional: boolean }>(manifest.peerDependenciesMeta))
    expect(meta.optional).toBe(true);
  for (const range of Object.values<string>(manifest.peerDependencies)) expect(range).not.toMatch(/^workspace:/);
  expect(Object.keys(manifest.peerDependencies)).toEqual(
    expect.arrayContaining(["@opstatus/queue", "bullmq", "ioredis"]),
  );
  expect(manifest.publishConfig).toEqual({ access: "public", provenance: true });
});
