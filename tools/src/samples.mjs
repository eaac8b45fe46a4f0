// Sample values for a provider, made of its spec's examples and of test values: the arguments of a named method, the
// waiter's target, and credentials (a ready form, or the log-in fields). The README's usage block, the CLI's help, the
// test kit and the benches all take them from here, so that they agree.

/** @typedef {import("./provider-model.mjs").ProviderModel} ProviderModel */
/** @typedef {import("./spec-model.mjs").SpecModel} SpecModel */
/** @typedef {import("./manifest.mjs").Manifest} Manifest */

/** The secret of a sample credential, unless the caller gives its own. */
export const SAMPLE_SECRET = "opstatus-test-credential";

/**
 * The arguments of the named method of `operationId`, made of the spec's parameter examples: the path parameters in
 * path order (`<name>-1` where the spec gives no example), then the query (every query parameter that has an
 * example) when the operation takes one.
 * @param {SpecModel} spec
 * @param {string} operationId
 * @returns {unknown[]}
 */
export function exampleArguments(spec, operationId) {
  const operation = spec.operation(operationId);
  /** @type {unknown[]} */
  const args = operation.pathParameters.map((name) => pathExample(spec, operation, name));
  const query = operation.parameters.filter((p) => p.in === "query");
  if (query.length)
    args.push(Object.fromEntries(query.map((p) => [p.name, spec.example(p)]).filter(([, v]) => v !== undefined)));
  return args;
}

/**
 * The example of a path parameter, as a string; `<name>-1` when the spec gives none.
 * @param {SpecModel} spec
 * @param {import("./spec-model.mjs").Operation} operation
 * @param {string} name
 */
function pathExample(spec, operation, name) {
  const parameter = operation.parameters.find((p) => p.name === name && p.in === "path");
  return String(spec.example(parameter) ?? `${name}-1`);
}

/**
 * An example id of the waiter's target, for docs, help texts and tests: `waiter.target.example`, else the example of
 * the polled operation's path parameter of that name (`<name>-1` when there is none).
 * @param {ProviderModel} model
 * @returns {string}
 */
export function targetExample(model) {
  const { target } = model.manifest.waiter;
  return target.example ?? pathExample(model, model.waiterOperation, target.name);
}

/**
 * Sample log-in fields (the required ones): the value `examples` gives, else, for a field the manifest marks secret,
 * `secret` (the first such field) or `secret-<field>` (the others, so that each is a secret of its own), else
 * `opstatus-<field>` (a user name, a tenant).
 * @param {Manifest} m
 * @param {{ secret?: string, examples?: Record<string, string> }} [options]
 * @returns {Record<string, string>}
 */
export function sampleLogin(m, { secret = SAMPLE_SECRET, examples = {} } = {}) {
  let secrets = 0;
  return Object.fromEntries(
    Object.entries(m.auth.login?.fields ?? {})
      .filter(([, f]) => !f.optional)
      .map(([name, f]) => [
        name,
        examples[name] ?? (f.secret ? (secrets++ ? `${secret}-${name}` : secret) : `opstatus-${name}`),
      ]),
  );
}

/**
 * A sample `auth` option: the first ready form, or the log-in fields (`login: true`, where the vendor has a log-in).
 * @param {Manifest} m
 * @param {{ login?: boolean, secret?: string }} [options]
 * @returns {Record<string, unknown>}
 */
export function sampleAuth(m, { login = false, secret = SAMPLE_SECRET } = {}) {
  if (login && m.auth.login) return sampleLogin(m, { secret });
  const [kind, form] = /** @type {[string, import("./manifest.mjs").AuthForm]} */ (Object.entries(m.auth.forms)[0]);
  return { [kind]: form.type === "basic" ? { username: "opstatus-user", password: secret } : secret };
}

/**
 * Log-in fields a validating mock accepts: where the manifest's body template puts `{field}`, the value the log-in
 * operation's request-body example has at that place; `sampleLogin`'s values for the rest (HTTP Basic fields).
 * @param {ProviderModel} model
 * @returns {Record<string, string>}
 */
export function loginExamples(model) {
  const login = model.manifest.auth.login;
  if (!login) return {};
  const { op } = model.operation(login.operation);
  const example = model.example(model.deref(op.requestBody)?.content?.["application/json"]);
  /** @type {Record<string, string>} */
  const found = {};
  /** @param {any} template @param {any} value */
  const walk = (template, value) => {
    if (typeof template === "string") {
      const field = /^\{(\w+)\}$/.exec(template)?.[1];
      if (field && typeof value === "string") found[field] = value;
    } else if (template && typeof template === "object")
      for (const [key, item] of Object.entries(template)) walk(item, value?.[key]);
  };
  walk(/** @type {any} */ (login.params)?.body, example);
  return sampleLogin(model.manifest, { examples: found });
}
