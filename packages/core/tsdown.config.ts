import { defineConfig } from "tsdown";
import { packageConfig } from "../../tsdown.config.base.ts";

// internal: building blocks for provider packages (outside semver); session: the credential engine, which clients
// load only when given log-in fields; node: the Node-only subpath @opstatus/core/node (undici), so that the main entry
// stays free of it for browser bundles
export default defineConfig(
  packageConfig({ index: "src/index.ts", internal: "src/internal.ts", session: "src/session.ts", node: "src/node.ts" }),
);
