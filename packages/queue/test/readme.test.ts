// The README's worker and caller run as they are written: worker.mjs as a process, caller.mjs as another, against a
// real redis-server and the loopback vCenter; then SIGTERM ends the worker.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { spawnJsonLines } from "@opstatus/tools/test-kit/processes";
import { afterAll, describe, expect, it } from "vitest";
import { useQueueTest } from "./helpers.js";
import { PASSWORD, startVendor, USERNAME } from "@opstatus/tools/test-kit/wait-vendor";

const { redis, opened } = useQueueTest();
const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
// inside the package, so that `@opstatus/queue` and the provider resolve as they do for a user
const dir = fileURLToPath(new URL("../test-artifacts/readme/", import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's code block whose first line is `// <file>`. */
function block(file: string): string {
  const found = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.startsWith(`// ${file}\n`));
  if (!found) throw new Error(`README.md has no \`// ${file}\` block`);
  return found;
}

describe("the README's example", () => {
  it("runs: the caller's wait is polled by the worker process and ends, and SIGTERM closes the worker", async () => {
    const vendor = opened.add(await startVendor((_vm, n) => (n < 2 ? "RUNNING" : "SUCCEEDED")));
    mkdirSync(dir, { recursive: true });
    for (const file of ["worker.mjs", "caller.mjs"]) writeFileSync(join(dir, file), block(file));
    const env = {
      REDIS_HOST: redis.server().host,
      REDIS_PORT: String(redis.server().port),
      VCENTER_URL: vendor.url,
      VC_USER: USERNAME,
      VC_PASSWORD: PASSWORD,
    };
    const worker = opened.add(spawnJsonLines(join(dir, "worker.mjs"), env));
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, "caller.mjs")], {
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    expect(stdout).toBe("succeeded 2\n");
    expect(vendor.polls("vm-42")).toHaveLength(2);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    // close() logged the session out
    expect(vendor.requests.at(-1)).toMatchObject({ method: "DELETE", path: "/api/session" });
  }, 30_000);
});
