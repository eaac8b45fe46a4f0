// The provider manifest: `info.x-opstatus` of each spec. It says what the provider is (package, client factory, named
// methods, waiter, status table, credentials); code generation, the umbrella, the docs site, the benches, the tests
// and the README read it, through the provider model (provider-model.mjs). `readManifest` checks its shape against
// the JSON Schema (manifest-schema.mjs), then what it says of the spec, and gives it in one normalised shape.
import { Ajv2020 } from "ajv/dist/2020.js";
import { manifestSchema } from "./manifest-schema.mjs";

/**
 * @template {keyof Schema["$defs"]} K
 * @typedef {import("./schema-type.js").FromSchema<Schema["$defs"][K], Schema, true>} Def a `$defs` entry's values,
 *   defaults filled in
 */
/** @typedef {typeof manifestSchema} Schema */
/** @typedef {import("./schema-type.js").FromSchema<Schema, Schema, true>} CheckedManifest what the schema accepts */
/** @typedef {import("./spec-model.mjs").SpecModel} SpecModel */

/** @typedef {Def<"canonicalState">} CanonicalState */
/** @typedef {"basic" | "bearer" | "apiKey"} SchemeType a security scheme's kind: `{ username, password }`, or a token */
/** @typedef {Def<"authForm"> & { type: SchemeType }} AuthForm */
/** @typedef {Omit<Required<Def<"loginField">>, "default"> & { default?: string | number }} LoginField */
/** @typedef {Def<"loginStep">} LoginStep */
/** @typedef {Omit<Def<"login">, "fields"> & { fields: Record<string, LoginField> }} Login */
/** @typedef {Def<"handWritten">} HandWritten */
/** @typedef {{ operationId: string } & Def<"method">} Method */
/** @typedef {Def<"waiterTarget">} WaiterTarget */
/** @typedef {Def<"waiter">} WaiterManifest */
/**
 * @typedef {Omit<CheckedManifest, "auth" | "client" | "methods"> & {
 *   auth: { summary: string, forms: Record<string, AuthForm>, login?: Login },
 *   client: Def<"client"> & { api: string },
 *   methods: Method[],
 * }} Manifest the manifest, checked and normalised: the methods as a list, each log-in field in full, each form with
 *   its scheme's type, and `client.api`, the function that makes the typed openapi-fetch client (derived from
 *   `factory`: createVsphereClient -> createVsphereApi)
 */

/** @type {readonly CanonicalState[]} */
export const CANONICAL_STATES = manifestSchema.$defs.canonicalState.enum;

/** @type {import("ajv").ValidateFunction<CheckedManifest> | undefined} */
let validate;

/**
 * Checks `info.x-opstatus` of a spec: its shape against the schema, then what it names in the spec; throws an error
 * naming the spec and the key at fault.
 * @param {SpecModel} spec the spec (its model)
 * @param {string} where the spec's path, for messages
 * @returns {Manifest}
 */
export function readManifest(spec, where) {
  /** @param {string} message @returns {never} */
  const fail = (message) => {
    throw new Error(`${where}: info.x-opstatus: ${message}`);
  };
  const raw = spec.doc?.info?.["x-opstatus"];
  if (!raw) fail("missing");
  validate ??= new Ajv2020({ allErrors: true, useDefaults: true, verbose: true }).compile(manifestSchema);
  // a copy: the defaults are filled in, and the spec stays as it was read
  const m = structuredClone(raw);
  if (!validate(m)) fail(shapeErrors(validate.errors ?? []));

  const schemes = spec.doc.components?.securitySchemes ?? {};
  /** @param {string} scheme @param {string} key @returns {SchemeType} */
  const schemeType = (scheme, key) => {
    const s = schemes[scheme];
    if (!s) fail(`${key}: no security scheme "${scheme}" in components.securitySchemes`);
    const type = s.type === "http" ? String(s.scheme).toLowerCase() : s.type;
    if (type === "apiKey" && s.in !== "header") fail(`${key}: only header API keys are supported`);
    if (type !== "basic" && type !== "bearer" && type !== "apiKey")
      fail(`${key}: scheme "${scheme}" (${type}) is not basic, bearer or a header API key`);
    return type;
  };
  /** @param {string} operationId @param {string} key */
  const operation = (operationId, key) =>
    spec.find(operationId) ?? fail(`${key}: no operation "${operationId}" in the spec`);

  /** @type {Record<string, AuthForm>} */
  const forms = {};
  for (const [kind, form] of Object.entries(m.auth.forms))
    forms[kind] = { ...form, type: schemeType(form.scheme, `auth.forms.${kind}.scheme`) };

  /** @type {Login | undefined} */
  let login;
  if (m.auth.login) {
    const { fields: given, ...l } = m.auth.login;
    /** @type {Record<string, LoginField>} */
    const fields = {};
    for (const [name, field] of Object.entries(given)) {
      if (name in forms) fail(`auth.login.fields.${name}: also a ready-credential form; rename one`);
      // the defaults are filled in here: Ajv fills none inside a `oneOf`
      /** @type {{ description: string, type?: LoginField["type"], optional?: boolean, secret?: boolean, default?: string | number }} */
      const f = typeof field === "string" ? { description: field } : /** @type {any} */ (field);
      fields[name] = {
        description: f.description,
        type: f.type ?? "string",
        optional: f.optional ?? false,
        secret: f.secret ?? false,
        ...(f.default === undefined ? {} : { default: f.default }),
      };
      if (f.default !== undefined && !f.optional)
        fail(`auth.login.fields.${name}.default: only an optional field has one`);
    }
    schemeType(l.scheme, "auth.login.scheme");
    for (const [key, step] of /** @type {const} */ ([
      ["auth.login", l],
      ["auth.login.refresh", l.refresh],
      ["auth.login.logout", l.logout],
    ]))
      if (step) operation(step.operation, `${key}.operation`);
    if (l.expiry?.startsWith("ask:") && !(l.expiry.slice(4) in fields))
      fail(`auth.login.expiry: no field ${l.expiry.slice(4)}`);
    login = { ...l, fields };
  }

  const schemas = spec.doc.components?.schemas ?? {};
  for (const [name, ref] of Object.entries(m.types)) {
    if ("schema" in ref && !schemas[ref.schema]) fail(`types.${name}: no schema "${ref.schema}" in components.schemas`);
    if ("query" in ref && !spec.find(ref.query)?.parameters.some((p) => p.in === "query"))
      fail(`types.${name}: operation "${ref.query}" has no query parameters`);
  }
  if (!m.types[m.client.errorBody]) fail(`client.errorBody "${m.client.errorBody}" is not one of types`);

  /** @type {Method[]} */
  const methods = Object.entries(m.methods).map(([operationId, entry]) => {
    operation(operationId, `methods.${operationId}`);
    const method = typeof entry === "string" ? { name: entry } : entry;
    for (const id of method.handWritten?.operations ?? [])
      operation(id, `methods.${operationId}.handWritten.operations`);
    return { operationId, ...method };
  });

  const w = m.waiter;
  const polled = operation(w.operation, "waiter.operation");
  if (!(w.operation in m.methods)) fail(`waiter.operation "${w.operation}" has no named method`);
  if (!w.handWritten && !polled.pathParameters.includes(w.target.name))
    fail(`waiter.target.name "${w.target.name}" is not a path parameter of ${w.operation}`);

  return {
    ...m,
    auth: { summary: m.auth.summary, forms, ...(login ? { login } : {}) },
    client: { ...m.client, api: `${m.client.factory.replace(/Client$/, "")}Api` },
    methods,
  };
}

/**
 * Ajv's errors as one message: each names the key at fault (`waiter.target.name`) and what the schema says of it.
 * @param {import("ajv").ErrorObject[]} errors
 */
function shapeErrors(errors) {
  const lines = errors
    // an `if` only says that its `then` failed, and a `oneOf` that none of its branches fit: the branches say why
    .filter((e) => e.keyword !== "if" && e.keyword !== "oneOf")
    .map((e) => {
      const key = e.instancePath.slice(1).replaceAll("/", ".") || "(the manifest)";
      const description = e.parentSchema?.description;
      // a `not` says only that something matched: its schema's description says what must not be
      if (e.keyword === "not" && description) return `${key}: ${description}`;
      const detail =
        e.keyword === "additionalProperties"
          ? ` (${e.params.additionalProperty})`
          : e.keyword === "enum"
            ? ` (${e.params.allowedValues.join(", ")})`
            : "";
      return `${key}: ${e.message}${detail}${description ? `: ${description}` : ""}`;
    });
  return [...new Set(lines)].join("; ");
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
 * The environment variable that holds a log-in field for the CLI and the examples: `OPSTATUS_` and the field in
 * upper snake case (`apiSecret` -> `OPSTATUS_API_SECRET`). A ready token is `OPSTATUS_TOKEN`.
 * @param {string} field
 */
export const envName = (field) => `OPSTATUS_${field.replace(/[A-Z]/g, "_$&").toUpperCase()}`;
