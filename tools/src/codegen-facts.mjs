// The facts code generation emits for one provider: what the client needs at run time from the spec and its manifest
// (servers, the operations it calls, the security schemes, the credential forms) in spec-facts.ts, the status table
// in states.ts, and how the vendor logs in in login.ts. Data only, in leaf modules that hand-written provider code
// may import: the provider code that uses them is codegen-provider.mjs's.
import { usedOperations } from "./manifest.mjs";
import { jsdoc, literal, prop } from "./typescript-text.mjs";

/** @typedef {Pick<import("./workspace.mjs").Provider, "name" | "doc" | "manifest" | "operations" | "deref" | "loginServer">} Model */

/** @param {any} server @param {boolean} [withDefaults] */
const serverFacts = (server, withDefaults = true) => ({
  url: server.url,
  variables: Object.fromEntries(
    Object.entries(server.variables ?? {}).map(([key, v]) => [
      key,
      { ...(withDefaults ? { default: String(v.default) } : {}), ...(v.enum ? { enum: v.enum.map(String) } : {}) },
    ]),
  ),
});

/** Facts as TypeScript: JSON, with the placeholders of core's scheme formats (`"@@basicScheme"`) unquoted. */
const code = (/** @type {string} */ name, /** @type {object} */ value, /** @type {string} */ type = "") =>
  `export const ${name}${type ? `: ${type}` : ""} = ${JSON.stringify(value, null, 2).replace(/"@@(\w+)"/g, "$1")}${type ? "" : " as const"};`;

/**
 * The facts of some operations (method, path, security, own server, text answers), in the spec's order; adds the
 * security schemes they use to `schemeNames`.
 * @param {Model} p
 * @param {string[]} ids
 * @param {Set<string>} schemeNames
 */
function operationFacts(p, ids, schemeNames) {
  const { doc } = p;
  /** @type {Record<string, object>} */
  const operations = {};
  for (const { operationId, method, path, op, parameters } of p.operations.filter((o) => ids.includes(o.operationId))) {
    const exploded = parameters.filter(
      (q) => q.in === "query" && q.explode !== false && /array/.test(JSON.stringify(q.schema)),
    );
    // the client sends arrays comma-separated (`style: form, explode: false`), the only style the specs use
    if (exploded.length)
      throw new Error(
        `${p.name} ${operationId}: query parameter ${exploded[0].name} is an exploded array; only explode: false is supported`,
      );
    const security = (op.security ?? doc.security ?? []).flatMap((/** @type {object} */ requirement) =>
      Object.keys(requirement),
    );
    for (const name of security) schemeNames.add(name);
    const ok = Object.entries(op.responses ?? {})
      .filter(([code]) => code.startsWith("2"))
      .map(([, r]) => p.deref(r)?.content ?? {});
    const text = ok.some((c) => c["text/plain"]) && !ok.some((c) => c["application/json"]);
    operations[operationId] = {
      method: method.toUpperCase(),
      path,
      security,
      // the log-in's own server is resolved when the client is made (`loginServer`), not per operation
      ...(op.servers?.[0] && !(p.loginServer && ids.includes(p.manifest.auth.login?.operation ?? ""))
        ? { server: serverFacts(op.servers[0]) }
        : {}),
      ...(text ? { text: true } : {}),
    };
  }
  return operations;
}

/**
 * The facts files of one provider (file name -> TypeScript, without the generated-file notice).
 * @param {Model} p
 * @returns {Record<string, string>}
 */
export function factsFiles(p) {
  const { doc, manifest: m } = p;
  const l = m.auth.login;
  const loginIds = loginIdsOf(m);
  const used = usedOperations(m);
  const apiSchemes = apiSchemesOf(m);
  const operations = operationFacts(
    p,
    used.filter((id) => !loginIds.includes(id)),
    apiSchemes,
  );
  // each scheme as [core's scheme format, ...its arguments]; the formats used are imported from core
  const formats = new Set();
  const schemes = Object.fromEntries(
    [...apiSchemes].map((name) => {
      const s = doc.components.securitySchemes[name];
      const format = s.type === "apiKey" ? "apiKeyScheme" : `${String(s.scheme).toLowerCase()}Scheme`;
      formats.add(format);
      return [name, [`@@${format}`, ...(s.type === "apiKey" ? [s.name] : [])]];
    }),
  );
  const forms = Object.fromEntries(Object.entries(m.auth.forms).map(([kind, form]) => [kind, form.scheme]));
  const facts = {
    provider: p.name,
    servers: (doc.servers ?? []).map((/** @type {any} */ server) => serverFacts(server)),
    operations,
    schemes,
    forms,
    ...(l
      ? {
          loginScheme: l.scheme,
          login: {
            fields: Object.fromEntries(Object.entries(l.fields).map(([name, field]) => [name, field.type])),
            ...(Object.values(l.fields).some((f) => f.optional)
              ? { optional: Object.keys(l.fields).filter((name) => l.fields[name]?.optional) }
              : {}),
            forms: authForms(m),
          },
        }
      : {}),
    ...(p.loginServer
      ? {
          loginServer: {
            // its variables come from options, server variables or the base URL, never from the template's default
            ...serverFacts(p.loginServer.server, false),
            option: p.loginServer.option,
            variableOptions: p.loginServer.variableOptions,
            from: variablePatterns(p, Object.keys(p.loginServer.variableOptions)),
            ...(p.loginServer.pathPrefix ? { pathPrefix: p.loginServer.pathPrefix } : {}),
          },
        }
      : {}),
  };
  /** @type {Record<string, string>} */
  const files = {
    "spec-facts.ts": [
      `import { ${[...[...formats].sort(), "type SpecFacts"].join(", ")} } from "@opstatus/core/internal";`,
      `import type { operations } from "./openapi.js";`,
      "",
      "/** The provider's name (a plain binding, so that bundlers can drop what uses it). */",
      `export const provider = ${literal(p.name)};`,
      "",
      "/** The operations the client calls (the API's in `specFacts`, the log-in's in `loginFacts`). */",
      `export type ClientOperations = Pick<operations, ${used.map(literal).join(" | ")}>;`,
      "",
      "/** What the client needs at run time from the spec and its manifest. */",
      code("specFacts", facts, "SpecFacts"),
      "",
    ].join("\n"),
  };
  files["states.ts"] = statesModule(m);
  if (l) files["login.ts"] = loginModule(p, loginIds);
  return files;
}

/**
 * states.ts: the status table, vendor status -> canonical state, with the manifest's notes.
 * @param {import("./manifest.mjs").Manifest} m
 */
function statesModule(m) {
  const w = m.waiter;
  const stateNotes = Object.entries(w.notes)
    .map(([status, note]) => `- ${status}: ${note}`)
    .join("\n");
  return [
    jsdoc(
      `${m.product}: vendor status -> canonical state${w.ignoreCase ? " (letter case is ignored)" : ""}.${stateNotes ? `\n${stateNotes}` : ""}\nAny other status is \`unknown\` and follows the \`unknownStatus\` policy.`,
    ),
    `export const ${w.table} = {`,
    ...Object.entries(w.states).map(([status, state]) => `  ${prop(status)}: ${literal(state)},`),
    "} as const;",
    "",
  ].join("\n");
}

/**
 * The credential forms `auth` takes, as the client's error names them: the log-in's fields (optional ones marked),
 * then each ready form.
 * @param {import("./manifest.mjs").Manifest} m
 */
export function authForms(m) {
  const l = m.auth.login;
  return [
    ...(l
      ? [
          `{ ${Object.entries(l.fields)
            .map(([name, f]) => (f.optional ? `${name}?` : name))
            .join(", ")} }`,
        ]
      : []),
    ...Object.keys(m.auth.forms).map((form) => `{ ${form} }`),
  ].join(" or ");
}

/**
 * Where the API's base URL names each variable: a pattern made of the first spec server whose template has it, its
 * first group the variable's value (`https://virtual-network-appliance-{region}-ecl.api.ntt.com` -> `us1`).
 * @param {Model} p
 * @param {string[]} names
 * @returns {Record<string, string>}
 */
function variablePatterns(p, names) {
  /** @type {Record<string, string>} */
  const from = {};
  for (const name of names) {
    const server = (p.doc.servers ?? []).find((/** @type {any} */ s) => String(s.url).includes(`{${name}}`));
    if (!server) continue;
    const escaped = String(server.url).replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    from[name] = `^${escaped.replace(/\{(\w+)\}/g, (_, v) => (v === name ? "([^./?#]+)" : "[^/?#]+"))}$`;
  }
  return from;
}

/**
 * The security schemes only the log-in's operations use (HTTP Basic for the log-in itself, e.g. vSphere's): the
 * provider code hands core's encoder to the session for them.
 * @param {Model} p
 */
export function loginOnlySchemes(p) {
  const used = new Set();
  operationFacts(p, loginIdsOf(p.manifest), used);
  const api = apiSchemesOf(p.manifest);
  return [...used].filter((name) => !api.has(name));
}

/**
 * The log-in's operations: the log-in, its refresh and its log-out.
 * @param {import("./manifest.mjs").Manifest} m
 * @returns {string[]}
 */
function loginIdsOf(m) {
  const l = m.auth.login;
  return l ? [l.operation, l.refresh?.operation, l.logout?.operation].filter((id) => id !== undefined) : [];
}

/**
 * The schemes the API's operations are sent with: the ready forms', and the log-in token's.
 * @param {import("./manifest.mjs").Manifest} m
 * @returns {Set<string>}
 */
function apiSchemesOf(m) {
  const l = m.auth.login;
  return new Set([...Object.values(m.auth.forms).map((f) => f.scheme), ...(l ? [l.scheme] : [])]);
}

/**
 * login.ts: the credential engine and how this vendor logs in, one chunk.
 * @param {Model} p
 * @param {string[]} loginIds the log-in's operations
 */
function loginModule(p, loginIds) {
  const l = /** @type {import("./manifest.mjs").Login} */ (p.manifest.auth.login);
  const loginOperations = operationFacts(p, loginIds, new Set());
  const loginSchemes = loginOnlySchemes(p);
  const defaults = Object.fromEntries(
    Object.entries(l.fields).flatMap(([name, field]) => (field.default === undefined ? [] : [[name, field.default]])),
  );
  const login = {
    ...(Object.keys(defaults).length ? { defaults } : {}),
    secret: Object.keys(l.fields).filter((name) => l.fields[name]?.secret),
    operation: l.operation,
    ...(l.params ? { params: l.params } : {}),
    scheme: l.scheme,
    token: l.token,
    ...(l.expiry ? { expiry: l.expiry } : {}),
    ...(l.refresh ? { refresh: l.refresh } : {}),
    ...(l.logout ? { logout: l.logout } : {}),
    operations: loginOperations,
    ...(loginSchemes.length
      ? {
          basic: loginSchemes.map((name) => {
            const scheme = p.doc.components.securitySchemes[name];
            if (scheme.type !== "http" || String(scheme.scheme).toLowerCase() !== "basic")
              throw new Error(`${p.name}: log-in scheme ${name} is not HTTP Basic`);
            return name;
          }),
        }
      : {}),
  };
  return [
    "// The credential engine and how this vendor logs in: one chunk, loaded only by a client given log-in fields.",
    `export { loginSession } from "@opstatus/core/session";`,
    "",
    "/** How the client logs in. */",
    code("loginFacts", login),
    "",
  ].join("\n");
}
