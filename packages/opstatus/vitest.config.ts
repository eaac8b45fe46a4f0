import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // the type tests of every provider's step run as type checks (tsc)
    typecheck: { enabled: true, include: ["test/step-types.test.ts"] },
  },
});
