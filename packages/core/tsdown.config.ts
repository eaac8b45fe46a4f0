import { defineConfig } from "tsdown";
import { packageConfig } from "../../tsdown.config.base.ts";

// internal: building blocks for provider packages (outside semver); node: the Node-only subpath @opstatus/core/node
// (undici), so that the main entry stays free of it for browser bundles
export default defineConfig(packageConfig({ index: "src/index.ts", internal: "src/internal.ts", node: "src/node.ts" }));
