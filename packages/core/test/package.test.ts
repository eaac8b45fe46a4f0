// The built package: `@opstatus/core/node` loads with import and require; the main entry never pulls undici in.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const dist = new URL("../dist/", import.meta.url);
const node = (args: string[]) =>
  spawnSync(process.execPath, args, { cwd: packageDir, encoding: "utf8", timeout: 20_000 });

describe("the built package", () => {
  it("exports ./node next to the main entry (and ./internal and ./session, for provider packages)", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(Object.keys(manifest.exports)).toEqual([".", "./internal", "./session", "./node", "./package.json"]);
    expect(manifest.peerDependencies.undici).toMatch(/^\^6\./);
    expect(manifest.peerDependenciesMeta.undici.optional).toBe(true);
    expect(manifest.dependencies.undici).toBeUndefined();
  });

  it("loads @opstatus/core/node with import and with require", () => {
    const imported = node([
      "--input-type=module",
      "-e",
      'const m = await import("@opstatus/core/node"); console.log(typeof m.createTlsFetch)',
    ]);
    expect(imported.stderr).toBe("");
    expect(imported.stdout.trim()).toBe("function");
    const required = node(["-e", 'console.log(typeof require("@opstatus/core/node").createTlsFetch)']);
    expect(required.stderr).toBe("");
    expect(required.stdout.trim()).toBe("function");
  });

  it("keeps undici out of the main entry and of every file it loads", () => {
    const files = readdirSync(dist).filter((f) => /\.(c?js|d\.c?ts)$/.test(f) && !f.startsWith("node."));
    expect(files).toContain("index.js");
    const loadsUndici = /from\s*["']undici|(require|import)\(\s*["']undici/;
    for (const file of files) expect(readFileSync(new URL(file, dist), "utf8"), file).not.toMatch(loadsUndici);
    expect(readFileSync(new URL("node.js", dist), "utf8")).toMatch(loadsUndici);
  });
});
