import { defineConfig } from "vitest/config";

// The unit tests alone (test/unit/: the pure modules, no Redis), for mutation testing: the other tests start a
// redis-server and worker processes, far too slow to run once per mutant.
export default defineConfig({ test: { include: ["test/unit/**/*.test.ts"] } });
