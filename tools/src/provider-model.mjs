// One provider, resolved once from its spec and manifest: the spec's operations (found by id, with their parameters and
// examples), the checked manifest, and what the manifest points at in the spec: the waiter's operation and its named
// method. Code generation, the CLI data, the README, the docs, the test kit and the benches all read this model.
import { readManifest } from "./manifest.mjs";
import { specModel } from "./spec-model.mjs";

/** @typedef {import("./spec-model.mjs").Operation} Operation */
/** @typedef {import("./manifest.mjs").Manifest} Manifest */
/** @typedef {import("./manifest.mjs").Method} Method */

/**
 * @typedef {import("./spec-model.mjs").SpecModel & {
 *   manifest: Manifest,
 *   waiterOperation: Operation,
 *   waiterMethod: Method,
 * }} ProviderModel the spec's model, with the checked manifest; `waiterOperation` is the operation the waiter polls
 *   and `waiterMethod` the named method that calls it
 */

/**
 * Reads a spec and its `info.x-opstatus` manifest (checked: it throws, naming the spec and the key at fault).
 * @param {any} doc the parsed spec
 * @param {string} where the spec's path, for messages
 * @returns {ProviderModel}
 */
export function providerModel(doc, where) {
  const spec = specModel(doc, where);
  const manifest = readManifest(spec, where);
  const { operation } = manifest.waiter;
  const waiterMethod = manifest.methods.find((x) => x.operationId === operation);
  // readManifest has checked that the polled operation has a named method
  if (!waiterMethod) throw new Error(`${where}: waiter.operation "${operation}" has no named method`);
  return { ...spec, manifest, waiterOperation: spec.operation(operation), waiterMethod };
}
