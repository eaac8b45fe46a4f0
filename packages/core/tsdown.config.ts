import { defineConfig } from "tsdown";
import { packageConfig } from "../../tsdown.config.base.ts";

// node: the Node-only subpath @opstatus/core/node (undici); the main entry stays free of it for browser bundles
export default defineConfig(packageConfig({ index: "src/index.ts", node: "src/node.ts" }));
