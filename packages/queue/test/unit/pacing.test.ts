// The per-origin pacing (src/pacing.ts): the rates' checks and messages, the spacing per origin (`duration / max`,
// another rate or none for given origins), when a slot is missed, and the slot reserved through the Redis script, here
// with a fake client that records its calls.
import type { RedisClient } from "bullmq";
import { describe, expect, it } from "vitest";
import { Pacer } from "../../src/pacing.js";

const key = (origin: string) => `pace:${origin}`;

/** A client that records `defineCommand` and `runCommand` and answers the slot given. */
function fakeClient(answer: string | number = "1234.000") {
  const defined: { name: string; definition: { numberOfKeys: number; lua: string } }[] = [];
  const runs: { name: string; args: string[] }[] = [];
  const client = {
    defineCommand(name: string, definition: { numberOfKeys: number; lua: string }) {
      defined.push({ name, definition });
    },
    async runCommand(name: string, args: string[]) {
      runs.push({ name, args });
      return answer;
    },
  };
  return { client: client as unknown as RedisClient, defined, runs };
}

describe("Pacer's options", () => {
  it("refuses a bad rate, naming where it is", () => {
    const message = "@opstatus/queue: pacing must be { max: a whole number >= 1, duration: ms > 0 }";
    for (const rate of [
      {},
      { max: 0, duration: 1000 },
      { max: -1, duration: 1000 },
      { max: 1.5, duration: 1000 },
      { max: 2 ** 53, duration: 1000 },
      { max: "2", duration: 1000 },
      { max: 1, duration: 0 },
      { max: 1, duration: -5 },
      { max: 1, duration: Infinity },
      { max: 1, duration: Number.NaN },
      { max: 1, duration: "1000" },
      { max: 1 },
      { duration: 1000 },
    ])
      expect(() => new Pacer(rate as never, key)).toThrow(new TypeError(message));
    expect(() => new Pacer(undefined as never, key)).toThrow(TypeError);
  });

  it("refuses a bad rate of an origin, naming the origin", () => {
    expect(
      () =>
        new Pacer({ max: 1, duration: 1000, origins: { "https://a.example.internal": { max: 0, duration: 1 } } }, key),
    ).toThrow(
      new TypeError(
        '@opstatus/queue: pacing.origins["https://a.example.internal"] must be { max: a whole number >= 1, duration: ms > 0 }',
      ),
    );
    expect(() => new Pacer({ max: 1, duration: 1000, origins: { "https://a": null as never } }, key)).toThrow(
      /pacing\.origins\["https:\/\/a"\] must be/,
    );
  });

  it("takes the smallest rates", () => {
    expect(() => new Pacer({ max: 1, duration: 0.5 }, key)).not.toThrow();
    expect(
      () => new Pacer({ max: 1, duration: 1, origins: { "https://a": { max: 1, duration: 0.5 } } }, key),
    ).not.toThrow();
  });
});

describe("Pacer.missed", () => {
  it("a slot is missed once a whole spacing (duration / max) has passed", () => {
    const pacer = new Pacer({ max: 4, duration: 1000 }, key);
    expect(pacer.missed("https://a", 10_000, 10_000)).toBe(false);
    expect(pacer.missed("https://a", 10_000, 10_249)).toBe(false);
    expect(pacer.missed("https://a", 10_000, 10_250)).toBe(true);
    expect(pacer.missed("https://a", 10_000, 10_251)).toBe(true);
    expect(pacer.missed("https://a", 10_000, 9_000)).toBe(false);
  });

  it("an origin's own rate, by its origin whatever URL names it; none when it is false", () => {
    const pacer = new Pacer(
      {
        max: 1,
        duration: 1000,
        origins: { "https://fast.example.internal/sdk/path": { max: 10, duration: 1000 }, "https://free:8443": false },
      },
      key,
    );
    expect(pacer.missed("https://fast.example.internal", 0, 99)).toBe(false);
    expect(pacer.missed("https://fast.example.internal", 0, 100)).toBe(true);
    expect(pacer.missed("https://other.example.internal", 0, 999)).toBe(false);
    expect(pacer.missed("https://other.example.internal", 0, 1000)).toBe(true);
    expect(pacer.missed("https://free:8443", 0, 1_000_000)).toBe(false);
  });
});

describe("Pacer.reserve", () => {
  it("asks the script for the origin's slot: its key, now and the spacing, and gives the slot as a number", async () => {
    const pacer = new Pacer({ max: 4, duration: 1000 }, key);
    const { client, defined, runs } = fakeClient("1250.500");
    expect(await pacer.reserve(client, "https://a", 1000)).toBe(1250.5);
    expect(runs).toEqual([{ name: "opstatusReservePollSlot", args: ["pace:https://a", "1000", "250"] }]);
    expect(defined).toMatchObject([{ name: "opstatusReservePollSlot", definition: { numberOfKeys: 1 } }]);
  });

  it("defines the script once per client", async () => {
    const pacer = new Pacer({ max: 1, duration: 1000 }, key);
    const first = fakeClient();
    const second = fakeClient();
    await pacer.reserve(first.client, "https://a", 1);
    await pacer.reserve(first.client, "https://b", 2);
    await pacer.reserve(second.client, "https://a", 3);
    expect(first.defined).toHaveLength(1);
    expect(second.defined).toHaveLength(1);
    expect(first.runs.map((run) => run.args)).toEqual([
      ["pace:https://a", "1", "1000"],
      ["pace:https://b", "2", "1000"],
    ]);
    expect(second.runs).toHaveLength(1);
  });

  it("uses an origin's own spacing, and no Redis at all for an origin without pacing", async () => {
    const pacer = new Pacer(
      { max: 1, duration: 1000, origins: { "https://fast": { max: 8, duration: 1000 }, "https://free": false } },
      key,
    );
    const { client, defined, runs } = fakeClient();
    expect(await pacer.reserve(client, "https://free", 42)).toBe(42);
    expect(defined).toHaveLength(0);
    expect(runs).toHaveLength(0);
    await pacer.reserve(client, "https://fast", 7);
    expect(runs).toEqual([{ name: "opstatusReservePollSlot", args: ["pace:https://fast", "7", "125"] }]);
  });

  it("the script gives the later of now and the next free slot, and moves the slot one spacing on", async () => {
    const pacer = new Pacer({ max: 1, duration: 1000 }, key);
    const { client, defined } = fakeClient();
    await pacer.reserve(client, "https://a", 0);
    const lua = defined[0]?.definition.lua ?? "";
    expect(lua).toContain("redis.call('GET', KEYS[1])");
    expect(lua).toContain("if slot < now then slot = now end");
    expect(lua).toContain(
      "redis.call('SET', KEYS[1], string.format('%.3f', slot + spacing), 'PX', math.ceil(slot + spacing - now) + 1000)",
    );
    expect(lua).toContain("return string.format('%.3f', slot)");
  });
});
