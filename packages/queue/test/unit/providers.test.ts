// The providers a worker serves (src/providers.ts): by name, given as a package's `opstatusProvider` or its module,
// and the errors for an input that is no provider or a name given twice.
import { describe, expect, it } from "vitest";
import { providerMap, type WaitProvider } from "../../src/providers.js";

class FakeApiError extends Error {}

function provider(name: string): WaitProvider {
  return {
    name,
    createClient: () => ({}),
    waiter: { step: async () => ({}) } as never,
    ErrorClass: FakeApiError as never,
  };
}

const NOT_A_PROVIDER =
  "@opstatus/queue: each of `providers` must be a provider package's `opstatusProvider` (or the package's module)";

describe("providerMap", () => {
  it("maps the providers by name, given as values or as modules", () => {
    const a = provider("vmware-vsphere");
    const b = provider("oracle-identity-governance");
    const map = providerMap([a, { opstatusProvider: b }]);
    expect([...map.keys()]).toEqual(["vmware-vsphere", "oracle-identity-governance"]);
    expect(map.get("vmware-vsphere")).toBe(a);
    expect(map.get("oracle-identity-governance")).toBe(b);
    expect(providerMap([]).size).toBe(0);
  });

  it("refuses an input that is no provider", () => {
    const good = provider("p");
    const bad: unknown[] = [
      undefined,
      null,
      {},
      { opstatusProvider: undefined },
      { opstatusProvider: {} },
      { ...good, name: 5 },
      { ...good, name: undefined },
      { ...good, createClient: "f" },
      { ...good, createClient: undefined },
      { ...good, waiter: undefined },
      { ...good, waiter: {} },
      { ...good, waiter: { step: "s" } },
      { ...good, ErrorClass: undefined },
      { ...good, ErrorClass: {} },
    ];
    for (const input of bad) {
      expect(() => providerMap([good, input as never])).toThrow(TypeError);
      expect(() => providerMap([input as never])).toThrow(NOT_A_PROVIDER);
    }
  });

  it("refuses a name given twice, in either form", () => {
    expect(() => providerMap([provider("p"), { opstatusProvider: provider("p") }])).toThrow(
      new TypeError("@opstatus/queue: the provider p is given twice"),
    );
    expect(() => providerMap([provider("p"), provider("p")])).toThrow(TypeError);
  });
});
