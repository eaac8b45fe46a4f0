// `pnpm new-provider <name>` end to end, on a copy of the repository: a sixth provider (the fixture under
// fixtures/acme-jobs, a plain GET /jobs/{jobId} with a status enum and bearer auth, not a real vendor) is added with
// one spec and one command, then built, tested, packed, imported through `opstatus/acme-jobs`, and found in the docs.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedServer, type LoopbackServer } from "../test-kit/server.mjs";
import { repoRoot } from "../src/workspace.mjs";

const name = "acme-jobs";

describe("pnpm new-provider", () => {
  let copy: string;
  let output = "";
  const run = (command: string, args: string[], cwd = copy, env: Record<string, string> = {}) => {
    try {
      return execFileSync(command, args, {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, ...env },
      });
    } catch (error: any) {
      throw new Error(`${command} ${args.join(" ")} failed:\n${error.stdout}\n${error.stderr}`);
    }
  };

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "opstatus-new-provider-"));
    execFileSync(
      "sh",
      ["-c", `git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C ${JSON.stringify(copy)}`],
      { cwd: repoRoot },
    );
    cpSync(join(repoRoot, "tools/test/fixtures", name), join(copy, "specs", name), { recursive: true });
    run("pnpm", ["install", "--offline", "--frozen-lockfile"]);
    output = run("pnpm", ["new-provider", name]);
    // what the other packages built already comes from the checkout's turbo cache, read-only
    const cache = { TURBO_CACHE_DIR: join(repoRoot, ".turbo/cache"), TURBO_CACHE: "local:r" };
    run(
      "pnpm",
      ["exec", "turbo", "run", "build", "docs", "--output-logs=errors-only"],
      copy,
      existsSync(cache.TURBO_CACHE_DIR) ? cache : {},
    );
  }, 600_000);

  // a copy of the repository with its node_modules: removing it takes a while on a loaded machine
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it("creates the package, its spec package and a changeset, and says what to fill in by hand", () => {
    for (const file of [
      "package.json",
      "tsconfig.json",
      "tsdown.config.ts",
      "vitest.config.ts",
      "LICENSE",
      "README.md",
      "src/index.ts",
      "test/provider.test.ts",
    ])
      expect(existsSync(join(copy, "packages", name, file)), file).toBe(true);
    expect(existsSync(join(copy, "specs", name, "package.json"))).toBe(true);
    expect(readFileSync(join(copy, ".changeset", `add-${name}.md`), "utf8")).toContain(`"@opstatus/${name}": minor`);
    expect(output).toContain("Fill in by hand");
    const readme = readFileSync(join(copy, "packages", name, "README.md"), "utf8");
    expect(readme).toContain("createAcmeJobsClient");
    expect(readme).toContain("waitForJob");
  });

  it("registers it wherever the manifests drive: lint config, umbrella, workspace packages, README table", () => {
    expect(readFileSync(join(copy, "redocly.yaml"), "utf8")).toContain(`root: specs/${name}/openapi.yaml`);
    const umbrella = JSON.parse(readFileSync(join(copy, "packages/opstatus/package.json"), "utf8"));
    expect(umbrella.exports[`./${name}`]).toBeDefined();
    expect(umbrella.dependencies[`@opstatus/${name}`]).toBe("workspace:^");
    expect(
      JSON.parse(readFileSync(join(copy, "docs/package.json"), "utf8")).devDependencies[`@opstatus/spec-${name}`],
    ).toBeDefined();
    expect(readFileSync(join(copy, "README.md"), "utf8")).toContain(`[\`@opstatus/${name}\`](packages/${name})`);
  });

  it("is covered by `pnpm generate:check`", () => {
    // new-provider ran `codegen --all` itself, so this first check can only catch nondeterminism, or a later step
    // (pnpm install, each package's `generate` in the turbo build) writing the generated files differently
    run("node", ["tools/bin/codegen.mjs", "--check"]);
    // what makes it meaningful: an edit of the new spec makes its generated files stale
    const spec = join(copy, "specs", name, "openapi.yaml");
    const text = readFileSync(spec, "utf8");
    writeFileSync(spec, text.replace("summary: Get a job", "summary: Get one job"));
    try {
      expect(() => run("node", ["tools/bin/codegen.mjs", "--check"])).toThrow(
        new RegExp(`stale: packages/${name}/src/generated/provider\\.ts[^]*stale: packages/${name}/README\\.md`),
      );
    } finally {
      writeFileSync(spec, text);
    }
    // two runs of the code generator over six specs: seconds each on a loaded machine
  }, 60_000);

  it("passes its tests on the shared suites", () => {
    const out = stripVTControlCharacters(
      run("pnpm", ["--filter", `@opstatus/${name}`, "test"], copy, { NO_COLOR: "1", FORCE_COLOR: "0" }),
    );
    expect(out).toMatch(/Tests\s+\d+ passed/);
    expect(out).not.toMatch(/failed/);
  }, 300_000);

  it("has a docs page, listed on the docs site's index", () => {
    const page = join(copy, "docs/site", name, "index.html");
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, "utf8")).toContain("Acme Jobs API");
    expect(readFileSync(join(copy, "docs/site/index.html"), "utf8")).toContain(`href="${name}/index.html"`);
  });

  describe("packed and installed with npm", () => {
    let project: string;
    let server: LoopbackServer;
    beforeAll(async () => {
      server = await scriptedServer([
        { status: 200, body: { id: "job-1", status: "running" } },
        { status: 200, body: { id: "job-1", status: "done" } },
      ]);
      project = mkdtempSync(join(tmpdir(), "opstatus-new-provider-consumer-"));
      const tarballs = [
        "core",
        name,
        "opstatus",
        ...readdirSync(join(copy, "packages")).filter((p) => !["core", name, "opstatus", "cli"].includes(p)),
      ].map(
        (dir) =>
          run("pnpm", ["pack", "--pack-destination", project], join(copy, "packages", dir))
            .trim()
            .split("\n")
            .at(-1)!,
      );
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
      run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], project);
    }, 300_000);
    afterAll(async () => {
      await server?.close();
      if (project) rmSync(project, { recursive: true, force: true });
    }, 60_000);

    it("imports it through opstatus/acme-jobs and waits for a job", async () => {
      writeFileSync(
        join(project, "wait.mjs"),
        `import { createAcmeJobsClient, waitForJob } from "opstatus/${name}";
const client = createAcmeJobsClient({ baseUrl: process.env.URL, auth: { bearer: "token" } });
const done = await waitForJob(client, "job-1", { minDelay: 5, maxDelay: 10, timeout: 5000 });
console.log(JSON.stringify({ state: done.state, vendorStatus: done.vendorStatus, attempts: done.attempts }));`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ["wait.mjs"], {
        cwd: project,
        env: { ...process.env, URL: server.url },
      });
      expect(JSON.parse(stdout)).toEqual({ state: "succeeded", vendorStatus: "done", attempts: 2 });
      expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
        ["/jobs/job-1", "Bearer token"],
        ["/jobs/job-1", "Bearer token"],
      ]);
    });
  });
});
