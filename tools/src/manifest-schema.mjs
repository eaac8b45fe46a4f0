// The shape of a provider manifest (`info.x-opstatus` of a spec), as a JSON Schema (2020-12). Ajv checks every
// manifest against it (manifest.mjs), and the manifest's types are derived from it (schema-type.d.ts), so the shape is
// written once. What refers to the spec (operations, security schemes, schemas and parameters exist) is checked in
// code, after this.

/**
 * A string that matches `pattern`.
 * @param {string} pattern
 * @param {string} description
 */
const matching = (pattern, description) => /** @type {const} */ ({ type: "string", pattern, description });

export const manifestSchema = /** @type {const} */ ({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "opstatus:manifest",
  type: "object",
  description: "a provider: its package, client, named methods, waiter, status table and credentials",
  required: ["provider", "vendor", "product", "package", "seed", "auth", "client", "methods", "waiter"],
  additionalProperties: false,
  properties: {
    provider: matching("^[a-z][a-z0-9-]*$", "the provider's folder name"),
    vendor: { $ref: "#/$defs/text" },
    product: { $ref: "#/$defs/text" },
    package: matching("^(@[a-z0-9-]+/)?[a-z0-9][a-z0-9.-]*$", "the npm package"),
    seed: { $ref: "#/$defs/text", description: "the vendor page transcribed (shared/seeds/)" },
    auth: { $ref: "#/$defs/auth" },
    client: { $ref: "#/$defs/client" },
    types: {
      type: "object",
      description: "friendly names of generated types: a component schema, or the query of an operation",
      propertyNames: { $ref: "#/$defs/identifier" },
      additionalProperties: { oneOf: [{ $ref: "#/$defs/schemaType" }, { $ref: "#/$defs/queryType" }] },
      default: {},
    },
    methods: {
      type: "object",
      description: "the client's named methods: operationId -> the method's name, or { name, handWritten }",
      minProperties: 1,
      additionalProperties: { oneOf: [{ $ref: "#/$defs/identifier" }, { $ref: "#/$defs/method" }] },
    },
    waiter: { $ref: "#/$defs/waiter" },
  },
  $defs: {
    text: matching("\\S", "a non-empty text"),
    identifier: matching("^[A-Za-z_$][\\w$]*$", "a JavaScript identifier"),
    canonicalState: { enum: ["pending", "running", "succeeded", "failed", "canceled"] },
    stringMap: { type: "object", additionalProperties: { type: "string" } },

    auth: {
      type: "object",
      required: ["summary", "forms"],
      additionalProperties: false,
      properties: {
        summary: { $ref: "#/$defs/text" },
        forms: {
          type: "object",
          description: "the ready credentials, by the key a user passes in `auth`",
          minProperties: 1,
          propertyNames: { $ref: "#/$defs/identifier" },
          additionalProperties: { $ref: "#/$defs/authForm" },
        },
        login: { $ref: "#/$defs/login" },
      },
    },
    authForm: {
      type: "object",
      description: "one way to authenticate: a ready credential sent with one security scheme",
      required: ["scheme", "summary"],
      additionalProperties: false,
      properties: {
        scheme: { $ref: "#/$defs/text", description: "the spec's security scheme that carries it" },
        summary: { $ref: "#/$defs/text", description: "what the credential is, for docs" },
      },
    },
    login: {
      type: "object",
      description: "the vendor's own log-in, run by the credential engine in core",
      required: ["summary", "fields", "operation", "scheme", "token"],
      additionalProperties: false,
      properties: {
        summary: { $ref: "#/$defs/text" },
        fields: {
          type: "object",
          description:
            "the credential's fields, in the vendor's words: a description, or { description, type, optional, default, secret }",
          minProperties: 1,
          propertyNames: { $ref: "#/$defs/identifier" },
          additionalProperties: { oneOf: [{ $ref: "#/$defs/text" }, { $ref: "#/$defs/loginField" }] },
        },
        operation: { $ref: "#/$defs/text", description: "the log-in operation" },
        params: { type: "object", description: "`{ query, header, body }`, with `{field}` filled in" },
        scheme: { $ref: "#/$defs/text", description: "the security scheme the token is sent with" },
        token: matching(
          "^(body|text|header:[\\w-]+|body:[\\w.]+)$",
          "where the answer carries the token: body, text, header:<name>, body:<path>",
        ),
        expiry: matching(
          "^(seconds|at):[\\w.]+$|^ask:\\w+$",
          "seconds:<path> or at:<path> (a date) of the answer, or ask:<field> of the credential",
        ),
        refresh: { $ref: "#/$defs/loginStep", description: "renews a still-valid token" },
        logout: { $ref: "#/$defs/loginStep" },
        serverOption: {
          $ref: "#/$defs/identifier",
          description: "the client option that overrides the log-in operations' own server",
        },
      },
    },
    loginField: {
      type: "object",
      description: "one field of the log-in credential",
      required: ["description"],
      additionalProperties: false,
      properties: {
        description: { $ref: "#/$defs/text" },
        type: { enum: ["string", "integer"], default: "string" },
        optional: { type: "boolean", default: false },
        default: {
          anyOf: [{ type: "string" }, { type: "integer" }],
          description: "what an optional field is when it is left out: the vendor's own example (e.g. 3600)",
        },
        secret: {
          type: "boolean",
          default: false,
          description:
            "a secret (a password, an API secret or key, a token, a session id): redacted everywhere; user names and tenant ids are not",
        },
      },
    },
    loginStep: {
      type: "object",
      required: ["operation"],
      additionalProperties: false,
      properties: {
        operation: { $ref: "#/$defs/text" },
        params: { type: "object", description: "`{ query, header, body }`, with `{field}` and `{token}` filled in" },
      },
    },

    client: {
      type: "object",
      required: ["factory", "interface", "error", "errorBody", "summary"],
      additionalProperties: false,
      properties: {
        factory: { $ref: "#/$defs/identifier", description: "the function that makes the client" },
        interface: { $ref: "#/$defs/identifier", description: "the client's type" },
        error: { $ref: "#/$defs/identifier", description: "the provider's error class" },
        errorBody: { $ref: "#/$defs/identifier", description: "the type of an error's body: one of `types`" },
        summary: { $ref: "#/$defs/text" },
      },
    },
    schemaType: {
      type: "object",
      required: ["schema"],
      additionalProperties: false,
      properties: { schema: { $ref: "#/$defs/text", description: "a key of components.schemas" } },
    },
    queryType: {
      type: "object",
      required: ["query"],
      additionalProperties: false,
      properties: { query: { $ref: "#/$defs/text", description: "an operation with query parameters" } },
    },
    method: {
      type: "object",
      description: "a named method of the client: one operation",
      required: ["name"],
      additionalProperties: false,
      properties: {
        name: { $ref: "#/$defs/identifier" },
        handWritten: {
          $ref: "#/$defs/handWritten",
          type: "object",
          required: ["returns"],
          description: "a hand-written method names the type it returns",
        },
      },
    },
    handWritten: {
      type: "object",
      description: "where a piece is written by hand, and why (only what is truly the vendor's own)",
      required: ["module", "why"],
      additionalProperties: false,
      properties: {
        module: matching("^[a-z][a-z0-9-]*$", "the module under src/ (without extension)"),
        why: { $ref: "#/$defs/text" },
        returns: {
          $ref: "#/$defs/identifier",
          description: "for a method: the type it returns, exported by the module",
        },
        operations: {
          type: "array",
          description: "for a method: the operations it calls (default: its own)",
          items: { $ref: "#/$defs/text" },
        },
        options: {
          $ref: "#/$defs/identifier",
          description: "for a method: the type of its options, exported by the module (default CallOptions)",
        },
      },
    },

    waiter: {
      type: "object",
      required: ["name", "operation", "target", "status", "summary", "table", "states"],
      additionalProperties: false,
      properties: {
        name: { $ref: "#/$defs/identifier", description: "the exported function" },
        operation: { $ref: "#/$defs/text", description: "the operationId it polls (one with a named method)" },
        handWritten: {
          $ref: "#/$defs/handWritten",
          description:
            "a hand-written waiter: its module exports `<name>Definition(client, target, options)`, over a client type it declares itself; the generated `<name>` calls it",
        },
        target: { $ref: "#/$defs/waiterTarget" },
        status: { $ref: "#/$defs/text", description: "where the vendor status is read" },
        reason: { $ref: "#/$defs/text", description: "the body field with the reason of a failure" },
        ignoreCase: { type: "boolean", default: false },
        summary: { $ref: "#/$defs/text" },
        table: { $ref: "#/$defs/identifier", description: "the exported name of the status table" },
        states: {
          type: "object",
          description: "vendor status -> canonical state, with at least one status that means succeeded",
          additionalProperties: { $ref: "#/$defs/canonicalState" },
          not: { additionalProperties: { not: { const: "succeeded" } } },
        },
        notes: { $ref: "#/$defs/stringMap", description: "vendor status -> a note for docs", default: {} },
      },
      // a generated waiter (no `handWritten`) reads a body field, and takes an id
      if: { not: { required: ["handWritten"] } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`, not a promise
      then: {
        properties: {
          status: { $ref: "#/$defs/identifier", description: "a generated waiter reads the status from a body field" },
          target: {
            not: { type: "object", required: ["object"] },
            description: "a target object needs a hand-written waiter",
          },
        },
      },
    },
    waiterTarget: {
      type: "object",
      description: "what a wait is for",
      required: ["name"],
      additionalProperties: false,
      properties: {
        name: {
          $ref: "#/$defs/identifier",
          description: "the id's name (a path parameter of the polled operation, unless the waiter is hand-written)",
        },
        object: {
          $ref: "#/$defs/identifier",
          description:
            "the type the waiter takes when it is an object (`{ <name>: id }` or an alternative), exported by the hand-written module",
        },
        alternatives: { $ref: "#/$defs/stringMap", description: "other keys of that object, with what they mean" },
        example: {
          $ref: "#/$defs/text",
          description: "an example id, for docs (default: the path parameter's example)",
        },
      },
    },
  },
});
