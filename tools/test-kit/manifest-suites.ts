// The shared client and waiter suites configured from a provider's manifest and spec alone: what `pnpm new-provider`
// gives a new provider as its test. A hand-written waiter (its answers are the vendor's own) passes its steps itself.
import { Buffer } from "node:buffer";
import { targetExample } from "../src/samples.mjs";
import { provider as providerOf } from "../src/workspace.mjs";
import { SECRET, exampleArguments, sampleAuth } from "./index.js";
import { describeProviderClient } from "./provider-suite.js";
import { describeWaiter, type WaiterSuiteConfig } from "./waiter-suite.js";

type Module = Record<string, any>;
const baseUrl = "https://api.opstatus.test";

/** The header the manifest's first auth form sends for `sampleAuth(manifest)`. */
function authHeader(provider: string): [string, string] {
  const { doc, manifest } = providerOf(provider);
  const [, form] = Object.entries(manifest.auth.forms)[0]!;
  const scheme = doc.components.securitySchemes[form.scheme];
  if (form.type === "apiKey") return [String(scheme.name).toLowerCase(), SECRET];
  if (form.type === "basic")
    return ["authorization", `Basic ${Buffer.from(`opstatus-user:${SECRET}`).toString("base64")}`];
  return ["authorization", `Bearer ${SECRET}`];
}

/** Answers that the manifest's status table reads as `state` (for a waiter that reads a status field). */
function answer(provider: string, state: string, extra: Record<string, unknown> = {}) {
  const { waiter } = providerOf(provider).manifest;
  const status = Object.keys(waiter.states).find((s) => waiter.states[s] === state);
  if (status === undefined) throw new Error(`${provider}: no status means ${state}`);
  return { status: 200, body: { [waiter.status]: status, ...extra } };
}

/**
 * Runs the shared client suite for every named method whose body the client returns as it is, and the shared waiter
 * suite: from the manifest for a waiter that reads a status field, or with `waiter` for a hand-written one.
 */
export function describeProviderFromManifest(
  provider: string,
  module: Module,
  waiter?: Omit<WaiterSuiteConfig, "provider" | "ErrorClass">,
): void {
  const p = providerOf(provider);
  const m = p.manifest;
  const create = ({ fetch, auth }: { fetch: (r: Request) => Promise<Response>; auth?: unknown }) =>
    module[m.client.factory]({ baseUrl, fetch, auth: auth ?? sampleAuth(m) });
  for (const method of m.methods.filter((x) => !x.handWritten)) {
    const args = exampleArguments(provider, method);
    const { path, pathParameters: names } = p.operation(method.operationId);
    describeProviderClient({
      provider,
      operationId: method.operationId,
      ErrorClass: module[m.client.error],
      RequestError: module.OpstatusRequestError,
      NetworkError: module.OpstatusNetworkError,
      create,
      authWith: (credential) => sampleAuth(m, credential),
      authHeader: authHeader(provider),
      call: (client) => client[method.name](...args),
      openapi: (client) => module[m.client.api](client),
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

  const w = m.waiter;
  const target = targetExample(p);
  const wait = (url: string, options: Record<string, unknown>) =>
    module[w.name](
      module[m.client.factory]({ baseUrl: url, auth: sampleAuth(m) }),
      w.target.object ? { [w.target.name]: target } : target,
      options,
    );
  if (waiter) {
    describeWaiter({ provider, ErrorClass: module[m.client.error], ...waiter });
    return;
  }
  const failureText = "the operation failed: opstatus test reason";
  const succeeded = answer(provider, "succeeded");
  describeWaiter({
    provider,
    ErrorClass: module[m.client.error],
    wait,
    running: answer(provider, Object.values(w.states).includes("running") ? "running" : "pending"),
    succeeded,
    failed: answer(provider, "failed", w.reason ? { [w.reason]: failureText } : {}),
    failureText: w.reason ? failureText : Object.keys(w.states).find((s) => w.states[s] === "failed")!,
    unknown: { status: 200, body: { [w.status]: "OPSTATUS-UNKNOWN-STATUS" } },
    succeededStatus: String(succeeded.body[w.status]),
  });
}
