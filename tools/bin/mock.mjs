#!/usr/bin/env node
// `pnpm mock <provider> [--port N] [--proxy <vendor-url>]`: Prism on loopback from specs/<provider>/openapi.yaml.
import { parseArgs } from "node:util";
import { startMock } from "../src/mock.mjs";
import { providers } from "../src/workspace.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string" }, proxy: { type: "string" } },
});
const [name] = positionals;
const known = providers().map((p) => p.name);
if (!name || !known.includes(name)) {
  console.error(`usage: pnpm mock <provider> [--port N] [--proxy <vendor-url>]\nproviders: ${known.join(", ")}`);
  process.exit(2);
}
const mock = await startMock(name, { port: values.port ? Number(values.port) : 4010, proxy: values.proxy, log: true });
console.log(
  `\n${values.proxy ? `validating proxy to ${values.proxy}` : "mock"} for ${name} at ${mock.url} (Ctrl+C to stop)`,
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => mock.close().then(() => process.exit(0)));
