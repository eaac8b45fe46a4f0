// The shape of src/generated/providers.ts: what the CLI knows of a provider, all of it from the provider's manifest
// (`info.x-opstatus` of its spec) and the spec's servers. The CLI has no per-provider code beyond this data.

export interface ProviderInfo {
  /** The provider's name, the first argument of `get` and `wait`. */
  name: string;
  product: string;
  /** The npm package, loaded with `import()` only when this provider is used. */
  package: string;
  /** The exported client factory, `createXClient(options)`. */
  factory: string;
  /** The exported waiter, `(client, target, options)`. */
  waiter: string;
  /** The client's named method for the status call the waiter polls. */
  method: string;
  target: {
    /** The id's name (`vm`, `jobId`, ...). */
    name: string;
    example: string;
    /** The waiter takes an object: `{ [name]: id }`, or one of `alternatives`. */
    object?: boolean;
    /** Other keys of that object, each with its own option (`resourceId` -> `--resource`). */
    alternatives: { key: string; option: string; description: string }[];
  };
  /** The ready credentials `auth` takes (`{ bearer }`, `{ apiKey }`, `{ basic: { username, password } }`). */
  forms: { key: string; type: "basic" | "bearer" | "apiKey"; summary: string }[];
  /** The vendor's log-in, where it has one: `auth` takes these fields. */
  login?: {
    summary: string;
    fields: { name: string; env: string; type: "string" | "integer"; optional: boolean; description: string }[];
    /** The client logs the session out in `close()`. */
    logout: boolean;
    /**
     * The options of the log-in's own server (`keystoneUrl` -> `--keystone-url`, `keystoneRegion` ->
     * `--keystone-region`): what each takes (`URL`, `REGION`) and, for a variable, its values.
     */
    serverOptions: { name: string; option: string; value: string; enum?: string[] }[];
  };
  /** The spec's servers: the client takes the first whose variables cover the ones given. */
  servers: {
    url: string;
    variables: { name: string; option: string; default: string; enum?: string[]; description: string }[];
  }[];
  /** Vendor status -> canonical state. */
  states: Record<string, string>;
}
