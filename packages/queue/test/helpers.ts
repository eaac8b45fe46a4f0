// What the queue's tests share: one redis-server per test file (Debian's, on a free loopback port), a queue name of
// their own per test, in-process workers and callers on the loopback vendor, and short lock and stall settings.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { spawnJsonLines, type JsonLinesProcess } from "@opstatus/tools/test-kit/processes";
import { startRedis, type RedisServer } from "@opstatus/tools/test-kit/redis";
import * as vsphere from "@opstatus/vmware-vsphere";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  createWaitQueue,
  createWaitWorker,
  type WaitQueue,
  type WaitWorker,
  type WaitWorkerOptions,
} from "../src/index.js";
import { PASSWORD, USERNAME, type Vendor } from "@opstatus/tools/test-kit/wait-vendor";

/** Lock and stall settings for tests: a dead worker's wait is polled again within 2 + 2 × 1 s. */
export const TEST_LOCK_MS = 2000;
export const TEST_STALL_MS = 1000;

/** Starts one redis-server for the file's tests and stops it after them. */
export function useRedis(): { server: () => RedisServer; connection: () => { host: string; port: number } } {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    server: () => server!,
    connection: () => ({ host: server!.host, port: server!.port }),
  };
}

/** A queue name no other test uses. */
export const uniqueQueueName = (label: string) => `${label}-${randomBytes(3).toString("hex")}`;

/** The profile of the loopback vCenter (log-in with user name and password), sent by a worker named `worker`. */
export function vcenterProfile(vendor: Vendor, worker = "in-process") {
  return {
    provider: "vmware-vsphere" as const,
    baseUrl: vendor.url,
    auth: { username: USERNAME, password: PASSWORD },
    headers: { "x-worker": worker },
  };
}

/** A test file's Redis (one server for its tests) and what each test opens, closed after it. */
export function useQueueTest(): { redis: ReturnType<typeof useRedis>; opened: Opened } {
  const redis = useRedis();
  const opened = new Opened();
  afterEach(() => opened.close());
  return { redis, opened };
}

/** Closes what a test opened, whatever happened. */
export class Opened {
  readonly #closers: (() => Promise<unknown>)[] = [];
  add<T extends { close(): Promise<unknown> }>(thing: T): T {
    this.#closers.push(() => thing.close());
    return thing;
  }
  async close(): Promise<void> {
    await Promise.allSettled(
      this.#closers
        .splice(0)
        .reverse()
        .map((close) => close()),
    );
  }
}

/** An in-process worker of the loopback vCenter on `queueName`. */
export function vcenterWorker(
  opened: Opened,
  connection: { host: string; port: number },
  vendor: Vendor,
  queueName: string,
  options: Partial<WaitWorkerOptions<[typeof vsphere]>> = {},
): WaitWorker {
  return opened.add(
    createWaitWorker({
      connection,
      queueName,
      providers: [vsphere],
      profiles: { vcenter: vcenterProfile(vendor) },
      lockDuration: TEST_LOCK_MS,
      stalledInterval: TEST_STALL_MS,
      ...options,
    }),
  );
}

export function waitQueue(opened: Opened, connection: { host: string; port: number }, queueName: string): WaitQueue {
  return opened.add(createWaitQueue({ connection, queueName, providers: [vsphere] }));
}

/** A plain ioredis client, for looking at what is in Redis. */
export function redisClient(opened: Opened, connection: { host: string; port: number }): Redis {
  const client = new Redis({ ...connection, lazyConnect: false });
  opened.add({ close: () => client.quit() });
  return client;
}

/** Resolves once `condition` holds (checked every 10 ms), or fails after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A worker process (test/processes/worker.mjs) and the JSON lines it printed. */
export interface WorkerProcess extends JsonLinesProcess {
  name: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The worker process's script, also run by bench/queue.mjs. */
export const WORKER_SCRIPT = join(here, "processes/worker.mjs");

/** Starts a worker process on the loopback vCenter, and resolves once it is ready. */
export async function spawnWorker(
  opened: Opened,
  config: { name: string; connection: { host: string; port: number }; queueName: string; vendorUrl: string } & Record<
    string,
    unknown
  >,
): Promise<WorkerProcess> {
  const worker = opened.add({
    name: config.name,
    ...spawnJsonLines(WORKER_SCRIPT, {
      OPSTATUS_TEST_WORKER: JSON.stringify({
        lockDuration: TEST_LOCK_MS,
        stalledInterval: TEST_STALL_MS,
        username: USERNAME,
        password: PASSWORD,
        ...config,
      }),
    }),
  });
  await worker.next((e) => e.event === "ready");
  return worker;
}

/** Runs test/processes/caller.mjs (another process's `result(id)`) and gives back what it printed. */
export async function resultInAnotherProcess(config: {
  connection: { host: string; port: number };
  queueName: string;
  id: string;
  providers: boolean;
}): Promise<{ result?: any; error?: any }> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(here, "processes/caller.mjs")], {
    env: { ...process.env, OPSTATUS_TEST_CALLER: JSON.stringify(config) },
    timeout: 30_000,
  });
  return JSON.parse(stdout);
}
