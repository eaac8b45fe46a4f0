// Packs every publishable package, installs the tarballs with plain npm in a project outside the workspace,
// type-checks a consumer under NodeNext and Bundler resolution, and runs it with import and with require.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, "../..");
const tsc = join(packagesDir, "opstatus/node_modules/typescript/bin/tsc");
const published = readdirSync(packagesDir).filter((name) => {
  const pkg = JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8"));
  return !pkg.private;
});

const expected = {
  status: "COMPLETED",
  ccWait: "succeeded",
  operations: 1,
  eclWait: "Complete",
  oigWait: "Request Completed",
  customization: "SUCCEEDED",
  typedError: "VsphereApiError 404",
  job: "jdoe",
};

function answer(url: string): [number, unknown] {
  if (url.includes("/requests/r1/status")) return [200, { id: "r1", status: "COMPLETED" }];
  if (url.startsWith("/v1.0/operations")) return [200, { operations: [{ id: "op-1", status: "Complete" }] }];
  if (url.includes("/selfservice/api/v1/requests/2029")) return [200, { id: "2029", reqStatus: "Request Completed" }];
  if (url.includes("/vm/vm-1/guest/customization")) return [200, { status: "SUCCEEDED" }];
  if (url.includes("/user/status/12345")) return [200, { added: [{ loginId: "jdoe", lastAction: "Created" }] }];
  return [404, { messages: [], error_type: "NOT_FOUND" }];
}

describe("packed packages in a fresh npm project", () => {
  let project: string;
  let server: LoopbackServer;
  const run = (command: string, args: string[], cwd = project) => {
    try {
      return execFileSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, OPSTATUS_TEST_URL: server.url }, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error: any) {
      throw new Error(`${command} ${args.join(" ")} failed:\n${error.stdout}\n${error.stderr}`);
    }
  };

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const [status, body] = answer(req.url ?? "");
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    project = mkdtempSync(join(tmpdir(), "opstatus-consumer-"));
    const tarballs = published.map((name) => {
      const out = run("pnpm", ["pack", "--pack-destination", project], join(packagesDir, name)).trim().split("\n").at(-1)!;
      return out.startsWith("/") ? out : join(project, out);
    });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "@types/node@20", ...tarballs]);
    copyFileSync(join(here, "consumer/consumer.mts"), join(project, "consumer.mts"));
    copyFileSync(join(here, "consumer/consumer.mts"), join(project, "consumer-bundler.ts"));
    writeFileSync(join(project, "consumer.cts"), readFileSync(join(here, "consumer/consumer.mts"), "utf8"));
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it("packs only the build, README, LICENSE and package.json", () => {
    const listing = run("tar", ["-tzf", readdirSync(project).find((f) => f.startsWith("opstatus-vmware-vsphere"))!]);
    const files = listing.trim().split("\n").map((f) => f.replace(/^package\//, ""));
    expect(files.sort()).toEqual(["LICENSE", "README.md", "dist/index.cjs", "dist/index.d.cts", "dist/index.d.ts", "dist/index.js", "package.json"]);
  });

  it("type-checks under strict NodeNext resolution (ESM and CJS consumers)", () => {
    const common = ["--noEmit", "--strict", "--skipLibCheck", "false", "--types", "node", "--target", "es2022"];
    run(process.execPath, [tsc, ...common, "--module", "nodenext", "--moduleResolution", "nodenext", "consumer.mts", "consumer.cts"]);
  });

  it("type-checks under strict Bundler resolution", () => {
    run(process.execPath, [tsc, "--noEmit", "--strict", "--types", "node", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "consumer-bundler.ts"]);
  });

  it("runs with import and with require against a loopback server", async () => {
    run(process.execPath, [tsc, "--strict", "--types", "node", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "consumer.mts", "consumer.cts"]);
    // the server lives in this process: run the consumers without blocking its event loop
    const node = (file: string) =>
      promisify(execFile)(process.execPath, [file], { cwd: project, env: { ...process.env, OPSTATUS_TEST_URL: server.url }, timeout: 30_000 });
    expect(JSON.parse((await node("consumer.mjs")).stdout)).toEqual(expected);
    const cjs = readFileSync(join(project, "consumer.cjs"), "utf8");
    expect(cjs).toContain('require("@opstatus/vmware-customer-connect")');
    expect(JSON.parse((await node("consumer.cjs")).stdout)).toEqual(expected);
  });
});
