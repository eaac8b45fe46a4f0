import { defineConfig } from "vitest/config";

// Only the budget checks run as tests (in CI); the benchmarks themselves run on demand.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 } });
