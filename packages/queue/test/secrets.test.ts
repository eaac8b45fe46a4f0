// Credentials never enter Redis: after waits of every outcome (succeeded, failed, an API error whose body echoes the
// session id, timed out, unknown status, canceled, pending, refused log-in, unknown profile) with a log-in (HTTP Basic,
// then a session id), a ready session id and a bearer token, every key, hash field, list, set, sorted set and stream
// entry is read back and none holds a password, a token, a Basic value or a session id.
import * as oig from "@opstatus/oracle-identity-governance";
import * as vsphere from "@opstatus/vmware-vsphere";
import { describe, expect, it } from "vitest";
import { createWaitWorker } from "../src/index.js";
import { redisClient, uniqueQueueName, until, useQueueTest, vcenterProfile, waitQueue } from "./helpers.js";
import { OIG_TOKEN, PASSWORD, SESSION_ID, startVendor, USERNAME } from "@opstatus/tools/test-kit/wait-vendor";

const { redis, opened } = useQueueTest();

const WRONG_PASSWORD = "opstatus-Secret-WrongPassword-2z6c";

/** Everything Redis holds, as text: each key, its type and its whole value. */
async function dumpRedis(client: ReturnType<typeof redisClient>): Promise<{ keys: number; text: string }> {
  const parts: string[] = [];
  let cursor = "0";
  let keys = 0;
  do {
    const [next, batch] = await client.scan(cursor, "COUNT", 1000);
    cursor = next;
    for (const key of batch) {
      keys++;
      const type = await client.type(key);
      const value =
        type === "string"
          ? await client.get(key)
          : type === "hash"
            ? await client.hgetall(key)
            : type === "list"
              ? await client.lrange(key, 0, -1)
              : type === "set"
                ? await client.smembers(key)
                : type === "zset"
                  ? await client.zrange(key, 0, -1, "WITHSCORES")
                  : type === "stream"
                    ? await client.xrange(key, "-", "+")
                    : `unread type ${type}`;
      parts.push(`${key} (${type}): ${JSON.stringify(value)}`);
    }
  } while (cursor !== "0");
  return { keys, text: parts.join("\n") };
}

describe("what a run leaves in Redis", () => {
  it("holds none of the worker's passwords, tokens, Basic values or session ids", async () => {
    const vendor = opened.add(
      await startVendor((target, n, request) => {
        if (target === "vm-ok" || target === "req-ok") return n < 2 ? "RUNNING" : "SUCCEEDED";
        if (target === "vm-failed") return "FAILED";
        if (target === "vm-unknown") return { body: { status: "PAUSED" } };
        if (target === "vm-gone")
          return {
            status: 404,
            body: { error_type: "NOT_FOUND", messages: [{ default_message: `no VM for session ${request.session}` }] },
          };
        return "RUNNING";
      }),
    );
    const queueName = uniqueQueueName("secrets");
    const connection = redis.connection();
    const queue = waitQueue(opened, connection, queueName);
    opened.add(
      createWaitWorker({
        connection,
        queueName,
        providers: [vsphere, oig],
        profiles: {
          vcenter: vcenterProfile(vendor),
          "vcenter-ready": { provider: "vmware-vsphere", baseUrl: vendor.url, auth: { apiKey: SESSION_ID } },
          "vcenter-wrong": {
            provider: "vmware-vsphere",
            baseUrl: vendor.url,
            auth: { username: USERNAME, password: WRONG_PASSWORD },
          },
          oig: { provider: "oracle-identity-governance", baseUrl: vendor.url, auth: { bearer: OIG_TOKEN } },
        },
      }),
    );
    const fast = { minDelay: 20, maxDelay: 20 };
    const ended = await Promise.all([
      queue.add({ profile: "vcenter", target: "vm-ok", ...fast }),
      queue.add({ profile: "vcenter-ready", target: "vm-failed" }),
      queue.add({ profile: "vcenter", target: "vm-unknown" }),
      queue.add({ profile: "vcenter", target: "vm-gone" }),
      queue.add({ profile: "vcenter", target: "vm-late", timeout: 100, ...fast }),
      queue.add({ profile: "vcenter-wrong", target: "vm-x" }),
      queue.add({ profile: "vcenter-prod", target: "vm-x" }),
      queue.add({ profile: "oig", target: "req-ok", ...fast }),
    ]);
    const outcomes = await Promise.allSettled(ended.map(({ id }) => queue.result(id)));
    expect(
      outcomes.map((o) => (o.status === "fulfilled" ? o.value.state : (o.reason as { code: string }).code)),
    ).toEqual(["succeeded", "operation-failed", "unknown-status", "api", "timeout", "auth", "request", "succeeded"]);
    const pending = await queue.add({ profile: "oig", target: "req-pending", minDelay: 60_000 });
    const canceled = await queue.add({ profile: "vcenter", target: "vm-canceled", minDelay: 60_000 });
    await until(
      async () =>
        (await queue.get(pending.id))?.status === "delayed" && (await queue.get(canceled.id))?.status === "delayed",
    );
    expect(await queue.cancel(canceled.id)).toBe(true);
    // every credential was used: a log-in with Basic, the session id, the bearer token, and a refused log-in
    const basic = (password: string) => Buffer.from(`${USERNAME}:${password}`).toString("base64");
    expect(vendor.requests.some((r) => r.authorization === `Basic ${basic(PASSWORD)}`)).toBe(true);
    expect(vendor.requests.some((r) => r.authorization === `Basic ${basic(WRONG_PASSWORD)}`)).toBe(true);
    expect(vendor.requests.some((r) => r.session === SESSION_ID)).toBe(true);
    expect(vendor.requests.some((r) => r.authorization === `Bearer ${OIG_TOKEN}`)).toBe(true);

    const { keys, text } = await dumpRedis(redisClient(opened, connection));
    // what the scan read: the jobs, their data, results and errors, the event stream (the echoed session redacted)
    expect(keys).toBeGreaterThan(10);
    for (const seen of ["customization script exited 3", "PAUSED", "[REDACTED]", "vcenter-prod", "Request Completed"])
      expect(text, seen).toContain(seen);
    for (const secret of [PASSWORD, WRONG_PASSWORD, SESSION_ID, OIG_TOKEN, basic(PASSWORD), basic(WRONG_PASSWORD)])
      expect(text.includes(secret), `Redis holds ${secret}`).toBe(false);
  }, 30_000);
});
