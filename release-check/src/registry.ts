// A throwaway npm registry for tests: Verdaccio on 127.0.0.1 with its storage in a temp folder, no uplinks (nothing
// is ever fetched from or sent to a public registry), a user created at run time, and helpers to run the npm/pnpm
// clients against it. Every address and token here exists only while a test runs.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { freePort } from "@opstatus/tools/mock";

const require = createRequire(import.meta.url);

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (tests keep loopback servers in this process). */
export function sh(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeout ?? 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${command} ${args.join(" ")} (in ${options.cwd}) failed: ${error.message}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`,
            ),
          );
        else resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * This process's environment without the npm_* variables that a parent `pnpm run` or `npm run` sets (pnpm exports
 * npm_config_registry, which would beat any project .npmrc): npm then behaves as in a user's shell.
 */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

export interface Registry {
  /** e.g. http://127.0.0.1:41234/ (with the trailing slash npm writes) */
  url: string;
  token: string;
  /** Lines for an .npmrc that points at this registry, with the token. */
  npmrc: string;
  /** Environment for npm: an npm cache of its own, no notifier; the registry itself comes from an .npmrc. */
  env: NodeJS.ProcessEnv;
  /** `env` plus npm_config_registry: for publishing (changesets reads the registry from this variable only). */
  publishEnv: NodeJS.ProcessEnv;
  /** The registry's own record of a package (all versions, dist-tags, readme). */
  packument(name: string): Promise<any>;
  /** The name of every package the registry holds (Verdaccio's web API lists its storage's database). */
  packageNames(): Promise<string[]>;
  close(): Promise<void>;
}

/** Starts Verdaccio on a free loopback port with storage under `dir`, and creates a user for this run. */
export async function startVerdaccio(dir: string): Promise<Registry> {
  mkdirSync(join(dir, "storage"), { recursive: true });
  const config = join(dir, "config.yaml");
  // No `uplinks:` at all: a package that is not published here does not exist.
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "packages:",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "    unpublish: $authenticated",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const bin = join(dirname(require.resolve("verdaccio/package.json")), "bin/verdaccio");
  const child: ChildProcess = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });

  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${url}-/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`verdaccio did not answer on ${url} within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const name = `release-test-${randomBytes(4).toString("hex")}`;
    const password = randomBytes(18).toString("base64url");
    const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, password, type: "user", roles: [], date: new Date().toISOString() }),
    });
    const created = (await response.json()) as { token?: string };
    if (!response.ok || !created.token)
      throw new Error(`could not create a verdaccio user: ${response.status} ${JSON.stringify(created)}`);
    const hostPath = url.replace(/^http:/, "");
    const npmrc = `registry=${url}\n${hostPath}:_authToken=${created.token}\n`;
    mkdirSync(join(dir, "npm-cache"), { recursive: true });
    const env = {
      ...userEnv(),
      npm_config_cache: join(dir, "npm-cache"),
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
      npm_config_audit: "false",
      // package-lock.json keeps each tarball's URL, so that a test can see where every package came from
      npm_config_omit_lockfile_registry_resolved: "false",
    };
    return {
      url,
      token: created.token,
      npmrc,
      env,
      publishEnv: { ...env, npm_config_registry: url },
      packument: async (pkg) => {
        const r = await fetch(`${url}${pkg.replace("/", "%2f")}`);
        if (!r.ok) throw new Error(`GET ${pkg} from the registry: ${r.status}`);
        return r.json();
      },
      packageNames: async () => {
        const r = await fetch(`${url}-/verdaccio/data/packages`);
        if (!r.ok) throw new Error(`GET the package list from the registry: ${r.status}`);
        return ((await r.json()) as { name: string }[]).map((pkg) => pkg.name);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Publishes installed packages from this workspace's node_modules into the registry (npm pack of the installed
 * folder, then npm publish of the tarball): the third-party packages a consumer needs, without any uplink.
 */
export async function publishInstalled(registry: Registry, packageDirs: string[], workDir: string): Promise<string[]> {
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, ".npmrc"), registry.npmrc);
  const publishOne = async (dir: string, index: number) => {
    // packed from a copy without the package's own node_modules: npm 11 dies ("Exit handler never called!") packing
    // some folders of pnpm's store in place (bullmq's, whose node_modules holds only .bin)
    const real = realpathSync(dir);
    const copy = join(workDir, `copy-${index}`);
    rmSync(copy, { recursive: true, force: true });
    cpSync(real, copy, { recursive: true, filter: (source) => !relative(real, source).startsWith("node_modules") });
    const { stdout } = await sh(
      "npm",
      ["pack", copy, "--ignore-scripts", "--pack-destination", workDir, "--loglevel=error"],
      { cwd: workDir, env: registry.publishEnv },
    );
    const tarball = stdout.trim().split("\n").at(-1)!;
    // the registry on the command line: it beats a publishConfig.registry in the package (@ioredis/commands has one)
    await sh("npm", ["publish", tarball, "--registry", registry.url, "--ignore-scripts", "--loglevel=error"], {
      cwd: workDir,
      env: registry.publishEnv,
    });
    rmSync(copy, { recursive: true, force: true });
    const { name, version } = JSON.parse(readFileSync(join(real, "package.json"), "utf8"));
    return `${name}@${version}`;
  };
  // four at a time: each npm command is mostly start-up
  const published: string[] = [];
  for (let start = 0; start < packageDirs.length; start += 4)
    published.push(
      ...(await Promise.all(packageDirs.slice(start, start + 4).map((dir, k) => publishOne(dir, start + k)))),
    );
  return published;
}

/**
 * An installed package and every package it depends on (dependencies and optional dependencies that are installed,
 * not peers), as folders: what publishing it into a registry without uplinks takes. Each dependency is found the
 * way Node finds it, in the `node_modules` folders above the package's real folder (pnpm's layout included).
 */
export function installedTree(packageDir: string): string[] {
  const found = new Map<string, string>();
  const visit = (dir: string) => {
    const real = realpathSync(dir);
    const pkg = JSON.parse(readFileSync(join(real, "package.json"), "utf8"));
    const key = `${pkg.name}@${pkg.version}`;
    if (found.has(key)) return;
    found.set(key, real);
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      let where: string | undefined;
      for (let up = real; !where && dirname(up) !== up; up = dirname(up))
        if (existsSync(join(up, "node_modules", name, "package.json"))) where = join(up, "node_modules", name);
      // an optional dependency for another platform is not installed: it is not needed either
      if (where) visit(where);
      else if (!(name in (pkg.optionalDependencies ?? {})))
        throw new Error(`${key}: its dependency ${name} is not installed`);
    }
  };
  visit(packageDir);
  return [...found.values()];
}

/**
 * A wrapper for pnpm's `npm-path` that adds `--provenance=false` to the npm command line. npm applies the package's
 * `publishConfig.provenance: true` over every config source except command-line flags (NPM_CONFIG_PROVENANCE=false or
 * an .npmrc line lose), and provenance needs CI's OIDC token; the flag keeps publishConfig as it is in the tarball.
 */
export function npmWithoutProvenance(dir: string): string {
  const file = join(dir, "npm-without-provenance");
  writeFileSync(
    file,
    '#!/bin/sh\n# only a command-line flag overrides publishConfig.provenance\nexec npm "$@" --provenance=false\n',
  );
  chmodSync(file, 0o755);
  return file;
}

/** A fresh npm project pointed at the registry by a project-local .npmrc. */
export interface FreshProject {
  dir: string;
  /** Runs a command in the project, with the registry's environment and `extraEnv`. */
  run(command: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CommandResult>;
  write(file: string, text: string): void;
}

export function freshProject(registry: Registry, dir: string): FreshProject {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "fresh-consumer", version: "1.0.0", private: true }, null, 2)}\n`,
  );
  writeFileSync(join(dir, ".npmrc"), `registry=${registry.url}\n`);
  return {
    dir,
    run: (command, args, extraEnv = {}) => sh(command, args, { cwd: dir, env: { ...registry.env, ...extraEnv } }),
    write: (file, text) => writeFileSync(join(dir, file), text),
  };
}
