// `@opstatus/core/internal` is outside semver, but it stays small: every name it exports is imported by something
// outside core (provider packages and their generated code, the CLI, the queue, the tools that generate code).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const SKIP = new Set(["node_modules", "dist", ".turbo", ".git", "core"]);

/** Every source file below `dir` (TypeScript and JavaScript), core's own left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(m|c)?(t|j)s$/.test(name) ? [path] : [];
  });
}

/** The names in `import { a, type B } from "<specifier>"` and `export { a } from "<specifier>"` statements. */
function importedNames(text: string, specifier: string): string[] {
  const pattern = new RegExp(`(?:import|export)\\s+(?:type\\s+)?\\{([^}]*)\\}\\s*from\\s*["']${specifier}["']`, "g");
  return [...text.matchAll(pattern)].flatMap((m) =>
    m[1]!
      .split(",")
      .map((part) =>
        part
          .replace(/^\s*type\s+/, "")
          .split(/\s+as\s+/)[0]!
          .trim(),
      )
      .filter((name) => /^\w+$/.test(name)),
  );
}

describe("@opstatus/core/internal", () => {
  const exported = importedNames(
    readFileSync(fileURLToPath(new URL("../src/internal.ts", import.meta.url)), "utf8"),
    "\\./[\\w-]+\\.js",
  );
  const used = new Set(
    ["packages", "tools", "bench", "examples", "release-check"].flatMap((dir) =>
      sources(join(root, dir)).flatMap((file) => importedNames(readFileSync(file, "utf8"), "@opstatus/core/internal")),
    ),
  );

  it("exports only names that something outside core imports", () => {
    expect(exported.length).toBeGreaterThan(5);
    expect(exported.filter((name) => !used.has(name))).toEqual([]);
  });

  it("has every name that is imported from it", () => {
    expect([...used].filter((name) => !exported.includes(name))).toEqual([]);
  });
});
