// The provider manifest: `info.x-opstatus` of each spec. It says what the provider is (package, client factory, named
// methods, waiter, status table, credentials); code generation, the umbrella, the docs site, the benches, the tests
// and the README read it. `readManifest` checks it against the spec and gives it in one normalised shape.

/** @typedef {"pending" | "running" | "succeeded" | "failed" | "canceled"} CanonicalState */

/**
 * @typedef {object} AuthForm one way to authenticate: a ready credential sent with one security scheme
 * @property {string} scheme the spec's security scheme that carries it
 * @property {"basic" | "bearer" | "apiKey"} type the scheme's kind: `{ username, password }`, or a token string
 * @property {string} summary what the credential is, for docs
 */

/**
 * @typedef {object} LoginField one field of the log-in credential
 * @property {string} description
 * @property {"string" | "number"} type
 * @property {boolean} optional
 */

/**
 * @typedef {object} LoginStep
 * @property {string} operation
 * @property {object} [params] `{ query, header, body }`, with `{field}` and `{token}` filled in
 */

/**
 * @typedef {object} Login the vendor's own log-in, run by the credential engine in core
 * @property {string} summary
 * @property {Record<string, LoginField>} fields the credential's fields, in the vendor's words
 * @property {string} operation the log-in operation
 * @property {string} scheme the security scheme the token is sent with
 * @property {string} token where the answer carries it: body, text, header:<name>, body:<path>
 * @property {string} [expiry] seconds:<path> of the answer, at:<path> (a date) of the answer, or ask:<field> of the credential
 * @property {object} [params]
 * @property {LoginStep} [refresh] renews a still-valid token
 * @property {LoginStep} [logout]
 * @property {string} [serverOption] the client option that overrides the log-in operations' own server
 */

/**
 * @typedef {object} HandWritten where a piece is written by hand, and why (only what is truly the vendor's own)
 * @property {string} module the module under src/ (without extension)
 * @property {string} why
 * @property {string} [returns] for a method: the type it returns, exported by the module
 * @property {string[]} [operations] for a method: the operations it calls (default: its own)
 * @property {string} [options] for a method: the type of its options, exported by the module (default CallOptions)
 */

/**
 * @typedef {object} Method a named method of the client: one operation
 * @property {string} operationId
 * @property {string} name
 * @property {HandWritten} [handWritten]
 */

/**
 * @typedef {object} WaiterTarget what a wait is for
 * @property {string} name the id's name (a path parameter of the polled operation, unless the waiter is hand-written)
 * @property {string} [object] the type the waiter takes when it is an object (`{ <name>: id }` or an alternative)
 * @property {Record<string, string>} [alternatives] other keys of that object, with what they mean
 * @property {string} [example] an example id, for docs (default: the path parameter's example)
 */

/**
 * @typedef {object} WaiterManifest
 * @property {string} name the exported function
 * @property {string} operation the operationId it polls
 * @property {HandWritten} [handWritten]
 * @property {WaiterTarget} target
 * @property {string} status where the vendor status is read
 * @property {string} [reason] the body field with the reason of a failure
 * @property {boolean} ignoreCase
 * @property {string} summary
 * @property {string} table the exported name of the status table
 * @property {Record<string, CanonicalState>} states vendor status -> canonical state
 * @property {Record<string, string>} notes vendor status -> a note for docs
 */

/**
 * @typedef {object} Manifest
 * @property {string} provider
 * @property {string} vendor
 * @property {string} product
 * @property {string} package the npm package
 * @property {string} seed the vendor page transcribed (shared/seeds/)
 * @property {{ summary: string, forms: Record<string, AuthForm>, login?: Login }} auth
 * @property {{ factory: string, api: string, interface: string, error: string, errorBody: string, summary: string }} client
 *   (`api`: the name of the function that makes the typed openapi-fetch client, derived from `factory`:
 *   createVsphereClient -> createVsphereApi)
 * @property {Record<string, { schema: string } | { query: string }>} types friendly names of generated types
 * @property {Method[]} methods
 * @property {WaiterManifest} waiter
 */

export const CANONICAL_STATES = ["pending", "running", "succeeded", "failed", "canceled"];
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MODULE = /^[a-z][a-z0-9-]*$/;

/** @typedef {{ operationId: string, method: string, path: string, op: any, pathItem: any }} Operation */

/**
 * Every operation of a spec, with its method and path (the lint requires every operation to have an operationId).
 * @param {any} doc
 * @returns {Operation[]}
 */
export function operationsOf(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of METHODS)
      if (item[method]?.operationId)
        out.push({ operationId: item[method].operationId, method, path, op: item[method], pathItem: item });
  return out;
}

/**
 * The operation of an operationId; throws when the spec has none.
 * @param {any} doc
 * @param {string} operationId
 * @returns {Operation}
 */
function operationById(doc, operationId) {
  const found = operationsOf(doc).find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

/**
 * The parameters of an operation: its path item's and its own, `$ref`s followed; its own replaces a path item's of
 * the same name and location (`in`), as OpenAPI says.
 * @param {any} doc
 * @param {{ op: any, pathItem: any }} operation an entry of `operationsOf`
 * @returns {any[]}
 */
export function parametersOf(doc, { op, pathItem }) {
  const byKey = new Map();
  for (const parameter of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = deref(doc, parameter);
    byKey.set(`${p.in} ${p.name}`, p);
  }
  return [...byKey.values()];
}

/**
 * The first example of a parameter, media type or header: its `example`, else the value of its first `examples` entry.
 * @param {any} doc
 * @param {any} node
 * @returns {unknown}
 */
function firstExample(doc, node) {
  if (!node) return undefined;
  return "example" in node ? node.example : deref(doc, Object.values(node.examples ?? {})[0])?.value;
}

/**
 * The path parameters of an operation, in the order they stand in its path.
 * @param {string} path
 * @returns {string[]}
 */
export function pathParameters(path) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => /** @type {string} */ (m[1]));
}

/**
 * Reads and checks `info.x-opstatus`; throws an error naming the spec and the key at fault.
 * @param {any} doc the parsed spec
 * @param {string} where the spec's path, for messages
 * @returns {Manifest}
 */
export function readManifest(doc, where) {
  const raw = doc?.info?.["x-opstatus"];
  /** @param {string} message @returns {never} */
  const fail = (message) => {
    throw new Error(`${where}: info.x-opstatus: ${message}`);
  };
  /** @param {any} value @param {string} key @param {RegExp} [pattern] @returns {string} */
  const text = (value, key, pattern) => {
    if (typeof value !== "string" || !value.trim()) fail(`${key} must be a non-empty string`);
    if (pattern && !pattern.test(value)) fail(`${key} "${value}" does not match ${pattern}`);
    return value;
  };
  /** @param {any} value @param {string} key @returns {Record<string, any>} */
  const object = (value, key) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) fail(`${key} must be a mapping`);
    return value;
  };
  if (!raw) fail("missing");
  const operations = operationsOf(doc);
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  const schemes = doc.components?.securitySchemes ?? {};
  const schemas = doc.components?.schemas ?? {};

  const provider = text(raw.provider, "provider", /^[a-z][a-z0-9-]*$/);
  const pkg = text(raw.package, "package", /^(@[a-z0-9-]+\/)?[a-z0-9][a-z0-9.-]*$/);

  const authRaw = object(raw.auth, "auth");
  const formsRaw = object(authRaw.forms, "auth.forms");
  /** @type {Record<string, AuthForm>} */
  const forms = {};
  /** @param {string} scheme @param {string} key @returns {"basic" | "bearer" | "apiKey"} */
  const schemeType = (scheme, key) => {
    const s = schemes[scheme];
    if (!s) fail(`${key}: no security scheme "${scheme}" in components.securitySchemes`);
    const type = s.type === "http" ? String(s.scheme).toLowerCase() : s.type;
    if (type === "apiKey" && s.in !== "header") fail(`${key}: only header API keys are supported`);
    if (type !== "basic" && type !== "bearer" && type !== "apiKey")
      fail(`${key}: scheme "${scheme}" (${type}) is not basic, bearer or a header API key`);
    return type;
  };
  for (const [kind, form] of Object.entries(formsRaw)) {
    text(kind, "auth.forms key", IDENTIFIER);
    const scheme = text(form?.scheme, `auth.forms.${kind}.scheme`);
    forms[kind] = {
      scheme,
      type: schemeType(scheme, `auth.forms.${kind}.scheme`),
      summary: text(form.summary, `auth.forms.${kind}.summary`),
    };
  }
  if (Object.keys(forms).length === 0) fail("auth.forms is empty");

  /** @param {any} value @param {string} key @returns {LoginStep} */
  const step = (value, key) => {
    object(value, key);
    if (!byId.has(text(value.operation, `${key}.operation`)))
      fail(`${key}.operation: no operation "${value.operation}" in the spec`);
    return {
      operation: value.operation,
      ...(value.params !== undefined ? { params: object(value.params, `${key}.params`) } : {}),
    };
  };
  /** @type {Login | undefined} */
  let login;
  if (authRaw.login !== undefined) {
    const l = object(authRaw.login, "auth.login");
    /** @type {Record<string, LoginField>} */
    const fields = {};
    for (const [name, field] of Object.entries(object(l.fields, "auth.login.fields"))) {
      text(name, "auth.login.fields key", IDENTIFIER);
      if (name in forms) fail(`auth.login.fields.${name}: also a ready-credential form; rename one`);
      const f = typeof field === "string" ? { description: field } : object(field, `auth.login.fields.${name}`);
      fields[name] = {
        description: text(f.description, `auth.login.fields.${name}.description`),
        type: f.type === "number" ? "number" : "string",
        optional: f.optional === true,
      };
    }
    const scheme = text(l.scheme, "auth.login.scheme");
    schemeType(scheme, "auth.login.scheme");
    const token = text(l.token, "auth.login.token", /^(body|text|header:[\w-]+|body:[\w.]+)$/);
    login = {
      summary: text(l.summary, "auth.login.summary"),
      fields,
      ...step(l, "auth.login"),
      scheme,
      token,
      ...(l.expiry !== undefined
        ? { expiry: text(l.expiry, "auth.login.expiry", /^(seconds|at):[\w.]+$|^ask:\w+$/) }
        : {}),
      ...(l.refresh !== undefined ? { refresh: step(l.refresh, "auth.login.refresh") } : {}),
      ...(l.logout !== undefined ? { logout: step(l.logout, "auth.login.logout") } : {}),
      ...(l.serverOption !== undefined
        ? { serverOption: text(l.serverOption, "auth.login.serverOption", IDENTIFIER) }
        : {}),
    };
    if (login.expiry?.startsWith("ask:") && !(login.expiry.slice(4) in fields))
      fail(`auth.login.expiry: no field ${login.expiry.slice(4)}`);
  }

  const clientRaw = object(raw.client, "client");
  const factory = text(clientRaw.factory, "client.factory", IDENTIFIER);
  const client = {
    factory,
    api: `${factory.replace(/Client$/, "")}Api`,
    interface: text(clientRaw.interface, "client.interface", IDENTIFIER),
    error: text(clientRaw.error, "client.error", IDENTIFIER),
    errorBody: text(clientRaw.errorBody, "client.errorBody", IDENTIFIER),
    summary: text(clientRaw.summary, "client.summary"),
  };

  /** @type {Manifest["types"]} */
  const types = {};
  for (const [name, ref] of Object.entries(object(raw.types ?? {}, "types"))) {
    text(name, `types key`, IDENTIFIER);
    if (ref?.schema !== undefined) {
      if (!schemas[ref.schema]) fail(`types.${name}: no schema "${ref.schema}" in components.schemas`);
      types[name] = { schema: ref.schema };
    } else if (ref?.query !== undefined) {
      const operation = byId.get(ref.query);
      if (!operation || !parametersOf(doc, operation).some((p) => p.in === "query"))
        fail(`types.${name}: operation "${ref.query}" has no query parameters`);
      types[name] = { query: ref.query };
    } else fail(`types.${name}: give { schema: <component> } or { query: <operationId> }`);
  }
  if (!types[client.errorBody]) fail(`client.errorBody "${client.errorBody}" is not one of types`);

  /** @param {any} value @param {string} key @returns {HandWritten | undefined} */
  const handWritten = (value, key) => {
    if (value === undefined) return undefined;
    object(value, key);
    return {
      module: text(value.module, `${key}.module`, MODULE),
      why: text(value.why, `${key}.why`),
      ...(value.returns !== undefined ? { returns: text(value.returns, `${key}.returns`, IDENTIFIER) } : {}),
      ...(value.options !== undefined ? { options: text(value.options, `${key}.options`, IDENTIFIER) } : {}),
      ...(value.operations !== undefined
        ? {
            operations: (Array.isArray(value.operations)
              ? value.operations
              : fail(`${key}.operations must be a list`)
            ).map((/** @type {unknown} */ id) =>
              byId.has(String(id)) ? String(id) : fail(`${key}.operations: no operation "${id}"`),
            ),
          }
        : {}),
    };
  };

  /** @type {Method[]} */
  const methods = Object.entries(object(raw.methods, "methods")).map(([operationId, entry]) => {
    if (!byId.has(operationId)) fail(`methods.${operationId}: no such operationId in the spec`);
    const spec = typeof entry === "string" ? { name: entry } : object(entry, `methods.${operationId}`);
    const written = handWritten(spec.handWritten, `methods.${operationId}.handWritten`);
    if (written && !written.returns)
      fail(`methods.${operationId}.handWritten.returns: name the type the method returns`);
    return {
      operationId,
      name: text(spec.name, `methods.${operationId}.name`, IDENTIFIER),
      ...(written ? { handWritten: written } : {}),
    };
  });
  if (methods.length === 0) fail("methods is empty");

  const w = object(raw.waiter, "waiter");
  const polled = byId.get(text(w.operation, "waiter.operation"));
  if (!polled) fail(`waiter.operation: no operation "${w.operation}" in the spec`);
  if (!methods.some((m) => m.operationId === w.operation))
    fail(`waiter.operation "${w.operation}" has no named method`);
  const waiterWritten = handWritten(w.handWritten, "waiter.handWritten");
  const t = object(w.target, "waiter.target");
  const target = {
    name: text(t.name, "waiter.target.name", IDENTIFIER),
    ...(t.object !== undefined ? { object: text(t.object, "waiter.target.object", IDENTIFIER) } : {}),
    ...(t.alternatives !== undefined
      ? { alternatives: /** @type {Record<string, string>} */ (object(t.alternatives, "waiter.target.alternatives")) }
      : {}),
    ...(t.example !== undefined ? { example: text(t.example, "waiter.target.example") } : {}),
  };
  if (!waiterWritten && !pathParameters(polled.path).includes(target.name))
    fail(`waiter.target.name "${target.name}" is not a path parameter of ${w.operation}`);
  if (target.object && !waiterWritten) fail("waiter.target.object needs a hand-written waiter");
  /** @type {Record<string, CanonicalState>} */
  const states = {};
  for (const [status, state] of Object.entries(object(w.states, "waiter.states"))) {
    if (!CANONICAL_STATES.includes(state))
      fail(`waiter.states.${status}: "${state}" is not one of ${CANONICAL_STATES.join(", ")}`);
    states[status] = state;
  }
  if (!Object.values(states).includes("succeeded")) fail("waiter.states: no status means succeeded");
  const waiter = {
    name: text(w.name, "waiter.name", IDENTIFIER),
    operation: w.operation,
    ...(waiterWritten ? { handWritten: waiterWritten } : {}),
    target,
    status: text(w.status, "waiter.status"),
    ...(w.reason !== undefined ? { reason: text(w.reason, "waiter.reason") } : {}),
    ignoreCase: w.ignoreCase === true,
    summary: text(w.summary, "waiter.summary"),
    table: text(w.table, "waiter.table", IDENTIFIER),
    states,
    notes: /** @type {Record<string, string>} */ (object(w.notes ?? {}, "waiter.notes")),
  };
  if (!waiterWritten && !IDENTIFIER.test(waiter.status))
    fail(`waiter.status "${waiter.status}" must be a body field name`);

  return {
    provider,
    vendor: text(raw.vendor, "vendor"),
    product: text(raw.product, "product"),
    package: pkg,
    seed: text(raw.seed, "seed"),
    auth: { summary: text(authRaw.summary, "auth.summary"), forms, ...(login ? { login } : {}) },
    client,
    types,
    methods,
    waiter,
  };
}

/**
 * Follows a local `$ref` (`#/components/...`) until a non-reference object is reached.
 * @param {any} doc
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    const pointer = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((/** @type {string} */ s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = pointer.reduce(
      (/** @type {any} */ acc, /** @type {string} */ key) => (acc == null ? undefined : acc[key]),
      doc,
    );
  }
  return current;
}

/**
 * The arguments of the named method of `operationId`, made of the spec's parameter examples: the path parameters in
 * path order, then the query (every query parameter that has an example) when the operation takes one.
 * @param {any} doc
 * @param {string} operationId
 * @returns {unknown[]}
 */
export function exampleArguments(doc, operationId) {
  const found = operationById(doc, operationId);
  const params = parametersOf(doc, found);
  /** @type {unknown[]} */
  const args = pathParameters(found.path).map((name) => pathExample(doc, params, name));
  const query = params.filter((p) => p.in === "query");
  if (query.length)
    args.push(Object.fromEntries(query.map((p) => [p.name, firstExample(doc, p)]).filter(([, v]) => v !== undefined)));
  return args;
}

/**
 * The example of a path parameter, as a string; `<name>-1` when the spec gives none.
 * @param {any} doc
 * @param {any[]} params the operation's parameters (`parametersOf`)
 * @param {string} name
 */
function pathExample(doc, params, name) {
  const parameter = params.find((p) => p.name === name && p.in === "path");
  return String(firstExample(doc, parameter) ?? `${name}-1`);
}

/**
 * An example id of the waiter's target, for docs and help texts: `waiter.target.example`, else the example of the
 * polled operation's path parameter of that name (`<name>-1` when there is none).
 * @param {any} doc
 * @param {Manifest} m
 * @returns {string}
 */
export function targetExample(doc, m) {
  const { target, operation } = m.waiter;
  return target.example ?? pathExample(doc, parametersOf(doc, operationById(doc, operation)), target.name);
}

/**
 * The operations the client calls at run time: the named methods' (and what hand-written ones name), the waiter's,
 * and the log-in steps'.
 * @param {Manifest} m
 * @returns {string[]}
 */
export function usedOperations(m) {
  const login = m.auth.login;
  const ids = [
    ...m.methods.flatMap((x) => x.handWritten?.operations ?? [x.operationId]),
    m.waiter.operation,
    ...(login ? [login.operation, login.refresh?.operation, login.logout?.operation] : []),
  ];
  return [...new Set(ids.filter((id) => id !== undefined))];
}

/**
 * An `auth` value made of test values, as source text: the first ready form, or the log-in (`login: true`).
 * @param {Manifest} m
 * @param {{ login?: boolean, secret?: string }} [options]
 * @returns {Record<string, unknown>}
 */
export function sampleAuth(m, { login = false, secret = "opstatus-test-credential" } = {}) {
  if (login && m.auth.login)
    return Object.fromEntries(
      Object.entries(m.auth.login.fields)
        .filter(([, f]) => !f.optional)
        .map(([name]) => [name, name === "username" || name === "tenantId" ? `opstatus-${name}` : secret]),
    );
  const [kind, form] = /** @type {[string, AuthForm]} */ (Object.entries(m.auth.forms)[0]);
  return { [kind]: form.type === "basic" ? { username: "opstatus-user", password: secret } : secret };
}

/**
 * The environment variable that holds a log-in field for the CLI and the examples: `OPSTATUS_` and the field in
 * upper snake case (`apiSecret` -> `OPSTATUS_API_SECRET`). A ready token is `OPSTATUS_TOKEN`.
 * @param {string} field
 */
export const envName = (field) => `OPSTATUS_${field.replace(/[A-Z]/g, "_$&").toUpperCase()}`;

/**
 * Example values of the log-in fields: where the manifest's body template puts `{field}`, the value the log-in
 * operation's request-body example has at that place; `opstatus-<field>` for the rest (HTTP Basic fields).
 * @param {any} doc
 * @param {Manifest} m
 * @returns {Record<string, string>}
 */
export function loginExamples(doc, m) {
  const login = m.auth.login;
  if (!login) return {};
  const { op } = operationById(doc, login.operation);
  const example = firstExample(doc, deref(doc, op.requestBody)?.content?.["application/json"]);
  /** @type {Record<string, string>} */
  const found = {};
  /** @param {any} template @param {any} value */
  const walk = (template, value) => {
    if (typeof template === "string") {
      const m = /^\{(\w+)\}$/.exec(template);
      if (m?.[1] && typeof value === "string") found[m[1]] = value;
    } else if (template && typeof template === "object")
      for (const [key, item] of Object.entries(template)) walk(item, value?.[key]);
  };
  walk(/** @type {any} */ (login.params)?.body, example);
  return Object.fromEntries(
    Object.entries(login.fields)
      .filter(([, f]) => !f.optional)
      .map(([name]) => [name, found[name] ?? `opstatus-${name}`]),
  );
}
