// Packs every publishable package, installs the tarballs with plain npm in a project outside the workspace,
// type-checks a consumer under NodeNext and Bundler resolution, and runs it with import and with require.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CANONICAL_STATES } from "@opstatus/tools/manifest";
import { holdsBody, startServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { installPacked, publishedPackages } from "@opstatus/tools/test-kit/pack";
import { providers } from "@opstatus/tools/workspace";
import { consumer, routes } from "./consumer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, "../..");
const tscBin = join(packagesDir, "opstatus/node_modules/typescript/bin/tsc");

const generated = consumer(providers());
const answers = routes(providers());

describe("packed packages in a fresh npm project", () => {
  let project: string;
  let server: LoopbackServer;
  const run = (command: string, args: string[], cwd = project) => {
    try {
      return execFileSync(command, args, {
        cwd,
        encoding: "utf8",
        env: { ...process.env, OPSTATUS_TEST_URL: server.url },
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error: any) {
      throw new Error(`${command} ${args.join(" ")} failed:\n${error.stdout}\n${error.stderr}`);
    }
  };
  /** tsc, strict, with Node's types, for ES2022 under this module system and resolution; then `args` and the files. */
  const tsc = (module: string, resolution: string, ...args: string[]) =>
    run(process.execPath, [
      tscBin,
      ...["--strict", "--types", "node", "--target", "es2022", "--module", module, "--moduleResolution", resolution],
      ...args,
    ]);

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const route = answers.find((r) => r.pattern.test(req.url ?? ""));
      const [status, body] = route ? [route.status, route.body] : [404, { messages: [], error_type: "NOT_FOUND" }];
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    project = installPacked({
      packages: publishedPackages(),
      dependencies: ["@types/node@20"],
      name: "opstatus-consumer",
    });
    for (const file of ["consumer.mts", "consumer-bundler.ts", "consumer.cts"])
      writeFileSync(join(project, file), generated.source);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it("packs only the build (with its chunks), README, LICENSE and package.json", () => {
    const listing = run("tar", ["-tzf", readdirSync(project).find((f) => f.startsWith("opstatus-vmware-vsphere"))!]);
    const files = listing
      .trim()
      .split("\n")
      .map((f) => f.replace(/^package\//, ""));
    const entry = [
      "LICENSE",
      "README.md",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/index.js",
      "package.json",
    ];
    // besides the entry: only code-split chunks of the build (the lazily loaded log-in, the CJS interop helper)
    expect(
      files.filter((f) => !entry.includes(f)).every((f) => /^dist\/[\w-]+-[\w-]{8}\.c?js$/.test(f)),
      files.join(" "),
    ).toBe(true);
    expect(files).toEqual(expect.arrayContaining(entry));
    expect(files.some((f) => f.startsWith("dist/login-"))).toBe(true);
  });

  it("type-checks under strict NodeNext resolution (ESM and CJS consumers)", () => {
    tsc("nodenext", "nodenext", "--noEmit", "--skipLibCheck", "false", "consumer.mts", "consumer.cts");
  });

  it("type-checks under strict Bundler resolution", () => {
    tsc("esnext", "bundler", "--noEmit", "consumer-bundler.ts");
  });

  it("runs with import and with require against a loopback server", async () => {
    tsc("nodenext", "nodenext", "consumer.mts", "consumer.cts");
    // the server lives in this process: run the consumers without blocking its event loop
    const node = (file: string) =>
      promisify(execFile)(process.execPath, [file], {
        cwd: project,
        env: { ...process.env, OPSTATUS_TEST_URL: server.url },
        timeout: 30_000,
      });
    for (const file of ["consumer.mjs", "consumer.cjs"]) {
      const out = JSON.parse((await node(file)).stdout);
      for (const [key, body] of Object.entries(generated.calls))
        expect(holdsBody(out[key], body), `${file}: ${key}`).toBe(true);
      for (const [key, outcome] of Object.entries(generated.waits)) {
        if (outcome) expect(out[key], `${file}: ${key}`).toBe(outcome);
        else
          expect(
            [...CANONICAL_STATES, "OpstatusTimeoutError", "OpstatusOperationFailedError", "OpstatusUnknownStatusError"],
            `${file}: ${key}`,
          ).toContain(out[key]);
      }
      expect(out.typedError, file).toBe(generated.typedError);
    }
    expect(readFileSync(join(project, "consumer.cjs"), "utf8")).toMatch(/require\("@opstatus\//);
  });
});
