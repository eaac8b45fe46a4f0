import { defineConfig } from "vitest/config";

// The registry test builds and publishes a copy of the repository in its beforeAll: minutes, not seconds, of budget.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 600_000 } });
