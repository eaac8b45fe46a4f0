// The packages as users get them: packed with pnpm (workspace: ranges become versions) and installed with plain npm
// into a scratch project outside the workspace. Used by the consumer test (packages/opstatus), the bundle-size bench
// and the runtime matrix.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { repoRoot } from "../src/workspace.mjs";

const packagesDir = join(repoRoot, "packages");

/**
 * The folders under packages/ whose package is published (not private), sorted.
 * @returns {string[]}
 */
export function publishedPackages() {
  return readdirSync(packagesDir)
    .filter((name) => existsSync(join(packagesDir, name, "package.json")))
    .filter((name) => !JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8")).private)
    .sort();
}

/**
 * Runs a command; a failure throws with the command's output.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stdout, stderr } = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) failed:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

/**
 * Packs `packages` (folders under packages/, built) into a new scratch project and installs them there with npm,
 * together with `dependencies` from the registry (e.g. "@types/node@20"). Returns the project's path (the tarballs
 * are in it too), which the caller removes; on failure it is removed here.
 * @param {object} options
 * @param {string[]} options.packages
 * @param {string[]} [options.dependencies]
 * @param {string} [options.name] the scratch project's package name (its temp folder is named after it too)
 * @param {boolean} [options.preferOffline] npm takes what its cache has without asking the registry if it is stale
 * @returns {string}
 */
export function installPacked({ packages, dependencies = [], name = "opstatus-consumer", preferOffline = false }) {
  for (const pkg of packages)
    if (!existsSync(join(packagesDir, pkg, "dist")))
      throw new Error(`packages/${pkg} is not built: run \`pnpm build\` first`);
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  try {
    const tarballs = packages.map((pkg) => {
      // pnpm prints the tarball's path last
      const out = run("pnpm", ["pack", "--pack-destination", dir], join(packagesDir, pkg)).trim().split("\n").at(-1);
      if (!out?.endsWith(".tgz")) throw new Error(`pnpm pack of packages/${pkg} named no tarball: ${out}`);
      return isAbsolute(out) ? out : join(dir, out);
    });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, version: "1.0.0" }));
    run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        ...(preferOffline ? ["--prefer-offline"] : []),
        ...dependencies,
        ...tarballs,
      ],
      dir,
    );
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
