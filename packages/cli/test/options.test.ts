// The CLI's own option names exist twice: src/args.ts parses them, and the generator (tools/src/cli-files.mjs) refuses
// a provider option that takes one of them. The two lists must agree, and a collision that slips through anyway must
// not silently replace an own option with a provider's.
import { describe, expect, it } from "vitest";
import { CLI_OPTIONS } from "../../../tools/src/cli-files.mjs";
import { ownOptions, providerOptions } from "../src/args.js";
import { providers } from "../src/generated/providers.js";
import type { ProviderInfo } from "../src/provider-info.js";

describe("the CLI's own options", () => {
  it("are the generator's CLI_OPTIONS, in the same order", () => {
    expect(Object.keys(ownOptions)).toEqual(CLI_OPTIONS);
  });

  it("a provider option named as one of them is refused when the option table is built", () => {
    const base = providers.find((p) => p.name === "vmware-vsphere")!;
    const clash = (change: Partial<ProviderInfo>): ProviderInfo => ({ ...base, name: "acme", ...change });
    const variable = { name: "timeout", option: "timeout", default: "1", description: "d" };
    expect(() => providerOptions([clash({ servers: [{ url: "https://{timeout}", variables: [variable] }] })])).toThrow(
      "acme: --timeout is one of the CLI's own options; a provider option cannot take its name",
    );
    expect(() =>
      providerOptions([
        clash({ target: { ...base.target, alternatives: [{ key: "outputId", option: "output", description: "d" }] } }),
      ]),
    ).toThrow("acme: --output is one of the CLI's own options");
    expect(() =>
      providerOptions([
        clash({ login: { ...base.login!, serverOptions: [{ name: "baseUrl", option: "base-url", value: "URL" }] } }),
      ]),
    ).toThrow("acme: --base-url is one of the CLI's own options");
  });
});
