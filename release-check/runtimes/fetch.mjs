// Fetches the runtimes of the matrix from npm, as the packages that ship their binary (node-<os>-<arch>,
// @oven/bun-<os>-<arch>, @deno/<os>-<arch>), through the npm client (`npm pack`), and unpacks each into a cache
// folder that outlives the checkout: a second run neither resolves nor downloads anything.
// Cache: $OPSTATUS_RUNTIMES_CACHE, else $XDG_CACHE_HOME/opstatus/runtimes, else ~/.cache/opstatus/runtimes.
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
/** How long a resolved "newest of each major" stays valid before npm is asked again. */
const RESOLVE_TTL_MS = 24 * 60 * 60 * 1000;
const NODE_MAJORS = [22, 24, 26];

/**
 * An npm package that ships a runtime's binary.
 * @typedef {object} RuntimePackage
 * @property {string} name
 * @property {string} bin where the binary is inside the package
 * @property {string[]} [prune] top-level entries of the package that the matrix does not need, removed after unpacking
 */
/** @typedef {RuntimePackage & { version: string }} Runtime */
/**
 * The runtimes to run: the newest Node of each major, the latest Bun and Deno.
 * @typedef {object} Versions
 * @property {number} resolvedAt when npm was asked (ms since the epoch)
 * @property {RuntimePackage & { versions: string[] }} node
 * @property {Runtime} bun
 * @property {Runtime} deno
 * @property {string} from "npm", "cache", or the cache after npm failed
 */
/** @typedef {Pick<Versions, "resolvedAt"> & { node: { name: string, versions: string[] }, bun: { name: string, version: string }, deno: { name: string, version: string } }} Resolved the cache file */

/** @returns {string} */
export function cacheDir() {
  if (process.env.OPSTATUS_RUNTIMES_CACHE) return process.env.OPSTATUS_RUNTIMES_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "opstatus", "runtimes");
}

/**
 * The npm package that ships each runtime's binary for this machine, and where the binary is inside it.
 * @returns {{ node: RuntimePackage, bun: RuntimePackage, deno: RuntimePackage }}
 */
export function platformPackages(platform = process.platform, arch = process.arch, hasAvx2 = cpuHasAvx2()) {
  if (!["linux", "darwin"].includes(platform) || !["x64", "arm64"].includes(arch))
    throw new Error(
      `the runtime matrix fetches binaries for linux and darwin on x64 and arm64, not ${platform}-${arch}`,
    );
  const bunArch = arch === "arm64" ? "aarch64" : "x64";
  // Bun's default x64 build needs AVX2; the baseline build runs on any x64
  const bunBaseline = platform === "linux" && arch === "x64" && !hasAvx2 ? "-baseline" : "";
  return {
    // the headers (include/, 67 MB) are for building native addons, which the matrix does not do
    node: { name: `node-${platform}-${arch}`, bin: "bin/node", prune: ["include", "share"] },
    bun: { name: `@oven/bun-${platform}-${bunArch}${bunBaseline}`, bin: "bin/bun" },
    deno: { name: platform === "linux" ? `@deno/linux-${arch}-glibc` : `@deno/darwin-${arch}`, bin: "deno" },
  };
}

function cpuHasAvx2() {
  try {
    return /\bavx2\b/.test(readFileSync("/proc/cpuinfo", "utf8"));
  } catch {
    return true;
  }
}

/**
 * Numeric semver order of plain x.y.z versions (prereleases are dropped before this is used).
 * @param {string} a
 * @param {string} b
 */
function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * The newest release of each major in `majors`, from a package's version list.
 * @param {string[]} versions
 * @param {number[]} majors
 * @returns {Record<number, string>}
 */
export function newestPerMajor(versions, majors) {
  /** @type {Record<number, string>} */
  const out = {};
  for (const version of versions) {
    if (!/^\d+\.\d+\.\d+$/.test(version)) continue;
    const major = Number(version.split(".")[0]);
    if (!majors.includes(major)) continue;
    const newest = out[major];
    if (!newest || compareVersions(version, newest) > 0) out[major] = version;
  }
  return out;
}

/** @param {string[]} args */
async function npmJson(args) {
  const { stdout } = await run("npm", [...args, "--json", "--loglevel=error"], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/**
 * Which versions to run: newest Node of each major, latest Bun and Deno; asked of npm at most once a day.
 * @param {{ refresh?: boolean }} [options]
 * @returns {Promise<Versions>}
 */
export async function resolveVersions({ refresh = false } = {}) {
  const file = join(cacheDir(), "resolved.json");
  const packages = platformPackages();
  /** @type {Resolved | undefined} */
  let cached;
  try {
    cached = JSON.parse(readFileSync(file, "utf8"));
  } catch {}
  // the file keeps versions only; names, binary paths and pruning come from this code
  /** @type {(resolved: Resolved, from: string) => Versions} */
  const withPackages = (resolved, from) => ({
    resolvedAt: resolved.resolvedAt,
    node: { ...packages.node, versions: resolved.node.versions },
    bun: { ...packages.bun, version: resolved.bun.version },
    deno: { ...packages.deno, version: resolved.deno.version },
    from,
  });
  if (!refresh && cached && Date.now() - cached.resolvedAt < RESOLVE_TTL_MS && cached.node?.name === packages.node.name)
    return withPackages(cached, "cache");
  try {
    const [nodeVersions, bun, deno] = await Promise.all([
      npmJson(["view", packages.node.name, "versions"]),
      npmJson(["view", packages.bun.name, "version"]),
      npmJson(["view", packages.deno.name, "version"]),
    ]);
    const majors = newestPerMajor(nodeVersions, NODE_MAJORS);
    for (const major of NODE_MAJORS)
      if (!majors[major]) throw new Error(`no ${packages.node.name} release of Node ${major}`);
    /** @type {Resolved} */
    const resolved = {
      resolvedAt: Date.now(),
      node: { name: packages.node.name, versions: NODE_MAJORS.map((major) => String(majors[major])) },
      bun: { name: packages.bun.name, version: bun },
      deno: { name: packages.deno.name, version: deno },
    };
    mkdirSync(cacheDir(), { recursive: true });
    writeFileSync(file, `${JSON.stringify(resolved, null, 2)}\n`);
    return withPackages(resolved, "npm");
  } catch (error) {
    // offline: fall back to what an earlier run resolved, however old
    if (cached?.node?.name === packages.node.name)
      return withPackages(cached, `cache (npm failed: ${String(/** @type {Error} */ (error).message).split("\n")[0]})`);
    throw error;
  }
}

/** @type {(name: string, version: string) => string} */
const runtimeDir = (name, version) => join(cacheDir(), `${name.replace("/", "+")}@${version}`);

/**
 * Path of the runtime's binary in the cache; downloads and unpacks the package first when it is not there.
 * @param {Runtime} runtime
 * @returns {Promise<{ binary: string, downloaded: boolean }>}
 */
export async function ensureRuntime({ name, version, bin, prune = [] }) {
  const dir = runtimeDir(name, version);
  const binary = join(dir, bin);
  if (existsSync(binary)) {
    for (const extra of prune) rmSync(join(dir, extra), { recursive: true, force: true }); // caches from before pruning
    return { binary, downloaded: false };
  }
  mkdirSync(cacheDir(), { recursive: true });
  const work = mkdtempSync(join(cacheDir(), ".download-"));
  try {
    const { stdout } = await run(
      "npm",
      ["pack", `${name}@${version}`, "--pack-destination", work, "--loglevel=error"],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const tarball = join(work, stdout.trim().split("\n").at(-1) ?? "");
    await run("tar", ["-xzf", tarball, "-C", work]);
    if (!existsSync(join(work, "package", bin)))
      throw new Error(`${name}@${version} has no ${bin} (files: ${readdirSync(join(work, "package")).join(", ")})`);
    for (const extra of prune) rmSync(join(work, "package", extra), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, "package"), dir); // atomic: a half-unpacked runtime is never taken for a cached one
    return { binary, downloaded: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Removes cached versions of these runtimes' packages other than the ones in use, so the cache does not grow.
 * @param {Runtime[]} inUse
 * @returns {string[]} the cache entries removed
 */
export function removeStaleVersions(inUse) {
  const keep = new Set(inUse.map(({ name, version }) => runtimeDir(name, version)));
  const names = new Set(inUse.map(({ name }) => `${name.replace("/", "+")}@`));
  /** @type {string[]} */
  let entries = [];
  try {
    entries = readdirSync(cacheDir());
  } catch {}
  /** @type {string[]} */
  const removed = [];
  for (const entry of entries) {
    const dir = join(cacheDir(), entry);
    if (keep.has(dir) || ![...names].some((prefix) => entry.startsWith(prefix))) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
