// The files every provider package and spec package has, the same for all of them: `pnpm new-provider` writes them,
// and a test checks that the existing providers still match them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { jsonText } from "./files.mjs";
import { repoRoot } from "./workspace.mjs";

/** @typedef {import("./workspace.mjs").Provider} Provider */
/** @typedef {{ name: string, manifest: import("./manifest.mjs").Manifest }} Named */

/**
 * The package.json of a provider package.
 * @param {Named} p
 * @param {{ description?: string, keywords?: string[] }} [own] what each package says for itself
 */
export function providerPackageJson(p, own = {}) {
  return {
    name: p.manifest.package,
    version: "0.0.0",
    description: own.description ?? `Typed client and waiter for ${p.manifest.product}`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    engines: { node: ">=20" },
    keywords: own.keywords ?? ["openapi", "openapi-fetch", "waiter"],
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    exports: { ".": { import: "./dist/index.js", require: "./dist/index.cjs" }, "./package.json": "./package.json" },
    files: ["dist", "README.md", "LICENSE", "CHANGELOG.md"],
    publishConfig: { access: "public", provenance: true },
    scripts: { generate: "opstatus-codegen", build: "tsdown", typecheck: "tsc --noEmit", test: "vitest run" },
    dependencies: { "@opstatus/core": "workspace:^", "openapi-fetch": "catalog:" },
    devDependencies: {
      "@arethetypeswrong/core": "catalog:",
      [`@opstatus/spec-${p.name}`]: "workspace:*",
      "@opstatus/tools": "workspace:*",
      publint: "catalog:",
      tsdown: "catalog:",
      typescript: "catalog:",
      vitest: "catalog:",
    },
  };
}

/**
 * The package.json of a spec package (specs/<name>/): its lint, bundle and docs tasks for turbo.
 * @param {string} name
 */
export function specPackageJson(name) {
  return {
    name: `@opstatus/spec-${name}`,
    version: "0.0.0",
    private: true,
    description: `OpenAPI 3.1 description of the ${name} endpoint, transcribed from the vendor page`,
    license: "MIT",
    scripts: { "lint:spec": "opstatus-spec lint", bundle: "opstatus-spec bundle", docs: "opstatus-spec docs" },
    devDependencies: { "@opstatus/tools": "workspace:*" },
  };
}

/**
 * The configuration files of a provider package, identical for every provider.
 * @returns {Record<string, string>} file (relative to the package) -> content
 */
export function providerConfigFiles() {
  return {
    "tsconfig.json": jsonText({
      extends: "../../tsconfig.base.json",
      compilerOptions: { noEmit: true },
      include: ["src", "test"],
    }),
    "tsdown.config.ts": `import { defineConfig } from "tsdown";\nimport { packageConfig } from "../../tsdown.config.base.ts";\n\nexport default defineConfig(packageConfig());\n`,
    "vitest.config.ts": `import { defineConfig } from "vitest/config";\n\nexport default defineConfig({\n  test: { include: ["test/**/*.test.ts"], typecheck: { enabled: true, include: ["test/**/*.test.ts"] } },\n});\n`,
    LICENSE: readFileSync(join(repoRoot, "LICENSE"), "utf8"),
  };
}

/**
 * The hand-written starting points of a new provider: its entry point and its test on the shared suites.
 * @param {string} name
 * @returns {Record<string, string>}
 */
export function providerStarterFiles(name) {
  return {
    "src/index.ts": `// Everything is generated from the spec and its x-opstatus manifest (see src/generated/provider.ts).\nexport * from "./generated/provider.js";\n`,
    "test/provider.test.ts": `// The shared client and waiter suites, configured from the manifest and the spec's examples.\nimport { describeProviderFromManifest } from "@opstatus/tools/test-kit/manifest-suites";\nimport * as module from "../src/index.js";\n\ndescribeProviderFromManifest(${JSON.stringify(name)}, module);\n`,
  };
}
