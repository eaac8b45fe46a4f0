// Turbo restores a task from its cache when the task's hash is unchanged: every file a task reads must be among its
// inputs. In a copy of the repository, editing each shared file must change the hash of every task that reads it (and
// not of a task that neither reads it nor depends on one that does), as `turbo run --dry=json` computes them.
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/workspace.mjs";

const turbo = join(repoRoot, "node_modules/.bin/turbo");

describe("turbo inputs", () => {
  let copy: string;
  let baseline: Map<string, string>;
  const hashes = () => {
    const out = execFileSync(turbo, ["run", "build", "test", "generate", "typecheck", "lint:spec", "--dry=json"], {
      cwd: copy,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return new Map<string, string>(
      JSON.parse(out).tasks.map((t: { taskId: string; hash: string }) => [t.taskId, t.hash]),
    );
  };
  /** The tasks whose hash changes when `file` is edited. */
  const changedBy = (file: string) => {
    const path = join(copy, file);
    const before = readFileSync(path, "utf8");
    appendFileSync(path, file.endsWith(".json") ? " " : "\n// edited\n");
    try {
      const after = hashes();
      return [...after].filter(([task, hash]) => baseline.get(task) !== hash).map(([task]) => task);
    } finally {
      writeFileSync(path, before);
    }
  };

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "opstatus-turbo-"));
    execFileSync(
      "sh",
      ["-c", `git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C ${JSON.stringify(copy)}`],
      { cwd: repoRoot },
    );
    baseline = hashes();
  }, 60_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const cases: [file: string, reads: string[], doesNotRead: string[]][] = [
    [
      "tools/test-kit/index.ts",
      ["@opstatus/vmware-vsphere#test", "@opstatus/oracle-primavera-admin#test", "opstatus#test"],
      ["@opstatus/core#build"],
    ],
    // the queue's tests start redis-server and their worker processes through the test kit
    ["tools/test-kit/redis.mjs", ["@opstatus/queue#test"], ["@opstatus/queue#build"]],
    ["tools/test-kit/processes.mjs", ["@opstatus/queue#test"], ["@opstatus/queue#build"]],
    [
      "tools/test-kit/login-suite.ts",
      ["@opstatus/ntt-enterprise-cloud#test"],
      ["@opstatus/ntt-enterprise-cloud#build"],
    ],
    [
      "tsdown.config.base.ts",
      ["@opstatus/core#build", "@opstatus/vmware-vsphere#build", "opstatus#build"],
      ["@opstatus/vmware-vsphere#generate", "@opstatus/spec-vmware-vsphere#lint:spec"],
    ],
    ["bench/size-budgets.json", ["@opstatus/bench#test"], ["@opstatus/core#build", "@opstatus/vmware-vsphere#test"]],
    ["bench/size-lib.mjs", ["@opstatus/bench#test"], ["@opstatus/core#test"]],
    ["tsconfig.base.json", ["@opstatus/core#build", "@opstatus/core#test", "@opstatus/vmware-vsphere#typecheck"], []],
    [
      "packages/vmware-vsphere/tsconfig.json",
      ["@opstatus/vmware-vsphere#build", "@opstatus/vmware-vsphere#test"],
      ["@opstatus/ntt-enterprise-cloud#build"],
    ],
    [
      "tools/src/codegen.mjs",
      ["@opstatus/vmware-vsphere#generate", "@opstatus/oracle-identity-governance#generate"],
      ["@opstatus/spec-vmware-vsphere#lint:spec"],
    ],
    // the import-cycle test reads every package's source
    ["packages/vmware-vsphere/src/index.ts", ["@opstatus/tools#test"], ["@opstatus/tools#typecheck"]],
    [
      "specs/vmware-vsphere/openapi.yaml",
      ["@opstatus/vmware-vsphere#generate", "@opstatus/vmware-vsphere#test"],
      ["@opstatus/ntt-enterprise-cloud#generate"],
    ],
  ];

  for (const [file, reads, doesNotRead] of cases)
    it(`editing ${file} changes the hash of the tasks that read it, and only theirs`, () => {
      const changed = changedBy(file);
      for (const task of reads) expect(changed, `${task} reads ${file}`).toContain(task);
      for (const task of doesNotRead) expect(changed, `${task} does not read ${file}`).not.toContain(task);
    });
});
