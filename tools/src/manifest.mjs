// The provider manifest: `info.x-opstatus` of each spec. It says what the provider is (package, client factory, named
// methods, waiter, status table, credentials); code generation, the umbrella, the docs site, the benches, the tests
// and the README read it. `readManifest` checks it against the spec and gives it in one normalised shape.

/** @typedef {"pending" | "running" | "succeeded" | "failed" | "canceled"} CanonicalState */

/**
 * @typedef {object} AuthForm one way to authenticate: a ready credential sent with one security scheme
 * @property {string} scheme the spec's security scheme that carries it
 * @property {string} summary what the credential is, for docs
 */

/**
 * @typedef {object} HandWritten where a piece is written by hand, and why (only what is truly the vendor's own)
 * @property {string} module the module under src/ (without extension)
 * @property {string} why
 * @property {string} [returns] for a method: the type it returns, exported by the module
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
 * @property {{ summary: string, forms: Record<string, AuthForm> }} auth
 * @property {{ factory: string, interface: string, error: string, errorBody: string, summary: string }} client
 * @property {Record<string, { schema: string } | { query: string }>} types friendly names of generated types
 * @property {Method[]} methods
 * @property {WaiterManifest} waiter
 */

export const CANONICAL_STATES = ["pending", "running", "succeeded", "failed", "canceled"];
/** The credential kinds a ready-token form can have, and the scheme type each needs. */
export const AUTH_KINDS = { bearer: "http bearer", basic: "http basic", apiKey: "apiKey" };
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MODULE = /^[a-z][a-z0-9-]*$/;

/**
 * Every operation of a spec, with its method and path.
 * @param {any} doc
 * @returns {{ operationId: string, method: string, path: string, op: any, pathItem: any }[]}
 */
export function operationsOf(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of METHODS) if (item[method]?.operationId) out.push({ operationId: item[method].operationId, method, path, op: item[method], pathItem: item });
  return out;
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
  for (const [kind, form] of Object.entries(formsRaw)) {
    if (!(kind in AUTH_KINDS)) fail(`auth.forms.${kind}: unknown kind (known: ${Object.keys(AUTH_KINDS).join(", ")})`);
    const scheme = text(form?.scheme, `auth.forms.${kind}.scheme`);
    const s = schemes[scheme];
    if (!s) fail(`auth.forms.${kind}.scheme: no security scheme "${scheme}" in components.securitySchemes`);
    const type = s.type === "http" ? `http ${String(s.scheme).toLowerCase()}` : s.type;
    if (type !== AUTH_KINDS[/** @type {keyof typeof AUTH_KINDS} */ (kind)]) fail(`auth.forms.${kind}: scheme "${scheme}" is ${type}, not ${AUTH_KINDS[/** @type {keyof typeof AUTH_KINDS} */ (kind)]}`);
    if (type === "apiKey" && s.in !== "header") fail(`auth.forms.${kind}: only header API keys are supported`);
    forms[kind] = { scheme, summary: text(form.summary, `auth.forms.${kind}.summary`) };
  }
  if (Object.keys(forms).length === 0) fail("auth.forms is empty");

  const clientRaw = object(raw.client, "client");
  const client = {
    factory: text(clientRaw.factory, "client.factory", IDENTIFIER),
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
      if (!byId.get(ref.query)?.op.parameters?.some((/** @type {any} */ p) => p.in === "query"))
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
    };
  };

  /** @type {Method[]} */
  const methods = Object.entries(object(raw.methods, "methods")).map(([operationId, entry]) => {
    if (!byId.has(operationId)) fail(`methods.${operationId}: no such operationId in the spec`);
    const spec = typeof entry === "string" ? { name: entry } : object(entry, `methods.${operationId}`);
    const written = handWritten(spec.handWritten, `methods.${operationId}.handWritten`);
    if (written && !written.returns) fail(`methods.${operationId}.handWritten.returns: name the type the method returns`);
    return { operationId, name: text(spec.name, `methods.${operationId}.name`, IDENTIFIER), ...(written ? { handWritten: written } : {}) };
  });
  if (methods.length === 0) fail("methods is empty");

  const w = object(raw.waiter, "waiter");
  const polled = byId.get(text(w.operation, "waiter.operation"));
  if (!polled) fail(`waiter.operation: no operation "${w.operation}" in the spec`);
  if (!methods.some((m) => m.operationId === w.operation)) fail(`waiter.operation "${w.operation}" has no named method`);
  const waiterWritten = handWritten(w.handWritten, "waiter.handWritten");
  const t = object(w.target, "waiter.target");
  const target = {
    name: text(t.name, "waiter.target.name", IDENTIFIER),
    ...(t.object !== undefined ? { object: text(t.object, "waiter.target.object", IDENTIFIER) } : {}),
    ...(t.alternatives !== undefined ? { alternatives: /** @type {Record<string, string>} */ (object(t.alternatives, "waiter.target.alternatives")) } : {}),
    ...(t.example !== undefined ? { example: text(t.example, "waiter.target.example") } : {}),
  };
  if (!waiterWritten && !pathParameters(polled.path).includes(target.name))
    fail(`waiter.target.name "${target.name}" is not a path parameter of ${w.operation}`);
  if (target.object && !waiterWritten) fail("waiter.target.object needs a hand-written waiter");
  /** @type {Record<string, CanonicalState>} */
  const states = {};
  for (const [status, state] of Object.entries(object(w.states, "waiter.states"))) {
    if (!CANONICAL_STATES.includes(state)) fail(`waiter.states.${status}: "${state}" is not one of ${CANONICAL_STATES.join(", ")}`);
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
  if (!waiterWritten && !IDENTIFIER.test(waiter.status)) fail(`waiter.status "${waiter.status}" must be a body field name`);

  return {
    provider,
    vendor: text(raw.vendor, "vendor"),
    product: text(raw.product, "product"),
    package: pkg,
    seed: text(raw.seed, "seed"),
    auth: { summary: text(authRaw.summary, "auth.summary"), forms },
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
    const pointer = current.$ref.replace(/^#\//, "").split("/").map((/** @type {string} */ s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = pointer.reduce((/** @type {any} */ acc, /** @type {string} */ key) => (acc == null ? undefined : acc[key]), doc);
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
  const found = operationsOf(doc).find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  const params = [...(found.pathItem.parameters ?? []), ...(found.op.parameters ?? [])].map((p) => deref(doc, p));
  /** @param {any} p */
  const example = (p) => ("example" in p ? p.example : deref(doc, Object.values(p.examples ?? {})[0])?.value);
  const args = pathParameters(found.path).map((name) => String(example(params.find((p) => p.name === name && p.in === "path")) ?? `${name}-1`));
  const query = params.filter((p) => p.in === "query");
  if (query.length) args.push(Object.fromEntries(query.flatMap((p) => (example(p) === undefined ? [] : [[p.name, example(p)]]))));
  return args;
}
