import { defineConfig } from "tsdown";
import { packageConfig } from "../../tsdown.config.base.ts";

export default defineConfig(packageConfig({ index: "src/index.ts", internal: "src/internal.ts" }));
