#!/usr/bin/env node
// Per-spec tasks, run by turbo in specs/<provider>/: `lint`, `bundle` (dist/openapi.{yaml,json}), `docs` (dist/redoc.html,
// a self-contained Redoc page).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { provider, redoclyBin, redoclyConfigPath, repoRoot } from "../src/workspace.mjs";

const [command] = process.argv.slice(2);
const { name, specDir } = provider(basename(process.cwd()));
const dist = join(specDir, "dist");

/** @param {string[]} args */
function redocly(...args) {
  const run = spawnSync(process.execPath, [redoclyBin, ...args, `--config=${redoclyConfigPath}`], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/** Markdown describing every component schema: vendor name, description, fields (type, required) and enum values. */
/**
 * @param {any} doc the bundled spec
 * @returns {string}
 */
function schemaReference(doc) {
  const schemas = doc.components?.schemas ?? {};
  const cell = (/** @type {unknown} */ text) =>
    String(text ?? "")
      .replace(/\s+/g, " ")
      .replace(/\|/g, "\\|")
      .trim();
  const nameOf = (/** @type {string} */ ref) => {
    const key = ref.split("/").pop() ?? ref;
    return schemas[key]?.title ?? key;
  };
  /** @type {(schema: any) => string} */
  const typeOf = (schema) => {
    if (!schema) return "any";
    if (schema.$ref) return nameOf(schema.$ref);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return alternatives.map(typeOf).join(" or ");
    if (schema.type === "array") return `array of ${typeOf(schema.items)}`;
    const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
    return schema.format ? `${type} (${schema.format})` : type;
  };
  const enumOf = (/** @type {any} */ schema) => [
    ...(schema.enum ?? []),
    ...(schema.anyOf ?? schema.oneOf ?? []).flatMap((/** @type {any} */ s) => s.enum ?? []),
  ];
  return Object.entries(schemas)
    .map(([key, schema]) => {
      const lines = [`### ${schema.title ?? key}`, "", cell(schema.description)];
      const values = enumOf(schema);
      if (values.length) lines.push("", `Values: ${values.map((v) => `\`${v}\``).join(", ")}`);
      const props = Object.entries(schema.properties ?? {});
      if (props.length) {
        lines.push("", "| field | type | required | description |", "| --- | --- | --- | --- |");
        for (const [name, prop] of props) {
          const required = (schema.required ?? []).includes(name) ? "yes" : "";
          const propValues = prop.$ref ? [] : enumOf(prop);
          const extra = propValues.length ? ` Values: ${propValues.map((v) => `\`${v}\``).join(", ")}` : "";
          lines.push(`| \`${name}\` | ${cell(typeOf(prop))} | ${required} | ${cell(prop.description)}${extra} |`);
        }
      }
      return lines.join("\n");
    })
    .join("\n\n");
}

switch (command) {
  case "lint":
    redocly("lint", name, "--format=stylish");
    break;
  case "bundle":
    mkdirSync(dist, { recursive: true });
    redocly("bundle", name, `--output=${join(dist, "openapi.yaml")}`);
    redocly("bundle", name, `--output=${join(dist, "openapi.json")}`, "--ext=json");
    break;
  case "docs": {
    // Redoc shows no schema names or standalone enums by itself: add a "Schemas" section that lists every component
    // schema under its vendor name, with its fields and enumerations.
    const bundled = JSON.parse(readFileSync(join(dist, "openapi.json"), "utf8"));
    bundled.tags = [
      ...(bundled.tags ?? []),
      { name: "Schemas", "x-traitTag": true, description: schemaReference(bundled) },
    ];
    const input = join(dist, "docs-input.json");
    writeFileSync(input, JSON.stringify(bundled));
    redocly(
      "build-docs",
      input,
      `--output=${join(dist, "redoc.html")}`,
      `--template=${join(repoRoot, "tools/docs/redoc-template.hbs")}`,
      "--inlineBundle",
      "--openapi.hideDownloadButtons=true",
      "--openapi.expandResponses=all",
      `--title=${bundled.info.title}`,
    );
    // Redoc's attribution logo is the page's only remote resource: inline it so the page works offline.
    const page = join(dist, "redoc.html");
    const logo = (/** @type {string} */ text) =>
      `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${text.length * 8}" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#5b6478">${text}</text></svg>`)}`;
    writeFileSync(
      page,
      readFileSync(page, "utf8")
        .replaceAll("https://cdn.redoc.ly/redoc/logo-mini-full.svg", logo("Redoc"))
        .replaceAll("https://cdn.redoc.ly/redoc/logo-mini.svg", logo("R")),
    );
    break;
  }
  default:
    console.error("usage: opstatus-spec lint|bundle|docs   (run in specs/<provider>/)");
    process.exit(2);
}
