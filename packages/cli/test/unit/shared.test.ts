// Where the queue is (src/queue/shared.ts): --redis or OPSTATUS_REDIS_URL, a password never on the command line, the
// URL as it may be printed, and the queue commands' argument errors.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/args.js";
import { createServer } from "node:net";
import {
  connectRedis,
  DEFAULT_REDIS_URL,
  load,
  NEEDS,
  parse,
  queueWhere,
  RedisUnreachable,
  redisLabel,
  whereOptions,
} from "../../src/queue/shared.js";
import { usage } from "./usage.js";

describe("queueWhere", () => {
  it("the default: Redis on the loopback, the queue package's prefix and queue name", () => {
    expect(DEFAULT_REDIS_URL).toBe("redis://127.0.0.1:6379");
    // no prefix or queue name key at all: @opstatus/queue's defaults apply
    expect(queueWhere("worker", {}, {})).toStrictEqual({ redisUrl: "redis://127.0.0.1:6379" });
  });

  it("OPSTATUS_REDIS_URL, password included", () => {
    expect(queueWhere("worker", {}, { OPSTATUS_REDIS_URL: "rediss://:s3cret@redis.internal:6380/2" })).toEqual({
      redisUrl: "rediss://:s3cret@redis.internal:6380/2",
    });
  });

  it("--redis wins over OPSTATUS_REDIS_URL", () => {
    expect(
      queueWhere("queue add", { redis: "redis://10.0.0.9:6379" }, { OPSTATUS_REDIS_URL: "redis://:pw@other:6379" }),
    ).toEqual({ redisUrl: "redis://10.0.0.9:6379" });
  });

  it("--prefix and --queue-name", () => {
    expect(queueWhere("queue list", { prefix: "ops", "queue-name": "waits" }, {})).toEqual({
      redisUrl: DEFAULT_REDIS_URL,
      prefix: "ops",
      queueName: "waits",
    });
    expect(queueWhere("queue list", { prefix: "" }, {})).toStrictEqual({ redisUrl: DEFAULT_REDIS_URL, prefix: "" });
    expect(queueWhere("queue list", { "queue-name": "w" }, {})).toStrictEqual({
      redisUrl: DEFAULT_REDIS_URL,
      queueName: "w",
    });
  });

  it("a password on --redis is refused, pointing to OPSTATUS_REDIS_URL", () => {
    const message =
      "worker: no password on the command line (ps and the shell history show it): set OPSTATUS_REDIS_URL instead of --redis";
    expect(usage(() => queueWhere("worker", { redis: "redis://:s3cret@127.0.0.1:6379" }, {}))).toBe(message);
    expect(usage(() => queueWhere("worker", { redis: "redis://default:s3cret@127.0.0.1:6379" }, {}))).toBe(message);
    // a user name alone is no secret
    expect(queueWhere("worker", { redis: "redis://default@127.0.0.1:6379" }, {})).toEqual({
      redisUrl: "redis://default@127.0.0.1:6379",
    });
  });

  it("not a URL: names where it came from", () => {
    expect(usage(() => queueWhere("dashboard", { redis: "127.0.0.1:6379 x" }, {}))).toBe(
      "dashboard: --redis is not a URL (redis://host:port)",
    );
    expect(usage(() => queueWhere("dashboard", {}, { OPSTATUS_REDIS_URL: "localhost" }))).toBe(
      "dashboard: OPSTATUS_REDIS_URL is not a URL (redis://host:port)",
    );
  });

  it("only redis:// and rediss://", () => {
    for (const url of ["http://127.0.0.1:6379", "unix:///tmp/redis.sock", "valkey://h:1", "localhost:6379"])
      expect(usage(() => queueWhere("queue show", { redis: url }, {}))).toBe(
        "queue show: the Redis URL must start with redis:// or rediss://",
      );
    expect(usage(() => queueWhere("queue show", {}, { OPSTATUS_REDIS_URL: "https://h" }))).toBe(
      "queue show: the Redis URL must start with redis:// or rediss://",
    );
    expect(queueWhere("queue show", { redis: "rediss://h:6380" }, {}).redisUrl).toBe("rediss://h:6380");
  });

  it("a refused password is never repeated", () => {
    const message = usage(() => queueWhere("worker", { redis: "redis://:hunter2-pw@h:6379" }, {}));
    expect(message).not.toContain("hunter2");
  });
});

describe("redisLabel", () => {
  it("the URL without its user name and password", () => {
    expect(redisLabel("redis://:s3cret@redis.internal:6380/2")).toBe("redis://redis.internal:6380/2");
    expect(redisLabel("rediss://default:s3cret@h:6379")).toBe("rediss://h:6379");
    expect(redisLabel("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
  });
});

describe("parse", () => {
  it("the queue commands' options", () => {
    expect(parse("worker", ["--redis", "redis://h:1", "--prefix", "p", "-h"], whereOptions)).toEqual({
      values: { redis: "redis://h:1", prefix: "p", help: true },
      positionals: [],
    });
    expect(parse("queue add", ["vc", "vm-1", "--queue-name", "q"], whereOptions, true)).toEqual({
      values: { "queue-name": "q" },
      positionals: ["vc", "vm-1"],
    });
  });

  it("a bad argument is a usage error that names the command", () => {
    expect(usage(() => parse("worker", ["--bogus"], whereOptions))).toMatch(/^worker: Unknown option '--bogus'/);
    expect(usage(() => parse("queue list", ["--redis"], whereOptions))).toMatch(
      /^queue list: Option '--redis <value>' argument missing/,
    );
    expect(usage(() => parse("dashboard", ["--help=yes"], whereOptions))).toMatch(
      /^dashboard: Option '-h, --help' does not take an argument/,
    );
  });

  it("a positional where none is taken", () => {
    expect(usage(() => parse("worker", ["extra"], whereOptions))).toMatch(/^worker: Unexpected argument 'extra'/);
  });

  it("an unknown option where positionals are taken: without Node's advice about --", () => {
    expect(usage(() => parse("queue add", ["vc", "--bogus"], whereOptions, true))).toBe(
      "queue add: Unknown option '--bogus'",
    );
  });
});

describe("load", () => {
  it("a missing package is named, with what to install for the command", async () => {
    const missing = Object.assign(new Error("Cannot find package 'bullmq' imported from /x/queue.js"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    await expect(load("queue", () => Promise.reject(missing))).rejects.toThrow(
      new UsageError(
        `opstatus queue needs bullmq, which is not installed. Install what the queue commands use next to @opstatus/cli: npm install -g ${NEEDS.queue.join(" ")} (or without -g, in the project that has @opstatus/cli)`,
      ),
    );
    const scoped = Object.assign(new Error("Cannot find module '@bull-board/ui/package.json'"), {
      code: "MODULE_NOT_FOUND",
    });
    await expect(load("dashboard", () => Promise.reject(scoped))).rejects.toThrow(
      /^opstatus dashboard needs @bull-board\/ui, which is not installed\. .*npm install -g @opstatus\/queue bullmq@6 ioredis@6 @bull-board\/api@9\.10\.1 /,
    );
  });

  it("other errors pass through; what loads is returned", async () => {
    const other = Object.assign(new Error("SyntaxError in module"), { code: "ERR_X" });
    await expect(load("worker", () => Promise.reject(other))).rejects.toBe(other);
    // a message like a missing package's, but another error; a missing module whose name the message does not give
    const lookalike = Object.assign(new Error("Cannot find package 'bullmq' in the cache"), { code: "ERR_X" });
    await expect(load("worker", () => Promise.reject(lookalike))).rejects.toBe(lookalike);
    const unnamed = Object.assign(new Error("module not found"), { code: "ERR_MODULE_NOT_FOUND" });
    await expect(load("worker", () => Promise.reject(unnamed))).rejects.toBe(unnamed);
    await expect(load("worker", () => Promise.resolve(42))).resolves.toBe(42);
  });

  it("what each command needs", () => {
    expect(NEEDS.worker).toEqual(["@opstatus/queue", "bullmq@6", "ioredis@6", "prom-client@15"]);
    expect(NEEDS.queue).toEqual(["@opstatus/queue", "bullmq@6", "ioredis@6"]);
  });
});

describe("connectRedis", () => {
  it("a Redis that is not there: RedisUnreachable naming the URL without its password, at once", async () => {
    // a port nobody listens on: bind one, then close it
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const started = Date.now();
    const error = await connectRedis("queue", { redisUrl: `redis://:s3cret@127.0.0.1:${port}` }).then(
      () => expect.fail("connected"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(RedisUnreachable);
    expect(error.name).toBe("RedisUnreachable");
    expect(error.message).toMatch(new RegExp(`^cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    expect(error.message).not.toContain("s3cret");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("a Redis that never answers: RedisUnreachable after 5 s", async () => {
    // accepts the connection and says nothing
    const sockets: import("node:net").Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const started = Date.now();
      const error = await connectRedis("worker", { redisUrl: `redis://127.0.0.1:${port}` }).then(
        () => expect.fail("connected"),
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(RedisUnreachable);
      expect(error.message).toBe(`cannot reach Redis at redis://127.0.0.1:${port}: no answer`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 10_000);
});
