// The shared client and waiter suites configured from a provider's manifest and spec: what `pnpm new-provider` gives a
// new provider as its test, and what every provider's `test/provider.test.ts` runs. What the manifest cannot say (how
// a hand-written method wraps the body, a hand-written waiter's answers) the provider passes in `options`.
import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../src/manifest.mjs";
import { targetExample } from "../src/samples.mjs";
import { provider as providerOf } from "../src/workspace.mjs";
import { SECRET, exampleArguments, sampleAuth } from "./index.js";
import { describeProviderClient, type ProviderSuiteConfig } from "./provider-suite.js";
import { describeStepEquivalence, sharedScenarios, type StepScenario } from "./step-equivalence.js";
import { describeWaiter, type WaiterSuiteConfig } from "./waiter-suite.js";

type Module = Record<string, any>;
const baseUrl = "https://api.opstatus.test";

export interface ManifestSuiteOptions {
  /** The ready auth form the client suite sends (a key of the manifest's `auth.forms`); the first when left out. */
  auth?: string;
  /** What the manifest cannot say of a named method (a hand-written one), by the method's name. */
  methods?: Record<
    string,
    {
      /** The operation the method calls with the `auth` form, where it calls more than one. */
      operationId?: string;
      /** The typed body a 2xx answer decodes to, from what the method returned (where it wraps the body). */
      bodyOf?(result: unknown): unknown;
    }
  >;
  /**
   * A hand-written waiter's answers (the vendor's own, which the manifest's status table cannot give); `wait` is the
   * manifest's waiter on the target's example unless given.
   */
  waiter?: Omit<WaiterSuiteConfig, "provider" | "ErrorClass" | "wait"> & Partial<Pick<WaiterSuiteConfig, "wait">>;
  /** Scenarios of the provider's own for the step-versus-loop test (e.g. where a vendor's answer sends the next poll). */
  stepScenarios?: StepScenario[];
}

/** `sampleAuth` of the ready form `kind` (rather than the first). */
function readyAuth(m: Manifest, kind: string, secret = SECRET): Record<string, unknown> {
  const form = m.auth.forms[kind];
  if (!form) throw new Error(`${m.provider}: no auth form ${kind}`);
  return sampleAuth({ ...m, auth: { ...m.auth, forms: { [kind]: form } } }, secret);
}

/** The header the ready form `kind` sends for `readyAuth(m, kind)`. */
function authHeader(doc: any, m: Manifest, kind: string): [string, string] {
  const form = m.auth.forms[kind]!;
  const scheme = doc.components.securitySchemes[form.scheme];
  if (form.type === "apiKey") return [String(scheme.name).toLowerCase(), SECRET];
  if (form.type === "basic")
    return ["authorization", `Basic ${Buffer.from(`opstatus-user:${SECRET}`).toString("base64")}`];
  return ["authorization", `Bearer ${SECRET}`];
}

/** Answers that the manifest's status table reads as `state` (for a waiter that reads a status field). */
function answer(m: Manifest, state: string, extra: Record<string, unknown> = {}) {
  const { waiter } = m;
  const status = Object.keys(waiter.states).find((s) => waiter.states[s] === state);
  if (status === undefined) throw new Error(`${m.provider}: no status means ${state}`);
  return { status: 200, body: { [waiter.status]: status, ...extra } };
}

/**
 * Runs the shared client suite for every named method (a hand-written one that wraps the body says how in
 * `options.methods`), and the shared waiter suite: from the manifest for a waiter that reads a status field, or with
 * `options.waiter` for a hand-written one.
 */
export function describeProviderFromManifest(
  provider: string,
  module: Module,
  options: ManifestSuiteOptions = {},
): void {
  const p = providerOf(provider);
  const { doc, manifest: m } = p;
  const kind = options.auth ?? Object.keys(m.auth.forms)[0]!;
  const create: ProviderSuiteConfig["create"] = ({ fetch, auth, headers }) =>
    module[m.client.factory]({ baseUrl, fetch, auth: auth ?? readyAuth(m, kind), ...(headers ? { headers } : {}) });
  for (const name of Object.keys(options.methods ?? {}))
    if (!m.methods.some((method) => method.name === name)) throw new Error(`${provider}: no named method ${name}`);
  for (const method of m.methods) {
    const given = options.methods?.[method.name] ?? {};
    const operationId = given.operationId ?? method.operationId;
    const args = exampleArguments(provider, { ...method, operationId });
    const { path, pathParameters: names } = p.operation(operationId);
    describeProviderClient({
      provider,
      operationId,
      ErrorClass: module[m.client.error],
      RequestError: module.OpstatusRequestError,
      NetworkError: module.OpstatusNetworkError,
      create,
      authWith: (credential) => readyAuth(m, kind, credential),
      authHeader: authHeader(doc, m, kind),
      call: (client) => client[method.name](...args),
      openapi: (client) => module[m.client.api](client),
      ...(given.bodyOf ? { bodyOf: given.bodyOf } : {}),
      ...(names.length === 1
        ? {
            pathParam: {
              call: (client, value) => client[method.name](value, ...args.slice(1)),
              before: path.split(`{${names[0]}}`)[0]!,
              after: path.split(`{${names[0]}}`)[1]!,
            },
          }
        : {}),
    });
  }

  describe(`${provider}: the provider as one value`, () => {
    it("opstatusProvider names the provider, its client factory, its waiter and its error class", () => {
      expect(module.opstatusProvider).toEqual({
        name: provider,
        createClient: module[m.client.factory],
        waiter: module[m.waiter.name],
        ErrorClass: module[m.client.error],
      });
    });
  });

  const w = m.waiter;
  const target = targetExample(p);
  const waitTarget = w.target.object ? { [w.target.name]: target } : target;
  const wait = (url: string, waitOptions: Record<string, unknown>) =>
    module[w.name](module[m.client.factory]({ baseUrl: url, auth: sampleAuth(m) }), waitTarget, waitOptions);
  const failureText = "the operation failed: opstatus test reason";
  const succeeded = answer(m, "succeeded");
  const life = options.waiter ?? {
    running: answer(m, Object.values(w.states).includes("running") ? "running" : "pending"),
    succeeded,
    failed: answer(m, "failed", w.reason ? { [w.reason]: failureText } : {}),
    failureText: w.reason ? failureText : Object.keys(w.states).find((s) => w.states[s] === "failed")!,
    unknown: { status: 200, body: { [w.status]: "OPSTATUS-UNKNOWN-STATUS" } },
    succeededStatus: String(succeeded.body[w.status]),
  };
  describeWaiter({ provider, ErrorClass: module[m.client.error], wait, ...life });
  describeStepEquivalence({
    provider,
    client: (fetch) => module[m.client.factory]({ baseUrl, fetch, auth: sampleAuth(m) }),
    waiter: module[w.name],
    target: waitTarget,
    scenarios: [...sharedScenarios(life, module[m.client.error].name), ...(options.stepScenarios ?? [])],
  });
}
