import { defineConfig } from "vitest/config";

// One file at a time: each starts its own redis-server and worker processes, and their timings (lock expiry, stall
// checks) must not compete for the machine's two cores with another file's.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], fileParallelism: false } });
