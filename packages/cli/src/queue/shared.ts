// What `opstatus worker`, `opstatus queue …` and `opstatus dashboard` share: the options that say where the queue is,
// and the lazy loading of their packages. These are optional peer dependencies of @opstatus/cli: `get` and `wait`
// never load them, and an install for `get` in a CI step stays as light as before. A missing one is named, with the
// command that installs it.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../args.js";
import type { Stream } from "../output.js";

/** What a queue command writes to and reads. */
export interface QueueIo {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
  version: string;
}

/** Where the queue lives: Redis, and the key prefix and queue name (`@opstatus/queue`'s defaults unless given). */
export interface QueueWhere {
  /** The Redis URL, password included when there is one (never printed: see `redisLabel`). */
  redisUrl: string;
  prefix?: string;
  queueName?: string;
}

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** The options every queue command takes. */
export const whereOptions = {
  redis: { type: "string" },
  prefix: { type: "string" },
  "queue-name": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

/** Parses a queue command's arguments; a bad one is a usage error that names the command. */
export function parse(
  command: string,
  args: readonly string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  positionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: positionals, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    };
  } catch (error) {
    // Stryker disable next-line Regex: without its `$`, `.*` under the s flag still runs to the end
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify a positional.*$/s, "")}`);
  }
}

/**
 * The queue's place from `--redis` (or OPSTATUS_REDIS_URL), `--prefix` and `--queue-name`. A password belongs in
 * OPSTATUS_REDIS_URL: on the command line, `ps` and the shell history would show it, so it is refused there.
 */
export function queueWhere(
  command: string,
  values: { redis?: string; prefix?: string; "queue-name"?: string },
  env: NodeJS.ProcessEnv,
): QueueWhere {
  const fromFlag = values.redis !== undefined;
  const redisUrl = values.redis ?? env.OPSTATUS_REDIS_URL ?? DEFAULT_REDIS_URL;
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new UsageError(`${command}: ${fromFlag ? "--redis" : "OPSTATUS_REDIS_URL"} is not a URL (redis://host:port)`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new UsageError(`${command}: the Redis URL must start with redis:// or rediss://`);
  if (fromFlag && url.password)
    throw new UsageError(
      `${command}: no password on the command line (ps and the shell history show it): set OPSTATUS_REDIS_URL instead of --redis`,
    );
  return {
    redisUrl,
    ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
    ...(values["queue-name"] !== undefined ? { queueName: values["queue-name"] } : {}),
  };
}

/** The Redis URL as it may be printed: no user name or password. */
export function redisLabel(redisUrl: string): string {
  const url = new URL(redisUrl);
  url.username = "";
  url.password = "";
  return url.href;
}

/** What each queue command needs installed next to @opstatus/cli. */
export const NEEDS = {
  worker: ["@opstatus/queue", "bullmq@6", "ioredis@6", "prom-client@15"],
  queue: ["@opstatus/queue", "bullmq@6", "ioredis@6"],
  // bull-board's three packages at one version (the express adapter pins the other two exactly)
  dashboard: [
    "@opstatus/queue",
    "bullmq@6",
    "ioredis@6",
    "@bull-board/api@9.10.1",
    "@bull-board/ui@9.10.1",
    "@bull-board/express@9.10.1",
  ],
} as const;

/**
 * Imports an optional peer dependency of a queue command; a missing one is a usage error naming everything the
 * command needs and how to install it.
 */
export async function load<T>(command: keyof typeof NEEDS, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    const e = error as { code?: string; message?: string };
    // the package missing may be one the imported one needs (bullmq, under @opstatus/queue): name that one
    const missing = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)/.exec(e.message ?? "")?.[1];
    if ((e.code === "ERR_MODULE_NOT_FOUND" || e.code === "MODULE_NOT_FOUND") && missing)
      throw new UsageError(
        `opstatus ${command} needs ${missing}, which is not installed. Install what the queue commands use next to @opstatus/cli: npm install -g ${NEEDS[command].join(" ")} (or without -g, in the project that has @opstatus/cli)`,
      );
    throw error;
  }
}

/** How long a caller's command waits for Redis before it gives up. */
const CONNECT_TIMEOUT_MS = 5000;

/** Redis could not be reached: exit 4, with the URL as it may be printed. */
export class RedisUnreachable extends Error {
  override name = "RedisUnreachable";
}

/**
 * A connection for a caller's command (`queue …`, `dashboard`): it answers within 5 s or the command fails, where a
 * worker would keep retrying.
 */
export async function connectRedis(command: keyof typeof NEEDS, where: QueueWhere) {
  const { Redis } = await load(command, () => import("ioredis"));
  const connection = new Redis(where.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  let last: Error | undefined;
  connection.on("error", (error: Error) => {
    last = error;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      connection.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(last ?? new Error("no answer")), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    connection.disconnect();
    throw new RedisUnreachable(
      `cannot reach Redis at ${redisLabel(where.redisUrl)}: ${(last ?? (error as Error)).message}`,
    );
  } finally {
    clearTimeout(timer);
  }
  return connection;
}
