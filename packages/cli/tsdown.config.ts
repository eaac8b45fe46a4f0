import { defineConfig } from "tsdown";

// A bin, not a library: one ESM file for Node, no declarations. The provider packages, core and undici stay external
// (they are dependencies, loaded with `import()` only when a command needs them); the generated provider data and
// the version are bundled in. tsdown keeps the shebang and makes dist/cli.js executable.
export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  clean: true,
  sourcemap: false,
  publint: { strict: true },
});
