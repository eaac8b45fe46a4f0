// The providers a worker serves (and a caller rebuilds errors with), as the provider packages describe themselves:
// their `opstatusProvider` value, or the module that exports it. This package imports no provider.
import type { OpstatusApiError, Waiter } from "@opstatus/core";

/**
 * A provider as one value: what every provider package exports as `opstatusProvider` (its name, client factory,
 * waiter and API error class).
 */
export interface WaitProvider<TOptions = any, TClient = any, TTarget = any, TBody = any> {
  /** The provider's name, e.g. `vmware-vsphere`: what a profile's `provider` names. */
  readonly name: string;
  /** The client factory, e.g. `createVsphereClient`. */
  readonly createClient: (options: TOptions) => TClient;
  /** The waiter, e.g. `waitForCustomization`; the worker calls its `step`. */
  readonly waiter: Waiter<TClient, TTarget, TBody>;
  /** The provider's API error class, e.g. `VsphereApiError`: errors of code `"api"` come back as it. */
  readonly ErrorClass: new (
    details: never,
  ) => OpstatusApiError;
}

/** A provider, given as its `opstatusProvider` value or as the module that exports it (`import * as vsphere`). */
export type ProviderInput = WaitProvider | { readonly opstatusProvider: WaitProvider };

/** The provider value of an input. */
export type ProviderOf<P> = P extends { readonly opstatusProvider: infer D } ? D : P;

/** The client options of a provider, as its factory takes them. */
export type ClientOptionsOf<P> = ProviderOf<P> extends WaitProvider<infer O> ? O : never;

/**
 * A worker's profile of a provider: the provider's name and its client's options (server variables or base URL,
 * credentials, `fetch`, headers...), exactly what the provider's client factory takes.
 */
export type ProfileOf<P> = P extends unknown
  ? ProviderOf<P> extends WaitProvider
    ? { readonly provider: ProviderOf<P>["name"] } & ClientOptionsOf<P>
    : never
  : never;

/** The providers by name; a name given twice, or an input that is no provider, throws. */
export function providerMap(inputs: readonly ProviderInput[]): Map<string, WaitProvider> {
  const map = new Map<string, WaitProvider>();
  for (const input of inputs) {
    const provider: Partial<WaitProvider> | undefined =
      input && "opstatusProvider" in input ? input.opstatusProvider : (input as WaitProvider | undefined);
    if (
      typeof provider?.name !== "string" ||
      typeof provider.createClient !== "function" ||
      typeof provider.waiter?.step !== "function" ||
      typeof provider.ErrorClass !== "function"
    )
      throw new TypeError(
        "@opstatus/queue: each of `providers` must be a provider package's `opstatusProvider` (or the package's module)",
      );
    if (map.has(provider.name)) throw new TypeError(`@opstatus/queue: the provider ${provider.name} is given twice`);
    map.set(provider.name, provider as WaitProvider);
  }
  return map;
}
