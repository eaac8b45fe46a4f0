import { defineConfig } from "vitest/config";

// The unit tests alone (test/unit/: the source modules), for mutation testing: the subprocess tests run the built bin,
// which Stryker's mutants never reach.
export default defineConfig({ test: { include: ["test/unit/**/*.test.ts"] } });
