#!/usr/bin/env node
// Assembles the static docs site in docs/site/: each spec's Redoc page (rendered by its spec package's `docs` task)
// with its bundled openapi.yaml/json, and an index page that introduces every provider. Works from file://.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { providers, repoRoot } from "../src/workspace.mjs";

const site = join(repoRoot, "docs/site");
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });

/** @type {Record<string, string>} */
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (/** @type {unknown} */ text) => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const cards = providers().map((p) => {
  const { doc, manifest: meta } = p;
  const pkg = JSON.parse(readFileSync(join(p.packageDir, "package.json"), "utf8"));
  const out = join(site, p.name);
  mkdirSync(out, { recursive: true });
  for (const file of ["openapi.yaml", "openapi.json"]) copyFileSync(join(p.specDir, "dist", file), join(out, file));
  copyFileSync(join(p.specDir, "dist/redoc.html"), join(out, "index.html"));
  const ops = p.operations.map(({ method, path, op }) => ({
    method: method.toUpperCase(),
    path,
    summary: op.summary,
    security: (op.security ?? doc.security ?? []).flatMap(Object.keys),
  }));
  const schemes = [...new Set(ops.flatMap((op) => op.security))].map((name) => {
    const s = doc.components.securitySchemes[name];
    return s.type === "apiKey"
      ? `${name} (API key in ${s.name})`
      : s.type === "http"
        ? `${name} (HTTP ${s.scheme})`
        : name;
  });
  return `
    <article class="card" id="${p.name}">
      <header>
        <p class="vendor">${escapeHtml(meta.vendor)}</p>
        <h2><a href="${p.name}/index.html">${escapeHtml(meta.product)}</a></h2>
        <p class="version">spec version ${escapeHtml(doc.info.version)} &middot; OpenAPI ${escapeHtml(doc.openapi)}</p>
      </header>
      ${ops.map((op) => `<p class="op"><span class="method">${op.method}</span> <code>${escapeHtml(op.path)}</code><br>${escapeHtml(op.summary)}</p>`).join("")}
      <dl>
        <dt>Auth</dt><dd>${schemes.map(escapeHtml).join(", ")}</dd>
        <dt>Package</dt><dd><code>${escapeHtml(pkg.name)}</code> ${escapeHtml(pkg.version)} &middot; waiter <code>${meta.waiter.name}</code></dd>
      </dl>
      <pre class="install"><code>npm install ${escapeHtml(pkg.name)}</code></pre>
      <nav>
        <a class="primary" href="${p.name}/index.html">API reference</a>
        <a href="${escapeHtml(doc.externalDocs.url)}">Vendor documentation</a>
        <a href="${p.name}/openapi.yaml" download>openapi.yaml</a>
        <a href="${p.name}/openapi.json" download>openapi.json</a>
      </nav>
    </article>`;
});

writeFileSync(
  join(site, "index.html"),
  `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>opstatus API docs</title>
  <style>
    :root { color-scheme: light dark; --bg: #f6f7fb; --card: #fff; --ink: #1f2a44; --muted: #5b6478; --accent: #2f6fed; }
    @media (prefers-color-scheme: dark) { :root { --bg: #12151c; --card: #1b2030; --ink: #e8ecf6; --muted: #9aa3b8; --accent: #8fb4ff; } }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--ink); }
    main { max-width: 1100px; margin: 0 auto; padding: 32px 20px 64px; }
    h1 { font-size: 2rem; margin: 0 0 8px; }
    .lede { color: var(--muted); max-width: 760px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 20px; margin-top: 28px; }
    .card { background: var(--card); border-radius: 12px; padding: 20px; box-shadow: 0 1px 3px rgba(0,0,0,.12); display: flex; flex-direction: column; gap: 8px; }
    .card h2 { font-size: 1.15rem; margin: 0; }
    .card h2 a { color: inherit; text-decoration: none; }
    .vendor { margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; color: var(--muted); }
    .version { margin: 0; font-size: .85rem; color: var(--muted); }
    .op { margin: 4px 0; font-size: .9rem; }
    .method { font-weight: 700; color: #1a8f4c; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; font-size: .9rem; }
    dt { color: var(--muted); }
    dd { margin: 0; }
    pre.install { margin: 4px 0; padding: 8px 12px; background: rgba(127,127,127,.12); border-radius: 8px; overflow-x: auto; }
    nav { display: flex; flex-wrap: wrap; gap: 8px; margin-top: auto; padding-top: 8px; }
    nav a { font-size: .85rem; color: var(--accent); text-decoration: none; border: 1px solid currentColor; border-radius: 999px; padding: 3px 12px; }
    nav a.primary { background: var(--accent); color: var(--card); border-color: var(--accent); }
    footer { margin-top: 40px; color: var(--muted); font-size: .85rem; }
  </style>
</head>
<body>
  <main>
    <h1>opstatus API docs</h1>
    <p class="lede">Five enterprise vendors each tell you how an asynchronous request, job or operation is doing.
    opstatus transcribes each vendor's page into an OpenAPI 3.1 description, generates a typed client from it, and
    gives every provider the same waiter. Pick a provider to read its API reference, download its spec, or install
    its package.</p>
    <div class="grid">${cards.join("")}
    </div>
    <footer>Generated from <code>specs/</code> by <code>pnpm run docs</code>. The vendors' APIs are proprietary; these
    descriptions are transcriptions of their public documentation, with every deliberate difference listed in each
    spec's description.</footer>
  </main>
</body>
</html>
`,
);
console.log(`docs site written to ${site} (${cards.length} providers)`);
