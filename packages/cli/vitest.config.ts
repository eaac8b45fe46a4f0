import { defineConfig } from "vitest/config";

// test/*.test.ts run the built dist/cli.js in real subprocesses (turbo builds it first), end to end; test/unit/ tests
// the source modules (what mutation testing mutates).
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 90_000 } });
