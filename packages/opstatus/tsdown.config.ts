import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";
import { packageConfig } from "../../tsdown.config.base.ts";

// One entry per subpath of package.json `exports` (generated from the provider manifests by `pnpm generate`).
const { exports } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  exports: Record<string, unknown>;
};
const providers = Object.keys(exports).flatMap((subpath) =>
  subpath === "." || subpath === "./package.json" ? [] : [subpath.slice(2)],
);

export default defineConfig(
  packageConfig({
    index: "src/index.ts",
    ...Object.fromEntries(providers.map((name) => [name, `src/generated/${name}.ts`])),
  }),
);
