import { defineConfig } from "vitest/config";

// The tests run the built dist/cli.js in real subprocesses (turbo builds it first).
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 90_000 } });
