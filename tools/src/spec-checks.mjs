// Checks a spec against the vendor page's own inventory (specs/<provider>/page-inventory.json) and validates every
// example it holds with a real JSON Schema 2020-12 validator. Each check returns a list of problems; empty is good.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { deref, specModel } from "./spec-model.mjs";

export { deref };

/**
 * Finds a component schema by its key or by its `title` (where the vendor's name is kept).
 * @param {any} doc
 * @param {string} vendorName
 * @returns {any}
 */
export function findSchema(doc, vendorName) {
  const schemas = doc.components?.schemas ?? {};
  if (schemas[vendorName]) return schemas[vendorName];
  return Object.values(schemas).find((s) => s.title === vendorName);
}

/** Every property a schema can carry, through allOf/anyOf/oneOf. */
/**
 * @param {any} doc
 * @param {any} schema
 * @returns {Record<string, any>}
 */
function properties(doc, schema, seen = new Set()) {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object" || seen.has(s)) return {};
  seen.add(s);
  let props = { ...(s.properties ?? {}) };
  for (const key of ["allOf", "anyOf", "oneOf"])
    for (const sub of s[key] ?? []) props = { ...props, ...properties(doc, sub, seen) };
  return props;
}

/** Every enum/const value reachable from a schema, through refs, combinators and array items. */
/**
 * @param {any} doc
 * @param {any} schema
 * @returns {unknown[]}
 */
function enumValues(doc, schema, seen = new Set()) {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object" || seen.has(s)) return [];
  seen.add(s);
  const values = [...(s.enum ?? []), ...("const" in s ? [s.const] : [])];
  for (const key of ["allOf", "anyOf", "oneOf"])
    for (const sub of s[key] ?? []) values.push(...enumValues(doc, sub, seen));
  if (s.items) values.push(...enumValues(doc, s.items, seen));
  return values;
}

/**
 * @param {any} doc the spec
 * @param {any} inventory the page's items (page-inventory.json)
 * @returns {string[]} the problems; empty is good
 */
export function checkFidelity(doc, inventory) {
  const problems = [];
  const spec = specModel(doc);
  const schemes = doc.components?.securitySchemes ?? {};

  for (const expected of inventory.operations) {
    const where = `operation ${expected.operationId}`;
    const found = spec.find(expected.operationId);
    if (!found) {
      problems.push(`${where}: missing`);
      continue;
    }
    const { op } = found;
    if (found.path !== expected.path || found.method !== expected.method)
      problems.push(
        `${where}: is ${found.method.toUpperCase()} ${found.path}, page says ${expected.method.toUpperCase()} ${expected.path}`,
      );
    for (const key of ["summary", "description"]) if (!op[key]) problems.push(`${where}: no ${key}`);
    const security = op.security ?? doc.security ?? [];
    // A login operation carries its credentials in the request body (e.g. Keystone's password method): the inventory
    // must say so (`"credentials": "body"`), the operation must opt out explicitly with `security: []`, and it must
    // have a required request body. Every other operation needs a security requirement.
    if (expected.credentials === "body") {
      if (!Array.isArray(op.security) || op.security.length !== 0)
        problems.push(
          `${where}: credentials travel in the body, so the operation must declare \`security: []\` explicitly`,
        );
      const body = deref(doc, op.requestBody);
      if (!body?.required || !body.content)
        problems.push(`${where}: credentials travel in the body, but it has no required request body`);
      if (!/body/i.test(op.description ?? ""))
        problems.push(`${where}: credentials travel in the body, but the description does not say so`);
    } else if (expected.credentials !== undefined) {
      problems.push(`${where}: unknown credentials location ${JSON.stringify(expected.credentials)} in the inventory`);
    } else if (security.length === 0) problems.push(`${where}: no security requirement`);

    for (const url of expected.servers ?? [])
      if (!(op.servers ?? []).some((/** @type {{ url: string }} */ server) => server.url === url))
        problems.push(`${where}: operation server ${url} missing`);

    if (expected.requestBody === false) {
      if (op.requestBody) problems.push(`${where}: has a request body, the source says it sends none`);
    } else if (expected.requestBody) {
      const label = `${where}: request body`;
      const body = deref(doc, op.requestBody);
      const wantedType = expected.requestBody.mediaType ?? "application/json";
      const media = body?.content?.[wantedType];
      if (!body) problems.push(`${label}: missing`);
      else if (!media) problems.push(`${label}: no ${wantedType} media type`);
      else {
        if (!body.description) problems.push(`${label}: no description`);
        if (expected.requestBody.required && body.required !== true) problems.push(`${label}: not required`);
        const exampleCount = Object.keys(media.examples ?? {}).length + ("example" in media ? 1 : 0);
        if (exampleCount < (expected.requestBody.examples ?? 0))
          problems.push(`${label}: ${exampleCount} example(s), the source shows ${expected.requestBody.examples}`);
        if (expected.requestBody.schema) {
          const wanted = findSchema(doc, expected.requestBody.schema);
          if (!wanted) problems.push(`${label}: schema ${expected.requestBody.schema} missing`);
          else if (deref(doc, media.schema) !== wanted)
            problems.push(`${label}: is not ${expected.requestBody.schema}`);
        }
      }
    }
    const params = found.parameters;

    for (const param of expected.parameters) {
      const label = `${where}: ${param.in} parameter ${param.name}`;
      if (param.as === "security") {
        const carried = security.some((/** @type {Record<string, string[]>} */ req) =>
          Object.keys(/** @type {object} */ (req)).some((schemeName) => {
            const scheme = schemes[schemeName];
            if (!scheme) return false;
            if (scheme.type === "apiKey")
              return scheme.in === param.in && scheme.name.toLowerCase() === param.name.toLowerCase();
            return scheme.type === "http" && param.name.toLowerCase() === "authorization";
          }),
        );
        if (!carried) problems.push(`${label}: not carried by any security scheme of the operation`);
        if (param.schemes) {
          const declared = [...new Set(security.flatMap((/** @type {object} */ req) => Object.keys(req)))].sort();
          if (JSON.stringify(declared) !== JSON.stringify([...param.schemes].sort()))
            problems.push(
              `${label}: security schemes are ${declared.join(", ") || "none"}, the source says ${param.schemes.join(", ")}`,
            );
        }
        continue;
      }
      if (param.as === "media-type") {
        const json = Object.values(op.responses ?? {}).some((r) => deref(doc, r)?.content?.["application/json"]);
        if (!json) problems.push(`${label}: no application/json media type expresses it`);
        continue;
      }
      const p = params.find((x) => x.name === param.name && x.in === param.in);
      if (!p) {
        problems.push(`${label}: missing`);
        continue;
      }
      if (!p.description) problems.push(`${label}: no description`);
      if (!p.schema) problems.push(`${label}: no schema`);
      if (param.in === "path" && p.required !== true) problems.push(`${label}: path parameters are required`);
      if ("example" in param) {
        const examples = [p.example, ...Object.values(p.examples ?? {}).map((e) => deref(doc, e)?.value)];
        if (!examples.includes(param.example))
          problems.push(`${label}: page example ${JSON.stringify(param.example)} missing`);
      }
    }

    for (const [code, expectedResponse] of Object.entries(expected.responses)) {
      const label = `${where}: response ${code}`;
      const response = deref(doc, op.responses?.[code]);
      if (!response) {
        problems.push(`${label}: missing`);
        continue;
      }
      if (!response.description) problems.push(`${label}: no description`);
      const headerNames = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
      for (const header of expectedResponse.headers ?? [])
        if (!headerNames.includes(header.toLowerCase())) problems.push(`${label}: header ${header} missing`);
      const mediaType = expectedResponse.mediaType ?? "application/json";
      const media = response.content?.[mediaType];
      if (expectedResponse.mediaType && !media) problems.push(`${label}: no ${mediaType} media type`);
      const exampleCount = media ? Object.keys(media.examples ?? {}).length + ("example" in media ? 1 : 0) : 0;
      if (exampleCount < (expectedResponse.examples ?? 0))
        problems.push(`${label}: ${exampleCount} example(s), the page shows ${expectedResponse.examples}`);
      if (expectedResponse.schema) {
        const schema = deref(doc, media?.schema);
        const wanted = findSchema(doc, expectedResponse.schema);
        if (!wanted) problems.push(`${label}: schema ${expectedResponse.schema} missing`);
        else if (schema !== wanted) problems.push(`${label}: does not return ${expectedResponse.schema}`);
      }
    }
  }

  for (const [vendorName, fields] of Object.entries(inventory.schemas ?? {})) {
    const schema = findSchema(doc, vendorName);
    if (!schema) {
      problems.push(`schema ${vendorName}: missing`);
      continue;
    }
    const props = properties(doc, schema);
    for (const field of fields) {
      if (!(field in props)) problems.push(`schema ${vendorName}: field ${field} missing`);
      else if (!deref(doc, props[field])?.description && !props[field].description)
        problems.push(`schema ${vendorName}: field ${field} has no description`);
    }
  }

  for (const [key, values] of Object.entries(inventory.enums ?? {})) {
    const [vendorName = "", field = ""] = key.split(".");
    const schema = findSchema(doc, vendorName);
    const prop = schema && properties(doc, schema)[field];
    if (!prop) {
      problems.push(`enum ${key}: property missing`);
      continue;
    }
    const have = enumValues(doc, prop);
    for (const value of values) if (!have.includes(value)) problems.push(`enum ${key}: value ${value} missing`);
  }
  return problems;
}

/** Every example in the document, with the schema it must satisfy. */
/**
 * @param {any} doc
 * @returns {{ where: string, schema: any, value: unknown }[]}
 */
function collectExamples(doc) {
  /** @type {{ where: string, schema: any, value: unknown }[]} */
  const out = [];
  /** @param {string} where @param {any} schema @param {any} media */
  const add = (where, schema, media) => {
    if (!media) return;
    if ("example" in media) out.push({ where: `${where} example`, schema, value: media.example });
    for (const [name, ex] of Object.entries(media.examples ?? {})) {
      const e = deref(doc, ex);
      if (e && "value" in e) out.push({ where: `${where} examples.${name}`, schema, value: e.value });
    }
  };
  for (const { path, method, op, parameters } of specModel(doc).operations) {
    const prefix = `${method.toUpperCase()} ${path}`;
    for (const p of parameters) add(`${prefix} parameter ${p.name}`, p.schema, p);
    for (const [type, media] of Object.entries(deref(doc, op.requestBody)?.content ?? {}))
      add(`${prefix} request body ${type}`, media.schema, media);
    for (const [code, r] of Object.entries(op.responses ?? {})) {
      const response = deref(doc, r);
      for (const [type, media] of Object.entries(response?.content ?? {}))
        add(`${prefix} ${code} ${type}`, media.schema, media);
      for (const [name, h] of Object.entries(response?.headers ?? {})) {
        const header = deref(doc, h);
        add(`${prefix} ${code} header ${name}`, header?.schema, header);
      }
    }
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
    for (const [i, value] of (schema.examples ?? []).entries())
      out.push({ where: `schema ${name} examples[${i}]`, schema: { $ref: `#/components/schemas/${name}` }, value });
  return out;
}

/** Validates every example against its schema with Ajv (JSON Schema 2020-12, formats checked). */
/**
 * @param {any} doc
 * @returns {{ count: number, problems: string[] }}
 */
export function validateExamples(doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default ? addFormats.default(ajv) : addFormats(ajv);
  ajv.addSchema({ $id: "opstatus:spec", components: doc.components ?? {} });
  const rebase = (/** @type {any} */ schema) =>
    JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"opstatus:spec#/'));
  const problems = [];
  const examples = collectExamples(doc);
  for (const { where, schema, value } of examples) {
    if (!schema) {
      problems.push(`${where}: example without a schema`);
      continue;
    }
    const validate = ajv.compile(rebase(schema));
    if (!validate(value)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
  }
  return { count: examples.length, problems };
}
