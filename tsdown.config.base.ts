import type { UserConfig } from "tsdown";

/** Every published package builds the same way: ESM + CJS with declarations, checked by publint and attw. */
export function packageConfig(entry: Record<string, string> | string[] = ["src/index.ts"]): UserConfig {
  return {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    platform: "neutral",
    target: "es2022",
    sourcemap: false,
    publint: { strict: true },
    attw: { level: "error" },
  };
}
