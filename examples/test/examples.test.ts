// Runs every example against its provider's Prism mock, as the README tells a newcomer to.
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startMock } from "@opstatus/tools/mock";
import { providers } from "@opstatus/tools/workspace";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

describe.each(providers().map((p) => p.name))("examples/%s.mjs", (name) => {
  it("reads the status from the mock and waits for the scripted operation", async () => {
    const mock = await startMock(name);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [join(here, "..", `${name}.mjs`)], {
        env: { ...process.env, OPSTATUS_BASE_URL: mock.url },
        timeout: 30_000,
      });
      expect(stdout).toContain(`from ${mock.url}`);
      expect(stdout).toMatch(/done: succeeded/);
      expect(mock.output).toContain("Request received");
      expect(mock.output).not.toContain("did not pass the validation rules");
    } finally {
      await mock.close();
    }
  }, 60_000);
});
