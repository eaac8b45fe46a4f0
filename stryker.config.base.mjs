// @ts-check
// Mutation testing (`pnpm mutate`, tools/bin/mutate.mjs): every package whose hand-written logic is mutated has a
// `stryker.config.mjs` that calls this with the files it mutates. Generated code (src/generated/) is never mutated.

/**
 * The Stryker options every package shares: vitest, two workers at most (the machines have two cores), per-file
 * scores in the terminal and as JSON under reports/mutation/ (ignored by git), and the incremental file under
 * .stryker/ (committed), so that a rerun only tests the mutants a change touched.
 * @param {string[]} mutate the package's hand-written source files (globs, relative to the package)
 * @param {object} [vitest] options for Stryker's vitest runner (e.g. another `configFile`)
 * @returns {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export function strykerConfig(mutate, vitest = {}) {
  return {
    packageManager: "pnpm",
    testRunner: "vitest",
    vitest: { configFile: "vitest.config.ts", ...vitest },
    plugins: ["@stryker-mutator/vitest-runner"],
    mutate: [...mutate, "!src/generated/**"],
    coverageAnalysis: "perTest",
    concurrency: 2,
    reporters: ["clear-text", "json", "progress"],
    clearTextReporter: { allowColor: false, allowEmojis: false, logTests: false, reportScoreTable: true },
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    incremental: true,
    incrementalFile: ".stryker/incremental.json",
    tempDirName: ".stryker-tmp",
    thresholds: { high: 90, low: 85, break: null },
    timeoutMS: 10_000,
  };
}
