// Every provider package and spec package has the same files with the same roles: the ones `pnpm new-provider`
// writes. A provider that drifts from them (a script, a dependency, a config) fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { providerConfigFiles, providerPackageJson, specPackageJson } from "../src/scaffold.mjs";
import { providers } from "../src/workspace.mjs";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe.each(providers())("$name", (p) => {
  it("has the provider package.json (but for its description and keywords)", () => {
    const pkg = readJson(join(p.packageDir, "package.json"));
    expect(pkg).toEqual(providerPackageJson(p, { description: pkg.description, keywords: pkg.keywords }));
  });

  it("has the provider configuration files", () => {
    for (const [file, text] of Object.entries(providerConfigFiles()))
      expect(readFileSync(join(p.packageDir, file), "utf8"), file).toBe(text);
  });

  it("has the spec package.json", () => {
    expect(readJson(join(p.specDir, "package.json"))).toEqual(specPackageJson(p.name));
  });
});
