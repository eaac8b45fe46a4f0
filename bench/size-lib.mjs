// What a bundler ships for each entry point, measured from the packed packages (pnpm pack -> npm install in a
// scratch project -> esbuild bundle, minified -> gzip -9). Used by `pnpm bench:size` and by the budget test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { operationsOf, pathParameters } from "@opstatus/tools/manifest";
import { providers } from "@opstatus/tools/workspace";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, "../packages");

/**
 * How each provider is used, from its manifest: the smallest realistic program per entry point (its factory with a
 * ready credential, the waiter's status call, the waiter).
 */
export const usage = Object.fromEntries(
  providers().map(({ name, doc, manifest: m }) => {
    const kind = Object.keys(m.auth.forms)[0];
    const auth = kind === "basic" ? '{ basic: { username: "u", password: "p" } }' : `{ ${kind}: "t" }`;
    const method = m.methods.find((x) => x.operationId === m.waiter.operation);
    const target = m.waiter.target.object ? `{ ${m.waiter.target.name}: "id-1" }` : '"id-1"';
    const { path } = operationsOf(doc).find((o) => o.operationId === m.waiter.operation);
    const args = pathParameters(path).map(() => '"id-1"').join(", ");
    return [name, { package: m.package, create: m.client.factory, auth, call: `${method.name}(${args})`, wait: `${m.waiter.name}(client, ${target})` }];
  }),
);

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
    const direct = usage[provider].package;
    list.push({ name: `${provider}: client`, group: "client", provider, source: entry(direct, provider, false) });
    list.push({ name: `${provider}: client + waiter`, group: "client+waiter", provider, source: entry(direct, provider, true) });
    list.push({ name: `${provider}: client via opstatus/${provider}`, group: "umbrella", provider, source: entry(`opstatus/${provider}`, provider, false) });
    list.push({ name: `${provider}: client without openapi-fetch`, group: "client-only", provider, source: entry(direct, provider, false), external: ["openapi-fetch"] });
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
