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
  const p = providers().find((x) => x.name === name)!;
  const login = p.manifest.auth.login;
  const route = (operationId: string) => {
    const { method, path } = p.operation(operationId);
    return `${method} ${path}`;
  };
  it(`${login ? `logs in (${login.operation})${login.logout ? ` and out (${login.logout.operation})` : ""} against the mock, reads the status` : "reads the status from the mock"}, and waits for the scripted operation`, async () => {
    const mock = await startMock(name);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [join(here, "..", `${name}.mjs`)], {
        env: { ...process.env, OPSTATUS_BASE_URL: mock.url },
        timeout: 30_000,
      });
      expect(stdout).toContain(`from ${mock.url}`);
      expect(stdout).toMatch(/done: succeeded/);
      expect(mock.output).toContain("Request received");
      // Prism logs every request it received as "<method> <path>"
      for (const operationId of login ? [login.operation, ...(login.logout ? [login.logout.operation] : [])] : [])
        expect(mock.output.toLowerCase()).toContain(route(operationId).toLowerCase());
      expect(mock.output).not.toContain("did not pass the validation rules");
    } finally {
      await mock.close();
    }
  }, 60_000);
});
