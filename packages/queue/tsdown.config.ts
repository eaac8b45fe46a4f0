import { defineConfig } from "tsdown";
import { packageConfig } from "../../tsdown.config.base.ts";

// Node only (BullMQ, node:crypto); bullmq and ioredis are peers, never bundled
export default defineConfig({ ...packageConfig(), platform: "node" });
