// The provider code code generation emits for one provider, from its model: types.ts (the friendly type names, a leaf
// module that hand-written code may import) and provider.ts, the public surface (types, error class, client factory
// with its named methods, the typed openapi-fetch client, status table, waiter, and the provider as one value). The
// run-time facts it imports are codegen-facts.mjs's (spec-facts.ts, states.ts, login.ts).
import { loginOnlySchemes } from "./codegen-facts.mjs";
import { firstSentence, jsdoc, literal, prop } from "./typescript-text.mjs";

/**
 * @typedef {Pick<import("./workspace.mjs").Provider,
 *   "name" | "doc" | "manifest" | "operation" | "operations" | "deref" | "waiterMethod" | "loginServer">} Model
 */
/** @typedef {import("./manifest.mjs").Manifest} Manifest */
/** @typedef {import("./manifest.mjs").Method} Method */

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
 * @param {Manifest} m
 */
function authTypes(m) {
  const forms = Object.entries(m.auth.forms).map(
    ([kind, form]) =>
      `{ ${prop(kind)}: ${form.type === "basic" ? "{ username: string; password: string }" : "Credential"} }`,
  );
  const login = m.auth.login;
  const fields =
    login &&
    Object.entries(login.fields).map(
      ([name, f]) => `${prop(name)}${f.optional ? "?" : ""}: ${f.type === "integer" ? "number" : f.type}`,
    );
  return [...forms, ...(fields ? [`{ ${fields.join("; ")} }`] : [])];
}

/**
 * The type names the module uses: the friendly name of a component schema or of an operation's query, and the body
 * type of an operation's success.
 * @param {Model} p
 */
function typeNames(p) {
  const { manifest: m } = p;
  const schemaNames = new Map(
    Object.entries(m.types).flatMap(([name, ref]) => ("schema" in ref ? [[ref.schema, name]] : [])),
  );
  const queryNames = new Map(
    Object.entries(m.types).flatMap(([name, ref]) => ("query" in ref ? [[ref.query, name]] : [])),
  );
  return {
    /** @param {string} operationId */
    query: (operationId) =>
      queryNames.get(operationId) ?? `NonNullable<operations[${literal(operationId)}]["parameters"]["query"]>`,
    /** The success body type of an operation: the friendly name of its 2xx JSON schema, if it has one. */
    success: (/** @type {string} */ operationId) => {
      const { op } = p.operation(operationId);
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (!/^2/.test(code)) continue;
        const ref = p.deref(response)?.content?.["application/json"]?.schema?.$ref;
        const key = ref?.split("/").pop();
        if (key) return schemaNames.get(key) ?? `components["schemas"][${literal(key)}]`;
      }
      return `SuccessBody<operations[${literal(operationId)}]>`;
    },
  };
}

/**
 * A named method's parameters, argument names, request init, return type and summary.
 * @param {Model} p
 * @param {ReturnType<typeof typeNames>} types
 * @param {Method} method
 */
function signature(p, types, method) {
  const { op, path, method: verb, pathParameters: pathNames, parameters } = p.operation(method.operationId);
  const query = parameters.filter((q) => q.in === "query");
  const init = [pathNames.length ? `path: { ${pathNames.map(prop).join(", ")} }` : "", query.length ? "query" : ""]
    .filter(Boolean)
    .join(", ");
  return {
    method,
    args: [
      ...pathNames.map((n) => `${n}: string`),
      ...(query.length ? [`query${query.some((q) => q.required) ? "" : "?"}: ${types.query(method.operationId)}`] : []),
      `options?: ${method.handWritten?.options ?? "CallOptions"}`,
    ],
    names: [...pathNames, ...(query.length ? ["query"] : []), "options"],
    init,
    returns: `Promise<${method.handWritten ? method.handWritten.returns : types.success(method.operationId)}>`,
    summary: `${verb.toUpperCase()} ${path}: ${op.summary}`,
  };
}

/**
 * types.ts: the friendly type names of `types`, each with its doc comment.
 * @param {Model} p
 */
export function typesModule(p) {
  const { doc, manifest: m } = p;
  const refs = Object.values(m.types);
  const used = [
    ...(refs.some((ref) => "schema" in ref) ? ["components"] : []),
    ...(refs.some((ref) => "query" in ref) ? ["operations"] : []),
  ];
  const types = Object.entries(m.types).flatMap(([name, ref]) => {
    if ("schema" in ref) {
      const schema = doc.components.schemas[ref.schema];
      const description = firstSentence(schema.description);
      return [
        jsdoc(`\`${schema.title ?? ref.schema}\`${description ? `: ${description}` : ""}`),
        `export type ${name} = components["schemas"][${literal(ref.schema)}];`,
      ];
    }
    const { method, path } = p.operation(ref.query);
    return [
      jsdoc(`The query parameters of ${method.toUpperCase()} ${path} (\`${ref.query}\`).`),
      `export type ${name} = NonNullable<operations[${literal(ref.query)}]["parameters"]["query"]>;`,
    ];
  });
  return [`import type { ${used.join(", ")} } from "./openapi.js";`, "", ...types, ""].join("\n");
}

/**
 * The waiter: `<name>(client, target, options)`, typed with the client's interface, over `<name>Definition`, which is
 * generated here or, for a hand-written waiter, exported by its module (over a client type the module declares
 * itself, so that it imports nothing from this module).
 * @param {Model} p
 * @param {ReturnType<typeof signature>} polled the signature of the polled operation's named method
 * @param {string} body the polled operation's success body type
 * @returns {string[]}
 */
function waiterCode(p, polled, body) {
  const { manifest: m } = p;
  const w = m.waiter;
  const target = w.target.object ? "target" : w.target.name;
  const callArgs = polled.names.map((n) => (n === w.target.name ? "target" : n === "options" ? "o" : "undefined"));
  const definition = [
    `const ${w.name}Definition = /* @__PURE__ */ defineWaiter({`,
    `  provider: ${literal(p.name)},`,
    `  operation: ${literal(w.operation)},`,
    `  call: (client: ${m.client.interface}, target: string, o) => client.${polled.method.name}(${callArgs.join(", ")}),`,
    "  read: /* @__PURE__ */ statusField({",
    `    states: ${w.table},`,
    `    status: (body: ${body}) => body.${w.status},`,
    ...(w.reason ? [`    reason: (body: ${body}) => body.${w.reason},`] : []),
    ...(w.ignoreCase ? ["    ignoreCase: true,"] : []),
    "  }),",
    "});",
    "",
  ];
  const type = `Waiter<${m.client.interface}, ${w.target.object ?? "string"}, ${body}>`;
  return [
    ...(w.handWritten ? [] : definition),
    jsdoc(
      `${w.summary}\n\n\`${w.name}(client, ${target}, options)\` waits until the operation ends; \`${w.name}.step(client, ${target}, state, options)\` makes one poll and gives back the end or the next state (see "One poll at a time" in \`@opstatus/core\`).`,
    ),
    `export const ${w.name}: ${type} = ${w.name}Definition;`,
    "",
  ];
}

/**
 * The import of each hand-written module: its methods (with the types they return and take) and its waiter.
 * @param {Manifest} m
 * @returns {string[]}
 */
function handWrittenImports(m) {
  /** @type {Map<string, string[]>} */
  const byModule = new Map();
  const add = (/** @type {string} */ module, /** @type {string[]} */ names) =>
    byModule.set(module, [...(byModule.get(module) ?? []), ...names]);
  for (const { name, handWritten: hw } of m.methods)
    if (hw) add(hw.module, [name, `type ${hw.returns}`, ...(hw.options ? [`type ${hw.options}`] : [])]);
  const w = m.waiter;
  if (w.handWritten)
    add(w.handWritten.module, [`${w.name}Definition`, ...(w.target.object ? [`type ${w.target.object}`] : [])]);
  return [...byModule].map(([module, names]) => `import { ${names.join(", ")} } from "../${module}.js";`);
}

/**
 * provider.ts: the provider's public surface, from its model (exported for the tests, which run it on in-memory specs).
 * @param {Model} p
 */
export function providerModule(p) {
  const { doc, manifest: m } = p;
  const types = typeNames(p);
  const methods = m.methods.map((method) => signature(p, types, method));
  const needsSuccessBody = m.methods.some(
    (x) => !x.handWritten && types.success(x.operationId).startsWith("SuccessBody<"),
  );
  const generatedWaiter = !m.waiter.handWritten;
  const login = m.auth.login;
  // core's Basic encoder goes to the session where the log-in alone uses HTTP Basic (the API's schemes carry it else)
  const loginBasic = loginOnlySchemes(p).length > 0;

  const typeList = Object.keys(m.types).join(", ");
  const imports = [
    `import { OpstatusApiError, type CallOptions, type ClientOptions, type Credential, type Waiter } from "@opstatus/core";`,
    `import { ${loginBasic ? "basicScheme, " : ""}createApiClient, openapiClient${generatedWaiter ? ", defineWaiter, statusField" : ""}${p.loginServer ? ", loginServerUrl" : ""}${login ? ", type SessionHost" : ""}${needsSuccessBody ? ", type SuccessBody" : ""} } from "@opstatus/core/internal";`,
    `import type { Client } from "openapi-fetch";`,
    ...handWrittenImports(m),
    `import type { components, operations, paths } from "./openapi.js";`,
    `import { specFacts, type ClientOperations } from "./spec-facts.js";`,
    ...(generatedWaiter ? [`import { ${m.waiter.table} } from "./states.js";`] : []),
    `import type { ${typeList} } from "./types.js";`,
    "",
    `export type { components, operations, paths } from "./openapi.js";`,
    `export type { ${typeList} } from "./types.js";`,
    "// The status table, vendor status -> canonical state.",
    `export { ${m.waiter.table} } from "./states.js";`,
    "// What a user of this package handles from @opstatus/core: the errors and their guard, the options and results.",
    "export {",
    "  isOpstatusError,",
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
    `export type { CallOptions, CanonicalState, ClientOptions, Credential, OpstatusErrorCode, PollEvent, PollRecord, ProgressEvent, StepOptions, Waiter, WaitOptions, WaitResult, WaitState, WaitStep } from "@opstatus/core";`,
    "",
  ];

  const errorClass = [
    jsdoc(`An error answer of ${m.product}, with the parsed \`${m.client.errorBody}\` body.`),
    `export class ${m.client.error} extends OpstatusApiError<${m.client.errorBody}> {`,
    `  override name = ${literal(m.client.error)};`,
    "}",
    "",
  ];

  const authDoc = [
    ...(login ? [`- \`{ ${Object.keys(login.fields).join(", ")} }\`: ${login.summary}`] : []),
    ...Object.entries(m.auth.forms).map(([kind, form]) => `- \`{ ${kind} }\`: ${form.summary}`),
  ].join("\n");
  const loginServer = p.loginServer;
  const variableDocs = Object.entries(loginServer?.variableOptions ?? {}).map(([name, option]) => {
    const v = loginServer?.server.variables[name];
    const type = v?.enum ? v.enum.map((/** @type {unknown} */ e) => literal(String(e))).join(" | ") : "string";
    return [
      jsdoc(
        `The \`${name}\` of the log-in's server (\`${loginServer?.server.url}\`), when \`${loginServer?.option}\` is not given. Without it, the \`${name}\` server variable, or the ${name} the API's endpoint names (\`baseUrl\` or \`serverVariables\`), is taken; when none of them names it, the client is not made (\`OpstatusRequestError\`): the template's default would send the credential to a ${name} that may not be yours.`,
        "  ",
      ),
      `  ${option}?: ${type};`,
    ];
  });
  const options = [
    jsdoc(`Options of \`${m.client.factory}\`. \`auth\` is one of:\n${authDoc}`),
    `export interface ${m.client.interface}Options extends ClientOptions<${authTypes(m).join(" | ")}> {`,
    jsdoc(
      loginServer
        ? `The spec's server variables; the spec's defaults fill the rest. The API's base URL is made of them unless \`baseUrl\` is given; the log-in's server also takes its ${Object.keys(loginServer.variableOptions).join(", ")} from them (see \`${Object.values(loginServer.variableOptions).join("`, `")}\`), with \`baseUrl\` or without.`
        : "The spec's server variables; the spec's defaults fill the rest. Ignored when `baseUrl` is given.",
      "  ",
    ),
    `  serverVariables?: ${serverVariablesType(doc)};`,
    ...(loginServer
      ? [
          jsdoc(
            `The URL of the log-in's server, instead of \`${loginServer.server.url}\` (${Object.values(
              loginServer.variableOptions,
            )
              .map((o) => `\`${o}\``)
              .join(
                ", ",
              )}); ${loginServer.pathPrefix ? `a URL that ends in \`${loginServer.pathPrefix}\`, as such URLs are often held, is taken as it is meant.` : ""}`,
            "  ",
          ),
          `  ${loginServer.option}?: string;`,
          ...variableDocs.flat(),
        ]
      : []),
    "}",
    "",
  ];

  const clientInterface = [
    `export interface ${m.client.interface} {`,
    "  /** The base URL every call goes to (from `baseUrl`, or the spec's server and `serverVariables`). */",
    "  readonly baseUrl: string;",
    "  /**",
    "   * Sends `request` with the client's credential and `headers` option, to the base URL's origin only (any other",
    "   * origin, or a closed client: `OpstatusRequestError`, nothing sent; a failed connection: `OpstatusNetworkError`).",
    `   * What \`${m.client.api}(client)\` sends through.`,
    "   */",
    "  fetch(request: Request): Promise<Response>;",
    jsdoc(
      `Ends the client${login?.logout ? `: logs the session out (\`${login.logout.operation}\`) once, if it logged in` : ""}. Later calls fail with \`OpstatusRequestError\`.`,
      "  ",
    ),
    "  close(): Promise<void>;",
    "  /** `close()`, for `await using client = ...`. */",
    "  [Symbol.asyncDispose](): Promise<void>;",
    ...methods.flatMap((s) => [jsdoc(s.summary, "  "), `  ${s.method.name}(${s.args.join(", ")}): ${s.returns};`]),
    "}",
    "",
  ];

  const factory = [
    ...(login
      ? [
          "/** The credential engine and this vendor's log-in facts, loaded on the first call of a client given log-in fields. */",
          `const loadSession = () => import("./login.js").then(({ loginSession, loginFacts }) => (host: SessionHost) => loginSession(host, loginFacts${loginBasic ? ", basicScheme" : ""}));`,
          "",
        ]
      : []),
    jsdoc(`${m.client.summary}\n\n\`auth\` is one of:\n${authDoc}`),
    `export function ${m.client.factory}(options: ${m.client.interface}Options): ${m.client.interface} {`,
    `  const client = createApiClient<ClientOperations>(specFacts, options, ${m.client.error}${login ? ", loadSession" : ""}${p.loginServer ? ", loginServerUrl" : ""});`,
    "  return {",
    "    baseUrl: client.baseUrl,",
    "    fetch: client.fetch,",
    "    close: client.close,",
    "    [Symbol.asyncDispose]: client.close,",
    ...methods.map(({ method, names, init }) => {
      const call = method.handWritten
        ? `${method.name}(client, ${names.join(", ")})`
        : `client.body(${literal(method.operationId)}, { ${init} }, options)`;
      return `    ${method.name}: (${names.join(", ")}) => ${call},`;
    }),
    "  };",
    "}",
    "",
    jsdoc(
      `The typed [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) client for the whole spec, sending through \`client.fetch\` (its credential, its headers, its base URL only). Opt-in: a program that never calls it does not bundle openapi-fetch.`,
    ),
    `export function ${m.client.api}(client: ${m.client.interface}): Client<paths> {`,
    "  return openapiClient<paths>(client, specFacts.provider);",
    "}",
    "",
  ];

  const polled = /** @type {ReturnType<typeof signature>} */ (methods.find((s) => s.method === p.waiterMethod));
  // the provider as one value, for a driver of waits that serves providers it does not import itself (the queue's
  // worker is handed these); a program that does not use it does not bundle it
  const descriptor = [
    jsdoc(
      `This provider as one value: its name, client factory, waiter and API error class, for a program that drives waits of several providers it is handed (\`createWaitWorker({ providers: [...] })\` in \`@opstatus/queue\`).`,
    ),
    "export const opstatusProvider = {",
    `  name: ${literal(p.name)},`,
    `  createClient: ${m.client.factory},`,
    `  waiter: ${m.waiter.name},`,
    `  ErrorClass: ${m.client.error},`,
    "} as const;",
    "",
  ];
  return [
    ...imports,
    ...errorClass,
    ...options,
    ...clientInterface,
    ...factory,
    ...waiterCode(p, polled, types.success(m.waiter.operation)),
    ...descriptor,
  ].join("\n");
}
