// What a bundler ships for each entry point, measured from the packed packages (pnpm pack -> npm install in a
// scratch project -> esbuild bundle, minified -> gzip -9). Used by `pnpm bench:size` and by the budget test.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { sampleAuth } from "@opstatus/tools/samples";
import { installPacked, publishedPackages } from "@opstatus/tools/test-kit/pack";
import { providers } from "@opstatus/tools/workspace";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * How each provider is used, from its manifest: the smallest realistic program per entry point (its factory with a
 * ready credential, the waiter's status call, the waiter).
 */
export const usage = Object.fromEntries(
  providers().map(({ name, manifest: m, waiterOperation, waiterMethod: method }) => {
    const auth = JSON.stringify(sampleAuth(m));
    const target = m.waiter.target.object ? `{ ${m.waiter.target.name}: "id-1" }` : '"id-1"';
    const args = waiterOperation.pathParameters.map(() => '"id-1"').join(", ");
    const login = m.auth.login ? JSON.stringify(sampleAuth(m, { login: true })) : undefined;
    return [
      name,
      {
        package: m.package,
        create: m.client.factory,
        api: m.client.api,
        auth,
        login,
        call: `${method.name}(${args})`,
        wait: `${m.waiter.name}(client, ${target})`,
      },
    ];
  }),
);

function entry(specifier, provider, withWaiter, withLogin = false, withApi = false) {
  const u = usage[provider];
  const waiterName = u.wait.split("(")[0];
  return [
    `import { ${u.create}${withWaiter ? `, ${waiterName}` : ""}${withApi ? `, ${u.api}` : ""} } from "${specifier}";`,
    `const client = ${u.create}({ baseUrl: "https://api.example.internal", auth: ${withLogin ? u.login : u.auth} });`,
    `client.${u.call}.then(console.log);`,
    withWaiter ? `${u.wait}.then(console.log);` : "",
    withApi ? `${u.api}(client).GET("/status").then(console.log);` : "",
  ].join("\n");
}

export function entries() {
  const list = [
    {
      name: "openapi-fetch alone",
      group: "openapi-fetch",
      source:
        'import createClient from "openapi-fetch";\ncreateClient({ baseUrl: "https://api.example.internal" }).GET("/x").then(console.log);',
    },
  ];
  for (const provider of Object.keys(usage)) {
    const direct = usage[provider].package;
    list.push({ name: `${provider}: client`, group: "client", provider, source: entry(direct, provider, false) });
    list.push({
      name: `${provider}: client + waiter`,
      group: "client+waiter",
      provider,
      source: entry(direct, provider, true),
    });
    if (usage[provider].login) {
      list.push({
        name: `${provider}: client + login`,
        group: "client+login",
        provider,
        login: true,
        source: entry(direct, provider, false, true),
      });
      list.push({
        name: `${provider}: client + login + waiter`,
        group: "client+login+waiter",
        provider,
        login: true,
        source: entry(direct, provider, true, true),
      });
    }
    list.push({
      name: `${provider}: client via opstatus/${provider}`,
      group: "umbrella",
      provider,
      source: entry(`opstatus/${provider}`, provider, false),
    });
    list.push({
      name: `${provider}: client + openapi-fetch client (${usage[provider].api})`,
      group: "client+api",
      provider,
      source: entry(direct, provider, false, false, true),
    });
  }
  return list;
}

/**
 * Bundles each entry with esbuild (ESM, minified, tree-shaken, browser, code splitting on, as application bundlers
 * do) and measures min and min+gzip bytes of what the program loads: the entry chunk and the chunks it imports
 * statically, plus, for a program that logs in, the chunks it imports dynamically (the credential engine, which a
 * client loads only when given log-in fields). Each chunk is gzipped on its own, as it is served.
 */
export async function measure(project) {
  const results = [];
  for (const e of entries()) {
    const file = join(project, `entry-${results.length}.mjs`);
    writeFileSync(file, e.source);
    const out = await build({
      entryPoints: [file],
      bundle: true,
      splitting: true,
      outdir: join(project, "out"),
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      metafile: true,
      absWorkingDir: project,
      logLevel: "silent",
    });
    const outputs = out.metafile.outputs;
    const byPath = new Map(out.outputFiles.map((f) => [relative(project, f.path), f.contents]));
    const loaded = new Set();
    const load = (path) => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const i of outputs[path].imports)
        if (!i.external && (i.kind === "import-statement" || (e.login && i.kind === "dynamic-import"))) load(i.path);
    };
    load(Object.keys(outputs).find((path) => outputs[path].entryPoint));
    const chunks = [...loaded].map((path) => byPath.get(path));
    results.push({
      ...e,
      chunks: chunks.length,
      code: chunks.map((c) => Buffer.from(c).toString("utf8")).join("\n"),
      minified: chunks.reduce((n, c) => n + c.length, 0),
      gzip: chunks.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
    });
  }
  return results;
}

/** Packs every published package, installs the tarballs with npm into a scratch project, and measures there. */
export async function measureFromPackedPackages() {
  const project = installPacked({ packages: publishedPackages(), name: "opstatus-size" });
  try {
    return await measure(project);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

export const budgets = JSON.parse(readFileSync(join(here, "size-budgets.json"), "utf8"));
