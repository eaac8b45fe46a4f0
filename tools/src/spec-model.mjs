// An OpenAPI document read once: its operations with their parameters resolved, found by operationId, and the
// examples it gives. Whatever in tools/ needs an operation of a spec asks this model (or the provider model built on
// it, provider-model.mjs) instead of walking `paths` itself.

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * @typedef {object} Operation one operation of a spec
 * @property {string} operationId
 * @property {string} method its key in the path item (lower case)
 * @property {string} path
 * @property {any} op the operation object
 * @property {any} pathItem
 * @property {any[]} parameters the path item's and its own, `$ref`s followed; its own replaces a path item's of the
 *   same name and location (`in`), as OpenAPI says
 * @property {string[]} pathParameters the names in its path, in the order they stand there
 */

/**
 * @typedef {object} SpecModel
 * @property {any} doc the parsed spec
 * @property {Operation[]} operations every operation, in the spec's order (the lint requires an operationId on each)
 * @property {(operationId: string) => Operation | undefined} find the operation of an operationId, if any
 * @property {(operationId: string) => Operation} operation the operation of an operationId; throws, naming the spec,
 *   when it has none
 * @property {(node: any) => any} deref `deref` on this spec
 * @property {(node: any) => unknown} example the first example of a parameter, media type or header: its `example`,
 *   else the value of its first `examples` entry
 */

/**
 * @param {any} doc the parsed spec
 * @param {string} [where] the spec's path, for messages
 * @returns {SpecModel}
 */
export function specModel(doc, where = "the spec") {
  /** @type {Operation[]} */
  const operations = [];
  for (const [path, pathItem] of Object.entries(doc?.paths ?? {}))
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!op?.operationId) continue;
      const parameters = new Map();
      for (const parameter of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(doc, parameter);
        parameters.set(`${p.in} ${p.name}`, p);
      }
      operations.push({
        operationId: op.operationId,
        method,
        path,
        op,
        pathItem,
        parameters: [...parameters.values()],
        pathParameters: pathParameters(path),
      });
    }
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  return {
    doc,
    operations,
    find: (operationId) => byId.get(operationId),
    operation(operationId) {
      const found = byId.get(operationId);
      if (!found) throw new Error(`${where}: no operation ${operationId}`);
      return found;
    },
    deref: (node) => deref(doc, node),
    example(node) {
      if (!node) return undefined;
      return "example" in node ? node.example : deref(doc, Object.values(node.examples ?? {})[0])?.value;
    },
  };
}

/**
 * The path parameters of a path template, in the order they stand in it.
 * @param {string} path
 * @returns {string[]}
 */
export function pathParameters(path) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => /** @type {string} */ (m[1]));
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
