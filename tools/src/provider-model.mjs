// One provider, resolved once from its spec and manifest: the spec's operations (found by id, with their parameters and
// examples), the checked manifest, and what the manifest points at in the spec: the waiter's operation and its named
// method. Code generation, the CLI data, the README, the docs, the test kit and the benches all read this model.
import { readManifest } from "./manifest.mjs";
import { specModel } from "./spec-model.mjs";

/** @typedef {import("./spec-model.mjs").Operation} Operation */
/** @typedef {import("./manifest.mjs").Manifest} Manifest */
/** @typedef {import("./manifest.mjs").Method} Method */

/**
 * @typedef {object} LoginServer the log-in operations' own server (ECL's Keystone) and the client options that name it
 * @property {any} server the spec's server object of the log-in operation (its URL template and variables)
 * @property {string} option the client option that gives its URL (`serverOption`, e.g. `keystoneUrl`)
 * @property {Record<string, string>} variableOptions the client option that gives each of its variables: the URL
 *   option's stem and the variable's name (`keystoneUrl` + `region` -> `keystoneRegion`)
 * @property {string | undefined} pathPrefix the first path segment all the log-in's operations share (`/v3`)
 */

/**
 * @typedef {import("./spec-model.mjs").SpecModel & {
 *   manifest: Manifest,
 *   waiterOperation: Operation,
 *   waiterMethod: Method,
 *   loginServer: LoginServer | undefined,
 * }} ProviderModel the spec's model, with the checked manifest; `waiterOperation` is the operation the waiter polls
 *   and `waiterMethod` the named method that calls it; `loginServer` the log-in's own server, where it has one
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
  return {
    ...spec,
    manifest,
    waiterOperation: spec.operation(operation),
    waiterMethod,
    loginServer: loginServerOf(spec, manifest),
  };
}

/**
 * The log-in operations' own server, where the log-in operation declares one and the manifest names its option.
 * @param {import("./spec-model.mjs").SpecModel} spec
 * @param {Manifest} manifest
 * @returns {LoginServer | undefined}
 */
function loginServerOf(spec, manifest) {
  const login = manifest.auth.login;
  const server = login && spec.operation(login.operation).op.servers?.[0];
  if (!login?.serverOption || !server) return undefined;
  const option = login.serverOption;
  const stem = option.replace(/Url$/, "");
  const paths = [login.operation, login.refresh?.operation, login.logout?.operation]
    .filter((id) => id !== undefined)
    .map((id) => spec.operation(id).path);
  const first = /^\/[^/]+/.exec(paths[0] ?? "")?.[0];
  return {
    server,
    option,
    variableOptions: Object.fromEntries(
      Object.keys(server.variables ?? {}).map((name) => [name, `${stem}${name[0]?.toUpperCase()}${name.slice(1)}`]),
    ),
    pathPrefix: first && paths.every((path) => path.startsWith(`${first}/`)) ? first : undefined,
  };
}
