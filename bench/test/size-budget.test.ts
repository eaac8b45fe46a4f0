// Size budgets, checked in CI: what a bundler ships for one provider's client (openapi-fetch only when the program makes
// the typed openapi-fetch client), with the waiter and the log-in, and the umbrella subpath, which must cost the same as
// the direct import.
import { beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "@opstatus/tools/test-kit";
import { budgets, measureFromPackedPackages, usage } from "../size-lib.mjs";

type Result = { name: string; group: string; provider?: string; gzip: number; code: string };

describe("bundle size budgets (min+gzip, from the packed packages)", () => {
  let results: Result[];
  beforeAll(async () => {
    results = await measureFromPackedPackages();
  }, 120_000);

  it("measures every entry point", () => {
    expect(results.filter((r) => r.group === "client")).toHaveLength(Object.keys(usage).length);
    for (const r of results) expect(r.gzip, r.name).toBeGreaterThan(500);
  });

  it(`keeps each provider's client within ${budgets.client} bytes, everything it imports included`, () => {
    for (const r of results.filter((x) => x.group === "client"))
      expect(r.gzip, r.name).toBeLessThanOrEqual(budgets.client);
  });

  it("bundles openapi-fetch only into a program that makes the openapi-fetch client", () => {
    // a query style only openapi-fetch's serializer knows
    const marker = "pipeDelimited";
    expect(results.find((r) => r.group === "openapi-fetch")!.code).toContain(marker);
    for (const r of results.filter((x) => x.group === "client+api")) expect(r.code, r.name).toContain(marker);
    for (const r of results.filter((x) =>
      ["client", "client+waiter", "client+login", "client+login+waiter", "umbrella"].includes(x.group),
    ))
      expect(r.code, r.name).not.toContain(marker);
  });

  for (const group of ["client+waiter", "client+login", "client+login+waiter", "client+api"])
    it(`keeps each provider's ${group.replaceAll("+", " + ")} within ${budgets[group]} bytes`, () => {
      const measured = results.filter((x) => x.group === group);
      expect(measured.length, group).toBeGreaterThan(0);
      for (const r of measured) expect(r.gzip, r.name).toBeLessThanOrEqual(budgets[group]);
    });

  it("adds nothing through the umbrella subpath (within 1%)", () => {
    for (const provider of Object.keys(usage)) {
      const direct = results.find((r) => r.group === "client" && r.provider === provider)!;
      const umbrella = results.find((r) => r.group === "umbrella" && r.provider === provider)!;
      expect(Math.abs(umbrella.gzip - direct.gzip) / direct.gzip, provider).toBeLessThanOrEqual(
        budgets.umbrellaTolerance,
      );
    }
  });

  it("bundles no other provider's code into one provider's client, also through the umbrella", () => {
    const pathOf = (provider: string) => Object.keys(loadSpec(provider).paths)[0]!;
    for (const r of results.filter((x) => x.group === "umbrella" || x.group === "client")) {
      for (const other of Object.keys(usage)) {
        if (other === r.provider) expect(r.code, r.name).toContain(pathOf(other));
        else expect(r.code, `${r.name} contains ${other}`).not.toContain(pathOf(other));
      }
    }
  });
});
