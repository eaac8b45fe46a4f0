// The release path for real, on a copy of the repository: `changeset version`, then the root `pnpm release`
// (`pnpm build && changeset publish`) into Verdaccio on loopback; then what a user does: `npm install` from that
// registry in a fresh project, `import` and `require`, and the umbrella's subpaths. Nothing goes to a public registry:
// Verdaccio has no uplinks, and the only third-party packages a consumer needs (openapi-fetch and its helper types)
// are published into it from this workspace's node_modules.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { startServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { startRedis } from "@opstatus/tools/test-kit/redis";
import { repoRoot } from "@opstatus/tools/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freshProject,
  installedTree,
  npmWithoutProvenance,
  publishInstalled,
  sh,
  startVerdaccio,
  type FreshProject,
  type Registry,
} from "../src/registry.js";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const VERSION = "0.1.0";
const SESSION_ID = "session-id-for-the-release-test";
const dependencyFields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

/** The turbo cache of the checkout under test (a worktree's lives beside the main worktree), read-only in the copy. */
function sourceTurboCache(): string | undefined {
  const candidates = [join(repoRoot, ".turbo/cache")];
  try {
    const common = execFileSync("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], {
      cwd: repoRoot,
      encoding: "utf8",
    }).trim();
    candidates.push(join(dirname(common), ".turbo/cache"));
  } catch {}
  return candidates.find((dir) => existsSync(dir));
}

describe("release through a real registry (Verdaccio on loopback)", () => {
  let work: string;
  let copy: string;
  let registry: Registry;
  let consumer: FreshProject;
  let api: LoopbackServer;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings[name] = Math.round(performance.now() - start);
    }
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "opstatus-registry-release-"));
    registry = await timed("start verdaccio", () => startVerdaccio(join(work, "registry")));
    api = await startServer((req, res) => {
      const ok =
        req.url === "/api/vcenter/vm/vm-1/guest/customization" && req.headers["vmware-api-session-id"] === SESSION_ID;
      res
        .writeHead(ok ? 200 : 404, { "content-type": "application/json" })
        .end(JSON.stringify(ok ? { status: "SUCCEEDED" } : { error_type: "NOT_FOUND", messages: [] }));
    });

    // the consumer's third-party dependencies, from this workspace's install (openapi-fetch and its dependency, and
    // undici, which @opstatus/cli depends on for --ca; it has no dependencies of its own)
    const openapiFetch = realpathSync(join(repoRoot, "packages/core/node_modules/openapi-fetch"));
    const helpers = realpathSync(join(dirname(openapiFetch), "openapi-typescript-helpers"));
    const undici = realpathSync(join(repoRoot, "packages/cli/node_modules/undici"));
    await timed("publish openapi-fetch + helpers + undici", () =>
      publishInstalled(registry, [openapiFetch, helpers, undici], join(work, "third-party")),
    );
    // @opstatus/queue's peers, bullmq and ioredis, and everything they depend on
    const queueModules = join(repoRoot, "packages/queue/node_modules");
    await timed("publish bullmq + ioredis and their dependencies", () =>
      publishInstalled(
        registry,
        [...new Set([...installedTree(join(queueModules, "bullmq")), ...installedTree(join(queueModules, "ioredis"))])],
        join(work, "third-party"),
      ),
    );

    // a copy of the repository as git sees it, installed from the local pnpm store
    copy = join(work, "repo");
    await timed("copy + pnpm install", async () => {
      execFileSync(
        "sh",
        ["-c", `mkdir -p "$1" && git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$1"`, "sh", copy],
        { cwd: repoRoot },
      );
      await sh("pnpm", ["install", "--offline", "--frozen-lockfile", "--ignore-scripts"], { cwd: copy });
    });
    await timed("changeset version", () => sh(join(copy, "node_modules/.bin/changeset"), ["version"], { cwd: copy }));

    // the root release script, pointed at Verdaccio by an .npmrc written now and npm_config_registry (which is
    // where changesets looks); provenance stays on in publishConfig, and is turned off on npm's command line
    writeFileSync(join(copy, ".npmrc"), registry.npmrc);
    const cache = sourceTurboCache();
    const releaseEnv = {
      ...registry.publishEnv,
      npm_config_npm_path: npmWithoutProvenance(work),
      ...(cache ? { TURBO_CACHE_DIR: cache, TURBO_CACHE: "local:r" } : {}),
    };
    await timed("pnpm release (build + changeset publish)", () =>
      sh("pnpm", ["release"], { cwd: copy, env: releaseEnv, timeout: 480_000 }),
    );

    consumer = freshProject(registry, join(work, "consumer"));
  }, 600_000);

  afterAll(async () => {
    await api?.close();
    await registry?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    console.log(`registry release test timings (ms): ${JSON.stringify(timings)}`);
  });

  it("published every package at 0.1.0 with README, publishConfig (public, provenance) and no workspace: range", async () => {
    // Every package of packages/* that is not private: the providers, core, the CLI, the queue and the umbrella.
    const publishable = readdirSync(join(repoRoot, "packages"))
      .map((dir) => join(repoRoot, "packages", dir, "package.json"))
      .filter((file) => existsSync(file))
      .map(readJson)
      .filter((pkg) => !pkg.private)
      .map((pkg) => String(pkg.name));
    expect(publishable).toContain("@opstatus/cli");
    expect(publishable).toContain("opstatus");
    expect(publishable).toContain("@opstatus/queue");
    // what the registry holds: each of them, and no other package of ours (besides the third-party ones)
    const held = await registry.packageNames();
    expect(held).toContain("openapi-fetch");
    const ours = held.filter((name) => name === "opstatus" || name.startsWith("@opstatus/"));
    expect(ours.sort()).toEqual(publishable.sort());
    for (const name of publishable) {
      const packument = await registry.packument(name);
      expect(Object.keys(packument.versions), name).toEqual([VERSION]);
      expect(packument["dist-tags"], name).toEqual({ latest: VERSION });
      const manifest = packument.versions[VERSION];
      expect(manifest.publishConfig, name).toEqual({ access: "public", provenance: true });
      expect(packument.readme, `${name} README`).toMatch(new RegExp(`^# ${name.replace("/", "\\/")}\\n`));
      for (const field of dependencyFields)
        for (const [dep, range] of Object.entries<string>(manifest[field] ?? {})) {
          expect(range, `${name} ${field}.${dep}`).not.toMatch(/^workspace:/);
          if (dep.startsWith("@opstatus/") && field === "dependencies")
            expect(range, `${name} -> ${dep}`).toBe(`^${VERSION}`);
        }
    }
  });

  it("npm view sees the release through the project's .npmrc", async () => {
    const view = JSON.parse((await consumer.run("npm", ["view", "@opstatus/vmware-vsphere", "--json"])).stdout);
    expect(view.version).toBe(VERSION);
    expect(view.dependencies).toMatchObject({ "@opstatus/core": `^${VERSION}` });
    expect(view.publishConfig).toEqual({ access: "public", provenance: true });
  });

  it("npm install @opstatus/vmware-vsphere installs that provider, core and openapi-fetch, nothing else", async () => {
    await timed("npm install @opstatus/vmware-vsphere", () =>
      consumer.run("npm", ["install", "@opstatus/vmware-vsphere", "--loglevel=error"]),
    );
    const tree = JSON.parse((await consumer.run("npm", ["ls", "--all", "--json"])).stdout);
    const installed = new Map<string, string>();
    const walk = (deps: Record<string, any> = {}) => {
      for (const [name, node] of Object.entries(deps)) {
        // an optional peer that is not installed (core's undici, for @opstatus/core/node) is listed without a version
        if (!node.version) continue;
        installed.set(name, node.version);
        walk(node.dependencies);
      }
    };
    walk(tree.dependencies);
    console.log(`installed: ${[...installed].map(([name, version]) => `${name}@${version}`).join(", ")}`);
    expect([...installed.keys()].filter((name) => name.startsWith("@opstatus/")).sort()).toEqual([
      "@opstatus/core",
      "@opstatus/vmware-vsphere",
    ]);
    expect([...installed.keys()].sort()).toEqual([
      "@opstatus/core",
      "@opstatus/vmware-vsphere",
      "openapi-fetch",
      "openapi-typescript-helpers",
    ]);
    expect(installed.get("@opstatus/vmware-vsphere")).toBe(VERSION);
    // every tarball came from Verdaccio
    const lock = readJson(join(consumer.dir, "package-lock.json"));
    for (const [path, entry] of Object.entries<any>(lock.packages))
      if (path) expect(entry.resolved, path).toMatch(new RegExp(`^${registry.url}`));
  });

  it("the installed provider works with import and with require", async () => {
    const call = (load: string) =>
      [
        load,
        `const client = createVsphereClient({ baseUrl: process.env.OPSTATUS_TEST_URL, auth: { apiKey: "${SESSION_ID}" } });`,
        'client.getCustomization("vm-1").then((info) => console.log(JSON.stringify(info)));',
      ].join("\n");
    consumer.write("vsphere.mjs", call('import { createVsphereClient } from "@opstatus/vmware-vsphere";'));
    consumer.write("vsphere.cjs", call('const { createVsphereClient } = require("@opstatus/vmware-vsphere");'));
    for (const script of ["vsphere.mjs", "vsphere.cjs"]) {
      const { stdout } = await consumer.run(process.execPath, [script], { OPSTATUS_TEST_URL: api.url });
      expect(JSON.parse(stdout), script).toEqual({ status: "SUCCEEDED" });
    }
  });

  it("npm install opstatus works through opstatus/<provider>", async () => {
    await timed("npm install opstatus", () => consumer.run("npm", ["install", "opstatus", "--loglevel=error"]));
    consumer.write(
      "umbrella.mjs",
      [
        'import { createVsphereClient } from "opstatus/vmware-vsphere";',
        'import { createPrimaveraClient } from "opstatus/oracle-primavera-admin";',
        `const info = await createVsphereClient({ baseUrl: process.env.OPSTATUS_TEST_URL, auth: { apiKey: "${SESSION_ID}" } }).getCustomization("vm-1");`,
        "console.log(JSON.stringify({ info, primavera: typeof createPrimaveraClient }));",
      ].join("\n"),
    );
    const { stdout } = await consumer.run(process.execPath, ["umbrella.mjs"], { OPSTATUS_TEST_URL: api.url });
    expect(JSON.parse(stdout)).toEqual({ info: { status: "SUCCEEDED" }, primavera: "function" });
  });

  it("npm install @opstatus/queue @opstatus/vmware-vsphere brings bullmq and ioredis as peers; a wait runs through Redis with import and require", async () => {
    const project = freshProject(registry, join(work, "queue-consumer"));
    await timed("npm install @opstatus/queue @opstatus/vmware-vsphere", () =>
      project.run("npm", ["install", "@opstatus/queue", "@opstatus/vmware-vsphere", "--loglevel=error"]),
    );
    const manifest = readJson(join(project.dir, "node_modules/@opstatus/queue/package.json"));
    expect(manifest.dependencies).toEqual({ "@opstatus/core": `^${VERSION}` });
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["bullmq", "ioredis"]);
    // the peers are installed beside the app, once: what its workers and a dashboard share
    for (const peer of ["bullmq", "ioredis"])
      expect(readJson(join(project.dir, "node_modules", peer, "package.json")).name).toBe(peer);
    const ours = readdirSync(join(project.dir, "node_modules/@opstatus")).sort();
    expect(ours).toEqual(["core", "queue", "vmware-vsphere"]);

    const redis = await startRedis({ appendonly: false });
    try {
      const script = (load: string) =>
        [
          load,
          "const connection = { host: '127.0.0.1', port: Number(process.env.REDIS_PORT) };",
          "const queueName = process.env.QUEUE_NAME;",
          `const profiles = { vc: { provider: "vmware-vsphere", baseUrl: process.env.OPSTATUS_TEST_URL, auth: { apiKey: "${SESSION_ID}" } } };`,
          "const worker = createWaitWorker({ connection, queueName, providers: [vsphere], profiles });",
          "const queue = createWaitQueue({ connection, queueName });",
          "const run = async () => {",
          '  const { id } = await queue.add({ profile: "vc", target: "vm-1" });',
          "  const { state, attempts } = await queue.result(id);",
          "  console.log(JSON.stringify({ state, attempts }));",
          "  await worker.close();",
          "  await queue.close();",
          "};",
          "run();",
        ].join("\n");
      project.write(
        "queue.mjs",
        script(
          'import { createWaitQueue, createWaitWorker } from "@opstatus/queue";\nimport * as vsphere from "@opstatus/vmware-vsphere";',
        ),
      );
      project.write(
        "queue.cjs",
        script(
          'const { createWaitQueue, createWaitWorker } = require("@opstatus/queue");\nconst vsphere = require("@opstatus/vmware-vsphere");',
        ),
      );
      for (const file of ["queue.mjs", "queue.cjs"]) {
        const { stdout } = await project.run(process.execPath, [file], {
          REDIS_PORT: String(redis.port),
          QUEUE_NAME: file.replace(".", "-"),
          OPSTATUS_TEST_URL: api.url,
        });
        expect(JSON.parse(stdout), file).toEqual({ state: "succeeded", attempts: 1 });
      }
    } finally {
      await redis.stop();
    }
  });

  it("npx @opstatus/cli runs the command from the registry", async () => {
    const { stdout } = await timed("npx @opstatus/cli --help", () =>
      consumer.run("npx", ["--yes", "@opstatus/cli", "--help"]),
    );
    expect(stdout).toMatch(/^opstatus: get the status of an asynchronous operation/);
    const version = await consumer.run("npx", ["--yes", "@opstatus/cli", "--version"]);
    expect(version.stdout.trim()).toBe(VERSION);
  });

  it("npm install -g @opstatus/cli puts an `opstatus` on the PATH that reads a status", async () => {
    const prefix = join(work, "global");
    // a global install reads no project .npmrc: the registry goes on the command line
    await timed("npm install -g @opstatus/cli", () =>
      consumer.run("npm", [
        "install",
        "-g",
        "--prefix",
        prefix,
        "--registry",
        registry.url,
        "@opstatus/cli",
        "--loglevel=error",
      ]),
    );
    const { stdout } = await consumer.run(
      join(prefix, "bin/opstatus"),
      ["get", "vmware-vsphere", "vm-1", "--base-url", api.url, "--output", "json"],
      { OPSTATUS_TOKEN: SESSION_ID },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      exitCode: 0,
      state: "succeeded",
      vendorStatus: "SUCCEEDED",
      body: { status: "SUCCEEDED" },
    });
  });

  it("npm turns provenance off only from its command line: NPM_CONFIG_PROVENANCE=false loses to publishConfig", async () => {
    const probe = join(work, "provenance-probe");
    mkdirSync(probe, { recursive: true });
    writeFileSync(
      join(probe, "package.json"),
      JSON.stringify({ name: "@opstatus-probe/provenance", version: "1.0.0", publishConfig: { provenance: true } }),
    );
    writeFileSync(join(probe, ".npmrc"), registry.npmrc);
    const env = { ...registry.publishEnv, NPM_CONFIG_PROVENANCE: "false", GITHUB_ACTIONS: "", CI: "" };
    await expect(sh("npm", ["publish", "--loglevel=error"], { cwd: probe, env })).rejects.toThrow(/provenance/i);
    await sh("npm", ["publish", "--loglevel=error", "--provenance=false"], { cwd: probe, env });
  });
});
