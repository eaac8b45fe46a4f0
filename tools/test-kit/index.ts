// Shared test helpers for the provider packages: spec examples, an injected fetch, loopback servers, hostile input.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Manifest, Method } from "../src/manifest.mjs";
import { exampleArguments as argumentsFromSpec, sampleAuth as sampleAuthOf } from "../src/samples.mjs";
import { provider as providerOf } from "../src/workspace.mjs";

/** A credential value tests send and then look for in every error message: it must never show up. */
export const SECRET = "opstatus-Secret-Token-3f9a7c";
export const SECRET_PASSWORD = "opstatus-Secret-Password-8d2e1b";

/** The provider's spec, parsed afresh (a copy the caller may change). */
export function loadSpec(provider: string): any {
  return parse(readFileSync(providerOf(provider).specPath, "utf8"));
}

export interface DocumentedResponse {
  operationId: string;
  /** The response key in the spec: "200", "404", "default". */
  code: string;
  /** The HTTP status to serve ("default" is served as 418, a code no spec lists). */
  status: number;
  exampleName: string | undefined;
  value: unknown;
  headers: Record<string, string>;
}

/** Every documented response of every operation, once per example (once without a body where there is none). */
export function documentedResponses(provider: string): DocumentedResponse[] {
  const spec = providerOf(provider);
  const out: DocumentedResponse[] = [];
  for (const { operationId, op } of spec.operations)
    for (const [code, ref] of Object.entries<any>(op.responses)) {
      const response = spec.deref(ref);
      const headers: Record<string, string> = {};
      for (const [name, h] of Object.entries<any>(response.headers ?? {})) {
        const example = spec.example(spec.deref(h));
        if (example !== undefined) headers[name] = String(example);
      }
      const status = code === "default" ? 418 : Number(code);
      const examples = Object.entries<any>(response.content?.["application/json"]?.examples ?? {});
      if (examples.length === 0)
        out.push({ operationId, code, status, exampleName: undefined, value: undefined, headers });
      for (const [name, ex] of examples)
        out.push({ operationId, code, status, exampleName: name, value: spec.deref(ex).value, headers });
    }
  return out;
}

/** The arguments of a named method, made of the spec's parameter examples (see `exampleArguments` in samples.mjs). */
export function exampleArguments(provider: string, method: Method): unknown[] {
  return argumentsFromSpec(providerOf(provider), method.operationId);
}

/** A credential of the manifest's first ready form (or its log-in, `login: true`), made of test values (`SECRET` unless given). */
export function sampleAuth(manifest: Manifest, secret = SECRET, login = false): Record<string, unknown> {
  return sampleAuthOf(manifest, { secret, login });
}

/** Whether `value` is `expected`, or holds it as one of its own properties (a method that wraps the body). */
export function holdsBody(value: unknown, expected: unknown): boolean {
  const same = (a: unknown) => JSON.stringify(a) === JSON.stringify(expected);
  return same(value) || (typeof value === "object" && value !== null && Object.values(value).some(same));
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A fetch that records every request and answers with `handler`; nothing leaves the process. */
export function fakeFetch(handler: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return handler(request);
  };
  return { fetch, requests };
}

export { scriptedServer, startServer, type LoopbackServer, type Step } from "./server.mjs";

/** Path parameter values that must be percent-encoded and stay inside their path segment. */
export const hostilePathValues = [
  "a/b",
  "a?b=1",
  "a#frag",
  "100%",
  "../../admin",
  "x/../../y",
  "with space",
  "ünïcødé",
  "%2e%2e",
  "a\\b",
];

/** Error bodies real servers and gateways send that are not the vendor's JSON. */
export const malformedErrorBodies: { label: string; contentType: string; raw: string }[] = [
  { label: "HTML", contentType: "text/html", raw: "<html><body><h1>502 Bad Gateway</h1></body></html>" },
  { label: "empty", contentType: "application/json", raw: "" },
  { label: "truncated JSON", contentType: "application/json", raw: '{"messages": [{"id": "com.vmware' },
  { label: "wrong content type", contentType: "text/plain", raw: "Service Temporarily Unavailable" },
];
