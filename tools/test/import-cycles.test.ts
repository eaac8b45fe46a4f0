// No module of a package's src/ or of tools/src reaches itself through its imports, type-only imports included; and
// the check finds each kind of cycle in a small tree written here (so that it can fail).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedDirs, describeCycle, importCycles, sourceFiles } from "../src/import-cycles.mjs";
import { repoRoot } from "../src/workspace.mjs";

const checkCycles = join(repoRoot, "tools/bin/check-cycles.mjs");

it("packages/*/src and tools/src have no import cycle, type-only imports included", () => {
  const files = sourceFiles(checkedDirs(repoRoot));
  expect(files.length).toBeGreaterThan(40);
  expect(importCycles(files).map((cycle) => describeCycle(cycle, repoRoot))).toEqual([]);
}, 30_000);

describe("the check, on a tree with cycles", () => {
  let dir: string;
  const files: Record<string, string> = {
    // types only: `import type` one way, `export type ... from` the other, `.js` specifiers naming `.ts` files
    "types/a.ts": `import type { B } from "./b.js";\nexport interface A { b?: B }\n`,
    "types/b.ts": `export type { A } from "./a.js";\nexport interface B { n: number }\n`,
    // a dynamic import one way
    "lazy/c.ts": `export const load = () => import("./d.js");\n`,
    "lazy/d.ts": `import { load } from "./c.js";\nexport const again = load;\n`,
    // JSDoc types in JavaScript one way
    "jsdoc/e.mjs": `/** @typedef {import("./f/index.mjs").F} F */\nexport const e = 1;\n`,
    "jsdoc/f/index.mjs": `import { e } from "../e.mjs";\n/** @typedef {number} F */\nexport const f = e;\n`,
    // not cycles: a chain, a package import, a specifier that names no file
    "chain/g.ts": `import type { A } from "../types/a.js";\nimport ts from "typescript";\nexport type G = A;\nexport const v = ts.version;\n`,
    "chain/h.ts": `import type { G } from "./g.js";\nimport "./missing.js";\nexport type H = G;\n`,
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "opstatus-cycles-"));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds each cycle once, type-only and dynamic imports and JSDoc types included", () => {
    const cycles = importCycles(sourceFiles([dir])).map((cycle) => describeCycle(cycle, dir));
    expect(cycles).toEqual([
      "jsdoc/e.mjs -(type)-> jsdoc/f/index.mjs -> jsdoc/e.mjs",
      "lazy/c.ts -> lazy/d.ts -> lazy/c.ts",
      "types/a.ts -(type)-> types/b.ts -(type)-> types/a.ts",
    ]);
  });

  it("`pnpm check:cycles` fails on it, naming the cycle, and passes on a tree without one", () => {
    let failure: any;
    try {
      execFileSync(process.execPath, [checkCycles, dir], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      failure = error;
    }
    expect(failure?.status).toBe(1);
    expect(failure.stderr).toContain("import cycle: ");
    expect(failure.stderr).toContain("types/a.ts -(type)-> ");
    const out = execFileSync(process.execPath, [checkCycles, join(dir, "chain")], { encoding: "utf8" });
    expect(out).toContain("no import cycle among 2 files");
  }, 30_000);
});
