// Code generation from one provider's spec and manifest: the openapi-typescript types, the run-time facts, and the
// provider's public surface (types, error class, client factory with its named methods, status table, waiter).
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { generatedNotice } from "./files.mjs";
import { deref, operationsOf, parametersOf, pathParameters, usedOperations } from "./manifest.mjs";
import { providerReadme } from "./readme.mjs";
import { repoRoot } from "./workspace.mjs";

/** @typedef {import("./workspace.mjs").Provider} Provider */

/** @param {string} text */
const jsdoc = (text, indent = "") => {
  const lines = String(text).trim().split("\n");
  return lines.length === 1
    ? `${indent}/** ${lines[0]} */`
    : [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`].join("\n");
};
/** @param {unknown} text the first sentence of a description, on one line */
const firstSentence = (text) => {
  const flat = String(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
  const end = flat.search(/[.:](\s|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
};
/** @param {unknown} value */
const literal = (value) => JSON.stringify(value);
/** @param {string} name */
const prop = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name));

/**
 * Every generated file of one provider, keyed by absolute path.
 * @param {Provider} p
 * @returns {Promise<Record<string, string>>}
 */
export async function providerFiles(p) {
  const source = relative(repoRoot, p.specPath);
  const types = astToString(await openapiTS(pathToFileURL(p.specPath), { alphabetize: false }));
  return {
    [`${p.generatedDir}/openapi.ts`]: `${generatedNotice(source)}\n/* eslint-disable */\n\n${types}`,
    ...Object.fromEntries(
      Object.entries(specFacts(p)).map(([file, text]) => [
        `${p.generatedDir}/${file}`,
        `${generatedNotice(source)}\n\n${text}`,
      ]),
    ),
    [`${p.generatedDir}/provider.ts`]: `${generatedNotice(`the x-opstatus manifest of ${source}`)}\n\n${providerModule(p)}`,
    [`${p.packageDir}/README.md`]: providerReadme(p),
  };
}

/** @param {any} server */
const serverFacts = (server) => ({
  url: server.url,
  variables: Object.fromEntries(
    Object.entries(server.variables ?? {}).map(([key, v]) => [
      key,
      { default: String(v.default), ...(v.enum ? { enum: v.enum.map(String) } : {}) },
    ]),
  ),
});

/**
 * What the client needs at run time: servers, the operations it calls (method, path, security, comma-separated query
 * arrays, own server, text answers), the security schemes, the credential forms and the log-in.
 * @param {Provider} p
 */
function specFacts(p) {
  const { doc, manifest: m } = p;
  const l = m.auth.login;
  const loginIds = l ? [l.operation, l.refresh?.operation, l.logout?.operation].filter((id) => id !== undefined) : [];
  const used = usedOperations(m);
  /** @param {string[]} ids @param {Set<string>} schemeNames */
  const operationFacts = (ids, schemeNames) => {
    /** @type {Record<string, object>} */
    const operations = {};
    for (const operation of operationsOf(doc)) {
      const { operationId, method, path, op } = operation;
      if (!ids.includes(operationId)) continue;
      const exploded = parametersOf(doc, operation).filter(
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
        .map(([, r]) => deref(doc, r)?.content ?? {});
      const text = ok.some((c) => c["text/plain"]) && !ok.some((c) => c["application/json"]);
      operations[operationId] = {
        method: method.toUpperCase(),
        path,
        security,
        ...(op.servers?.[0] ? { server: serverFacts(op.servers[0]) } : {}),
        ...(text ? { text: true } : {}),
      };
    }
    return operations;
  };
  /** Facts as TypeScript: JSON, with the placeholders of core's scheme formats (`"@@basicScheme"`) unquoted. */
  const code = (/** @type {string} */ name, /** @type {object} */ value) =>
    `export const ${name} = ${JSON.stringify(value, null, 2).replace(/"@@(\w+)"/g, "$1")} as const;`;
  const apiSchemes = new Set([...Object.values(m.auth.forms).map((f) => f.scheme), ...(l ? [l.scheme] : [])]);
  const operations = operationFacts(
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
    servers: (doc.servers ?? []).map(serverFacts),
    operations,
    schemes,
    forms,
    ...(l ? { loginScheme: l.scheme } : {}),
  };
  /** @type {Record<string, string>} */
  const files = {
    "spec-facts.ts": [
      ...(formats.size ? [`import { ${[...formats].sort().join(", ")} } from "@opstatus/core/internal";`] : []),
      `import type { operations } from "./openapi.js";`,
      "",
      "/** The provider's name (a plain binding, so that bundlers can drop what uses it). */",
      `export const provider = ${literal(p.name)};`,
      "",
      "/** The operations the client calls (the API's in `specFacts`, the log-in's in `loginFacts`). */",
      `export type ClientOperations = Pick<operations, ${used.map(literal).join(" | ")}>;`,
      "",
      "/** What the client needs at run time from the spec and its manifest. */",
      code("specFacts", facts),
      "",
    ].join("\n"),
  };
  if (l) {
    const loginSchemes = new Set();
    const loginOperations = operationFacts(loginIds, loginSchemes);
    for (const name of apiSchemes) loginSchemes.delete(name);
    const login = {
      fields: Object.keys(l.fields).filter((name) => !l.fields[name]?.optional),
      ...(Object.values(l.fields).some((f) => f.optional)
        ? { optional: Object.keys(l.fields).filter((name) => l.fields[name]?.optional) }
        : {}),
      operation: l.operation,
      ...(l.params ? { params: l.params } : {}),
      scheme: l.scheme,
      token: l.token,
      ...(l.expiry ? { expiry: l.expiry } : {}),
      ...(l.refresh ? { refresh: l.refresh } : {}),
      ...(l.logout ? { logout: l.logout } : {}),
      ...(l.serverOption ? { serverOption: l.serverOption } : {}),
      operations: loginOperations,
      ...(loginSchemes.size
        ? {
            basic: [...loginSchemes].map((name) => {
              const scheme = doc.components.securitySchemes[name];
              if (scheme.type !== "http" || String(scheme.scheme).toLowerCase() !== "basic")
                throw new Error(`${p.name}: log-in scheme ${name} is not HTTP Basic`);
              return name;
            }),
          }
        : {}),
    };
    files["login.ts"] = [
      "// The credential engine and how this vendor logs in: one chunk, loaded only by a client given log-in fields.",
      `export { loginSession } from "@opstatus/core/session";`,
      "",
      "/** How the client logs in. */",
      code("loginFacts", login),
      "",
    ].join("\n");
  }
  return files;
}

/**
 * The TypeScript type of the server variables: one object type per server, variables optional.
 * @param {any} doc
 */
function serverVariablesType(doc) {
  const alternatives = (doc.servers ?? [])
    .filter((/** @type {any} */ s) => Object.keys(s.variables ?? {}).length > 0)
    .map((/** @type {any} */ s) => {
      const fields = Object.entries(s.variables).map(([name, v]) => {
        const type = v.enum ? v.enum.map((/** @type {unknown} */ e) => literal(String(e))).join(" | ") : "string";
        const doc = `\`${name}\`${v.description ? `: ${String(v.description).replace(/\s+/g, " ").trim()}` : ""} (default \`${v.default}\`)`;
        return `${jsdoc(doc, "    ")}\n    ${prop(name)}?: ${type};`;
      });
      return `{\n${fields.join("\n")}\n  }`;
    });
  return alternatives.length ? alternatives.join(" | ") : "Record<string, never>";
}

/**
 * The TypeScript types of `auth`: each ready form, and the log-in fields.
 * @param {import("./manifest.mjs").Manifest} m
 */
function authTypes(m) {
  const forms = Object.entries(m.auth.forms).map(
    ([kind, form]) =>
      `{ ${prop(kind)}: ${form.type === "basic" ? "{ username: string; password: string }" : "Credential"} }`,
  );
  const login = m.auth.login;
  const fields =
    login && Object.entries(login.fields).map(([name, f]) => `${prop(name)}${f.optional ? "?" : ""}: ${f.type}`);
  return [...forms, ...(fields ? [`{ ${fields.join("; ")} }`] : [])];
}

/**
 * The provider's public surface, from the manifest (exported for the tests, which run it on in-memory specs).
 * @param {Pick<Provider, "name" | "doc" | "manifest">} p
 */
export function providerModule(p) {
  const { doc, manifest: m } = p;
  const ops = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
  const typeNames = new Map(
    Object.entries(m.types).flatMap(([name, ref]) => ("schema" in ref ? [[ref.schema, name]] : [])),
  );
  const queryNames = new Map(
    Object.entries(m.types).flatMap(([name, ref]) => ("query" in ref ? [[ref.query, name]] : [])),
  );

  /** The success body type of an operation: the friendly name of its 2xx JSON schema, if it has one. */
  const successType = (/** @type {string} */ operationId) => {
    const { op } = /** @type {any} */ (ops.get(operationId));
    for (const [code, response] of Object.entries(op.responses ?? {})) {
      if (!/^2/.test(code)) continue;
      const ref = deref(doc, response)?.content?.["application/json"]?.schema?.$ref;
      const key = ref?.split("/").pop();
      if (key) return typeNames.get(key) ?? `components["schemas"][${literal(key)}]`;
    }
    return `SuccessBody<operations[${literal(operationId)}]>`;
  };

  const out = [];
  const handWrittenMethods = m.methods.filter((x) => x.handWritten);
  out.push(
    `import { OpstatusApiError, type CallOptions, type ClientOptions, type Credential${m.waiter.handWritten ? "" : ", type WaitOptions, type WaitResult"} } from "@opstatus/core";`,
    `import { createApiClient, openapiClient${m.waiter.handWritten ? "" : ", defineWaiter"}${m.auth.login ? ", type SessionHost" : ""}${successTypesNeedHelper(m, successType) ? ", type SuccessBody" : ""} } from "@opstatus/core/internal";`,
    `import type { Client } from "openapi-fetch";`,
    ...handWrittenMethods.map((x) => {
      const hw = /** @type {import("./manifest.mjs").HandWritten} */ (x.handWritten);
      return `import { ${x.name}, type ${hw.returns}${hw.options ? `, type ${hw.options}` : ""} } from "../${hw.module}.js";`;
    }),
    `import type { components, operations, paths } from "./openapi.js";`,
    `import { specFacts, type ClientOperations } from "./spec-facts.js";`,
    "",
    `export type { components, operations, paths } from "./openapi.js";`,
    "// What a user of this package handles from @opstatus/core: the errors, the options and results.",
    "export {",
    "  OpstatusAbortError,",
    "  OpstatusApiError,",
    "  OpstatusAuthError,",
    "  OpstatusError,",
    "  OpstatusNetworkError,",
    "  OpstatusOperationFailedError,",
    "  OpstatusRequestError,",
    "  OpstatusTimeoutError,",
    "  OpstatusUnknownStatusError,",
    `} from "@opstatus/core";`,
    `export type { CallOptions, CanonicalState, ClientOptions, Credential, PollRecord, ProgressEvent, WaitOptions, WaitResult } from "@opstatus/core";`,
    "",
  );

  for (const [name, ref] of Object.entries(m.types)) {
    if ("schema" in ref) {
      const schema = doc.components.schemas[ref.schema];
      const title = schema.title ?? ref.schema;
      const description = firstSentence(schema.description);
      out.push(
        jsdoc(`\`${title}\`${description ? `: ${description}` : ""}`),
        `export type ${name} = components["schemas"][${literal(ref.schema)}];`,
      );
    } else {
      const { method, path } = /** @type {any} */ (ops.get(ref.query));
      out.push(
        jsdoc(`The query parameters of ${method.toUpperCase()} ${path} (\`${ref.query}\`).`),
        `export type ${name} = NonNullable<operations[${literal(ref.query)}]["parameters"]["query"]>;`,
      );
    }
  }
  out.push("");

  out.push(
    jsdoc(`An error answer of ${m.product}, with the parsed \`${m.client.errorBody}\` body.`),
    `export class ${m.client.error} extends OpstatusApiError<${m.client.errorBody}> {`,
    `  override name = ${literal(m.client.error)};`,
    "}",
    "",
  );

  const login = m.auth.login;
  const authDoc = [
    ...(login ? [`- \`{ ${Object.keys(login.fields).join(", ")} }\`: ${login.summary}`] : []),
    ...Object.entries(m.auth.forms).map(([kind, form]) => `- \`{ ${kind} }\`: ${form.summary}`),
  ].join("\n");
  const loginServer = login?.serverOption && ops.get(login.operation)?.op.servers?.[0];
  out.push(
    jsdoc(`Options of \`${m.client.factory}\`. \`auth\` is one of:\n${authDoc}`),
    `export interface ${m.client.interface}Options extends ClientOptions<${authTypes(m).join(" | ")}> {`,
    "  /** The spec's server variables; the spec's defaults fill the rest. Ignored when `baseUrl` is given. */",
    `  serverVariables?: ${serverVariablesType(doc)};`,
    ...(loginServer
      ? [
          jsdoc(
            `The server of the log-in operations (default: \`${loginServer.url}\` with the server variables).`,
            "  ",
          ),
          `  ${login?.serverOption}?: string;`,
        ]
      : []),
    "}",
    "",
  );

  /** The parameters, argument list and call of a named method. */
  const signature = (/** @type {import("./manifest.mjs").Method} */ method) => {
    const operation = /** @type {import("./manifest.mjs").Operation} */ (ops.get(method.operationId));
    const { op, path } = operation;
    const pathNames = pathParameters(path);
    const query = parametersOf(doc, operation).filter((q) => q.in === "query");
    const queryType =
      queryNames.get(method.operationId) ??
      `NonNullable<operations[${literal(method.operationId)}]["parameters"]["query"]>`;
    const args = [
      ...pathNames.map((n) => `${n}: string`),
      ...(query.length ? [`query${query.some((q) => q.required) ? "" : "?"}: ${queryType}`] : []),
      `options?: ${method.handWritten?.options ?? "CallOptions"}`,
    ];
    const names = [...pathNames, ...(query.length ? ["query"] : []), "options"];
    const init = [pathNames.length ? `path: { ${pathNames.map(prop).join(", ")} }` : "", query.length ? "query" : ""]
      .filter(Boolean)
      .join(", ");
    const returns = method.handWritten
      ? `Promise<${method.handWritten.returns}>`
      : `Promise<${successType(method.operationId)}>`;
    return {
      args,
      names,
      init,
      returns,
      summary: `${operation.method.toUpperCase()} ${path}: ${op.summary}`,
    };
  };

  out.push(
    `export interface ${m.client.interface} {`,
    "  /** The base URL every call goes to (from `baseUrl`, or the spec's server and `serverVariables`). */",
    "  readonly baseUrl: string;",
    "  /**",
    "   * Sends `request` with the client's credential and `headers` option, to the base URL's origin only (any other",
    "   * origin, or a closed client: `OpstatusRequestError`, nothing sent; a failed connection: `OpstatusNetworkError`).",
    `   * What \`${m.client.api}(client)\` sends through.`,
    "   */",
    "  fetch(request: Request): Promise<Response>;",
  );
  out.push(
    jsdoc(
      `Ends the client${login?.logout ? `: logs the session out (\`${login.logout.operation}\`) once, if it logged in` : ""}. Later calls fail with \`OpstatusRequestError\`.`,
      "  ",
    ),
    "  close(): Promise<void>;",
    "  /** `close()`, for `await using client = ...`. */",
    "  [Symbol.asyncDispose](): Promise<void>;",
  );
  for (const method of m.methods) {
    const s = signature(method);
    out.push(jsdoc(s.summary, "  "), `  ${method.name}(${s.args.join(", ")}): ${s.returns};`);
  }
  out.push("}", "");

  if (login)
    out.push(
      "/** The credential engine and this vendor's log-in facts, loaded on the first call of a client given log-in fields. */",
      `const loadSession = () => import("./login.js").then(({ loginSession, loginFacts }) => (host: SessionHost) => loginSession(host, loginFacts));`,
      "",
    );
  out.push(
    jsdoc(`${m.client.summary}\n\n\`auth\` is one of:\n${authDoc}`),
    `export function ${m.client.factory}(options: ${m.client.interface}Options): ${m.client.interface} {`,
    `  const client = createApiClient<ClientOperations>(specFacts, options, ${m.client.error}${login ? ", loadSession" : ""});`,
    "  return {",
    "    baseUrl: client.baseUrl,",
    "    fetch: client.fetch,",
    "    close: client.close,",
    "    [Symbol.asyncDispose]: client.close,",
  );
  for (const method of m.methods) {
    const s = signature(method);
    const call = method.handWritten
      ? `${method.name}(client, ${s.names.join(", ")})`
      : `client.body(${literal(method.operationId)}, { ${s.init} }, options)`;
    out.push(`    ${method.name}: (${s.names.join(", ")}) => ${call},`);
  }
  out.push(
    "  };",
    "}",
    "",
    jsdoc(
      `The typed [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) client for the whole spec, sending through \`client.fetch\` (its credential, its headers, its base URL only). Opt-in: a program that never calls it does not bundle openapi-fetch.`,
    ),
    `export function ${m.client.api}(client: ${m.client.interface}): Client<paths> {`,
    "  return openapiClient<paths>(client);",
    "}",
    "",
  );

  const w = m.waiter;
  const stateNotes = Object.entries(w.notes)
    .map(([status, note]) => `- ${status}: ${note}`)
    .join("\n");
  out.push(
    jsdoc(
      `${m.product}: vendor status -> canonical state${w.ignoreCase ? " (letter case is ignored)" : ""}.${stateNotes ? `\n${stateNotes}` : ""}\nAny other status is \`unknown\` and follows the \`unknownStatus\` policy.`,
    ),
    `export const ${w.table} = {`,
    ...Object.entries(w.states).map(([status, state]) => `  ${prop(status)}: ${literal(state)},`),
    "} as const;",
    "",
  );
  if (!w.handWritten) {
    const method = /** @type {import("./manifest.mjs").Method} */ (
      m.methods.find((x) => x.operationId === w.operation)
    );
    const s = signature(method);
    const body = successType(w.operation);
    const callArgs = s.names.map((n) => (n === w.target.name ? "target" : n === "options" ? "o" : "undefined"));
    out.push(
      `const ${w.name}Definition = /* @__PURE__ */ defineWaiter({`,
      `  provider: ${literal(p.name)},`,
      `  operation: ${literal(w.operation)},`,
      `  call: (client: ${m.client.interface}, target: string, o) => client.${method.name}(${callArgs.join(", ")}),`,
      `  states: ${w.table},`,
      `  status: (body: ${body}) => body.${w.status},`,
      ...(w.reason ? [`  reason: (body: ${body}) => body.${w.reason},`] : []),
      ...(w.ignoreCase ? ["  ignoreCase: true,"] : []),
      "});",
      "",
      jsdoc(w.summary),
      `export function ${w.name}(client: ${m.client.interface}, ${w.target.name}: string, options?: WaitOptions<${body}>): Promise<WaitResult<${body}>> {`,
      `  return ${w.name}Definition(client, ${w.target.name}, options);`,
      "}",
      "",
    );
  }
  return out.join("\n");
}

/**
 * Whether some success type falls back to `SuccessBody`.
 * @param {import("./manifest.mjs").Manifest} m
 * @param {(operationId: string) => string} successType
 */
function successTypesNeedHelper(m, successType) {
  return m.methods.some((x) => !x.handWritten && successType(x.operationId).startsWith("SuccessBody<"));
}
