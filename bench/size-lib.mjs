// What a bundler ships for each entry point, measured from the packed packages (pnpm pack -> npm install in a
// scratch project -> esbuild bundle, minified -> gzip -9). Used by `pnpm bench:size` and by the budget test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, "../packages");

/** How each provider is used: the smallest realistic program per entry point. */
export const usage = {
  "vmware-customer-connect": { create: "createCustomerConnectClient", auth: '{ bearer: "t" }', call: 'getRequestStatus("r1")', wait: 'waitForRequest(client, "r1")' },
  "ntt-enterprise-cloud": { create: "createEnterpriseCloudClient", auth: '{ apiKey: "t" }', call: "listOperations({ latest: true })", wait: 'waitForOperation(client, { operationId: "o1" })' },
  "oracle-identity-governance": { create: "createIdentityGovernanceClient", auth: '{ bearer: "t" }', call: 'getRequest("1")', wait: 'waitForRequest(client, "1")' },
  "vmware-vsphere": { create: "createVsphereClient", auth: '{ apiKey: "t" }', call: 'getCustomization("vm-1")', wait: 'waitForCustomization(client, "vm-1")' },
  "oracle-primavera-admin": { create: "createPrimaveraClient", auth: '{ bearer: "t" }', call: 'getJobStatus("1")', wait: 'waitForJob(client, "1")' },
};

function entry(specifier, provider, withWaiter) {
  const u = usage[provider];
  const waiterName = u.wait.split("(")[0];
  return [
    `import { ${u.create}${withWaiter ? `, ${waiterName}` : ""} } from "${specifier}";`,
    `const client = ${u.create}({ baseUrl: "https://api.example.internal", auth: ${u.auth} });`,
    `client.${u.call}.then(console.log);`,
    withWaiter ? `${u.wait}.then(console.log);` : "",
  ].join("\n");
}

export function entries() {
  const list = [{ name: "openapi-fetch alone", group: "openapi-fetch", source: 'import createClient from "openapi-fetch";\ncreateClient({ baseUrl: "https://api.example.internal" }).GET("/x").then(console.log);' }];
  for (const provider of Object.keys(usage)) {
    list.push({ name: `${provider}: client`, group: "client", provider, source: entry(`@opstatus/${provider}`, provider, false) });
    list.push({ name: `${provider}: client + waiter`, group: "client+waiter", provider, source: entry(`@opstatus/${provider}`, provider, true) });
    list.push({ name: `${provider}: client via opstatus/${provider}`, group: "umbrella", provider, source: entry(`opstatus/${provider}`, provider, false) });
    list.push({ name: `${provider}: client without openapi-fetch`, group: "client-only", provider, source: entry(`@opstatus/${provider}`, provider, false), external: ["openapi-fetch"] });
  }
  return list;
}

/** Packs every published package and installs the tarballs with npm into a scratch project; returns its path. */
export function installPacked() {
  const project = mkdtempSync(join(tmpdir(), "opstatus-size-"));
  const published = readdirSync(packagesDir).filter((name) => !JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8")).private);
  const tarballs = published.map((name) =>
    execFileSync("pnpm", ["pack", "--pack-destination", project], { cwd: join(packagesDir, name), encoding: "utf8" }).trim().split("\n").at(-1),
  );
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "size-probe", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], { cwd: project, stdio: "ignore" });
  return project;
}

/** Bundles each entry with esbuild (ESM, minified, tree-shaken, browser) and measures min and min+gzip bytes. */
export async function measure(project) {
  const results = [];
  for (const e of entries()) {
    const file = join(project, `entry-${results.length}.mjs`);
    writeFileSync(file, e.source);
    const out = await build({
      entryPoints: [file],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      external: e.external ?? [],
      absWorkingDir: project,
      logLevel: "silent",
    });
    const code = out.outputFiles[0].contents;
    results.push({ ...e, code: Buffer.from(code).toString("utf8"), minified: code.length, gzip: gzipSync(code, { level: 9 }).length });
  }
  return results;
}

export async function measureFromPackedPackages() {
  const project = installPacked();
  try {
    return await measure(project);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

export const budgets = JSON.parse(readFileSync(join(here, "size-budgets.json"), "utf8"));
