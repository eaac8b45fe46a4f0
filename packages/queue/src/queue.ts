// The caller's side: add a wait, read where it is, wait for its end (also in another process, also after it ended),
// cancel it, follow its polls. It needs no credential and no provider: errors come back as the same classes either
// way (a provider's own API error class when the caller passes the provider).
import { OpstatusAbortError, OpstatusRequestError, type WaitResult } from "@opstatus/core";
import { errorFields, rebuildError, type OpstatusErrorFields } from "@opstatus/core/internal";
import { Queue, QueueEvents, type ConnectionOptions, type Job } from "bullmq";
import { providerMap, type ProviderInput } from "./providers.js";
import {
  DEFAULT_PREFIX,
  DEFAULT_QUEUE_NAME,
  newJobData,
  queueKeys,
  type PollProgress,
  type QueuedWaitOptions,
  type QueueLocation,
  type StoredError,
  type WaitJobData,
  type WaitTarget,
  POLL_EVENT,
  waitId,
} from "./wait-job.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** `result` looks at the job again after this long without an event (then twice as long, up to 30 s). */
const FIRST_RECHECK_MS = 1000;
const LAST_RECHECK_MS = 30_000;
/** `cancel` looks again this often while the wait's poll is in flight. */
const CANCEL_RETRY_MS = 20;

/** Options of `createWaitQueue`. */
export interface WaitQueueOptions extends QueueLocation {
  /** The Redis connection: ioredis options or an ioredis instance (BullMQ's `connection`). */
  connection: ConnectionOptions;
  /**
   * How long a canceled wait stays readable by `get` and `result`, in ms (default 30 days, as the workers' `keep.failed`;
   * the workers keep the waits that ended by themselves).
   */
  keepCanceled?: number;
  /** The providers whose API error classes `result` rebuilds errors of code `"api"` with (otherwise `OpstatusApiError`, with the original `name`). */
  providers?: readonly ProviderInput[];
  /** Called with errors of the connections (Redis restarting, unreachable); they retry by themselves. Default: none. */
  onError?: (error: Error) => void;
}

/** A wait to add: the worker's profile that polls it, what is waited for, and its serialisable options. */
export interface AddWait extends QueuedWaitOptions {
  /** The name of a profile of the workers (it stands for the provider, server and credentials). */
  profile: string;
  /** What is waited for: the waiter's target (an id, or an object of strings). */
  target: WaitTarget;
}

/** Where a wait is. */
export type WaitStatus = "waiting" | "delayed" | "active" | "completed" | "failed" | "canceled" | "unknown";

/** What `get` tells of a wait. */
export interface WaitInfo {
  /** The wait's id. */
  id: string;
  /** The worker's profile that polls it. */
  profile: string;
  /** What is waited for. */
  target: WaitTarget;
  /**
   * The job's place: `delayed` (sleeping until `nextPollAt`), `waiting` (due, waiting for a worker), `active` (a poll
   * in flight), `completed` (succeeded), `failed` (ended badly, see `error`), `canceled`.
   */
  status: WaitStatus;
  /** Epoch ms of `add`. */
  addedAt: number;
  /** Polls so far. */
  attempts: number;
  /** The vendor status of the last answer. */
  vendorStatus?: string;
  /** Epoch ms when the next poll is due, while the wait goes on. */
  nextPollAt?: number;
  /** Epoch ms of the end. */
  finishedAt?: number;
  /** How it ended badly: the error's code (if an opstatus error), name and message. */
  error?: { code?: string; name: string; message: string };
}

/**
 * An event of the queue's waits (`id` names the wait): a poll that did not end it (`type: "poll"`, what it saw and
 * when the next is due), or its end (`type: "end"`): `succeeded` with its attempts and last vendor status, `failed`
 * with the message of the error that ended it (`result(id)` gives the error itself), or `canceled`.
 */
export type WaitEvent =
  | ({ type: "poll"; id: string } & PollProgress)
  | { type: "end"; id: string; outcome: "succeeded"; attempts: number; vendorStatus: string }
  | { type: "end"; id: string; outcome: "failed"; message: string }
  | { type: "end"; id: string; outcome: "canceled" };

/** The caller's handle on a queue of waits. */
export interface WaitQueue {
  /** The BullMQ queue, for a dashboard (bull-board) or what this package does not wrap. */
  readonly queue: Queue<WaitJobData, WaitResult<unknown>>;
  /**
   * Adds a wait; its id is made of the profile and the target, so adding the same wait again (while it exists: until
   * it ended and its keep time passed) gives the same id and starts nothing. Bad options throw
   * `OpstatusRequestError` and nothing is queued.
   */
  add(wait: AddWait): Promise<{ id: string }>;
  /** Where the wait is, its polls and its last status; undefined when there is no such wait (or no more). */
  get(id: string): Promise<WaitInfo | undefined>;
  /**
   * The end of the wait: resolves with its `WaitResult`, or rejects with the error that ended it, as `waitUntilDone`
   * would (`OpstatusOperationFailedError`, `OpstatusTimeoutError`, `OpstatusUnknownStatusError`, `OpstatusAuthError`,
   * the provider's API error, ...; `OpstatusAbortError` once canceled). Waits for the end if it is not there yet.
   * `OpstatusRequestError` when there is no such wait. `signal` stops waiting (with an `OpstatusAbortError`).
   */
  result<TBody = unknown>(id: string, options?: { signal?: AbortSignal }): Promise<WaitResult<TBody>>;
  /**
   * Ends the wait: nothing more is sent for it; `result` then rejects with `OpstatusAbortError` (whose `resumeToken`
   * has the wait's last state). A poll in flight is let finish first. False when the wait had already ended or
   * does not exist.
   */
  cancel(id: string): Promise<boolean>;
  /** Calls `listener` with every poll and end of the queue's waits from now on; resolves with a function that stops it. */
  subscribe(listener: (event: WaitEvent) => void): Promise<() => void>;
  /** Closes the connections. */
  close(): Promise<void>;
}

/** A queue of waits, for callers: no credential, no provider needed. */
export function createWaitQueue(options: WaitQueueOptions): WaitQueue {
  const location = { prefix: options.prefix ?? DEFAULT_PREFIX, queueName: options.queueName ?? DEFAULT_QUEUE_NAME };
  const queue = new Queue<WaitJobData, WaitResult<unknown>>(location.queueName, {
    connection: options.connection,
    prefix: location.prefix,
  });
  queue.on("error", (error) => options.onError?.(error));
  const keys = queueKeys(location);
  const errorClasses = new Map([...providerMap(options.providers ?? [])].map(([name, p]) => [name, p.ErrorClass]));
  const keepCanceled = options.keepCanceled ?? 30 * DAY_MS;
  const client = () => queue.getBackend().client;

  let events: Promise<QueueEvents> | undefined;
  const queueEvents = () =>
    (events ??= (async () => {
      const created = new QueueEvents(location.queueName, { connection: options.connection, prefix: location.prefix });
      created.setMaxListeners(0);
      created.on("error", (error) => options.onError?.(error));
      await created.waitUntilReady();
      return created;
    })());

  const rebuild = (fields: StoredError): Error => {
    if (fields.code === undefined) return Object.assign(new Error(fields.message), { name: fields.name });
    const ApiError = errorClasses.get(String(fields.provider));
    const error = rebuildError(fields as OpstatusErrorFields, ApiError as never);
    // without the provider's class, an API error keeps its provider's name (VsphereApiError) on OpstatusApiError
    if (fields.code === "api" && !ApiError) error.name = fields.name;
    return error;
  };

  /** The data of a canceled wait (kept beside the queue), or undefined. */
  const canceled = async (id: string): Promise<WaitJobData | undefined> => {
    const text = await (await client()).get(keys.canceled(id));
    return text ? JSON.parse(text) : undefined;
  };

  type Outcome = { result: WaitResult<unknown> } | { error: Error } | undefined;
  const outcome = async (id: string): Promise<Outcome> => {
    // the state first: a job read before it ended would lack its return value
    const status = await queue.getJobState(id);
    if (status !== "completed" && status !== "failed" && status !== "unknown") return undefined;
    const job = await queue.getJob(id);
    if (!job) {
      const data = await canceled(id);
      if (data?.error) return { error: rebuild(data.error) };
      return {
        error: new OpstatusRequestError({
          provider: "@opstatus/queue",
          operation: "result",
          message: `there is no wait ${id} (never added, or ended longer ago than the queue keeps waits)`,
        }),
      };
    }
    if (status === "completed") return { result: job.returnvalue as WaitResult<unknown> };
    if (status === "failed")
      return { error: rebuild(job.data.error ?? { name: "Error", message: job.failedReason || "the wait failed" }) };
    // added again since it was gone: it goes on
    return undefined;
  };

  return {
    queue,

    async add(wait) {
      const data = newJobData(wait, Date.now());
      const id = waitId(data.profile, data.target);
      await (await client()).del(keys.canceled(id));
      // an error of the worker itself (Redis failing mid-poll, not the wait's own end) is tried again; how long
      // ended jobs are kept is the workers' option, not each job's (bytes of every pending wait)
      await queue.add(data.profile, data, { jobId: id, attempts: 3 });
      return { id };
    },

    async get(id) {
      // the state first, then the job: a job read before it ended would lack its return value
      const found = await queue.getJobState(id);
      const job: Job<WaitJobData, WaitResult<unknown>> | undefined =
        found === "unknown" ? undefined : await queue.getJob(id);
      const data = job ? job.data : await canceled(id);
      if (!data) return undefined;
      const status: WaitStatus = job ? (found as WaitStatus) : "canceled";
      const result = status === "completed" ? job!.returnvalue : undefined;
      const ongoing = status === "waiting" || status === "delayed" || status === "active";
      const info: WaitInfo = {
        id,
        profile: data.profile,
        target: data.target,
        status,
        addedAt: data.addedAt,
        attempts: result?.attempts ?? data.state?.attempt ?? 0,
      };
      const vendorStatus = result?.vendorStatus ?? data.state?.lastStatus;
      if (vendorStatus !== undefined) info.vendorStatus = vendorStatus;
      if (ongoing) info.nextPollAt = Math.max(data.state?.nextPollAt ?? data.addedAt, data.paceAt ?? 0);
      if (job?.finishedOn) info.finishedAt = job.finishedOn;
      const error = data.error ?? (status === "failed" ? { name: "Error", message: job!.failedReason } : undefined);
      if (status !== "completed" && error)
        info.error = { ...(error.code ? { code: error.code } : {}), name: error.name, message: error.message };
      return info;
    },

    async result(id, { signal } = {}) {
      const scope = { provider: "@opstatus/queue", operation: "result" };
      if (signal?.aborted) throw new OpstatusAbortError({ ...scope, cause: signal.reason, resumeToken: undefined });
      // per-job event names (`completed:<id>`), which QueueEvents emits but does not type
      const watching = (await queueEvents()) as unknown as NodeJS.EventEmitter;
      return new Promise((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let recheck = FIRST_RECHECK_MS;
        let running = false;
        let again = false;
        const names = [`completed:${id}`, `failed:${id}`, `removed:${id}`];
        const stop = () => {
          clearTimeout(timer);
          for (const name of names) watching.off(name, look);
          signal?.removeEventListener("abort", onAbort);
        };
        const settle = (value: Outcome & object) => {
          stop();
          if ("result" in value) resolve(value.result as WaitResult<never>);
          else reject(value.error);
        };
        // one look at a time; an event during a look asks for another
        async function look(): Promise<void> {
          if (running) {
            again = true;
            return;
          }
          running = true;
          clearTimeout(timer);
          try {
            do {
              again = false;
              const found = await outcome(id);
              if (found) return settle(found);
            } while (again);
            timer = setTimeout(look, recheck);
            recheck = Math.min(recheck * 2, LAST_RECHECK_MS);
          } catch (error) {
            settle({ error: error as Error });
          } finally {
            running = false;
          }
        }
        function onAbort() {
          settle({ error: new OpstatusAbortError({ ...scope, cause: signal!.reason, resumeToken: undefined }) });
        }
        signal?.addEventListener("abort", onAbort, { once: true });
        // listening first, then looking: an end between the two is seen either way
        for (const name of names) watching.on(name, look);
        void look();
      });
    },

    async cancel(id) {
      const abort = errorFields(
        new OpstatusAbortError({
          provider: "@opstatus/queue",
          operation: "cancel",
          cause: "canceled",
          resumeToken: undefined,
        }),
      ) as StoredError;
      for (let canceling = false; ; canceling = true) {
        const job = await queue.getJob(id);
        const status = job ? await job.getState() : "unknown";
        if (status === "completed" || status === "failed" || status === "unknown") {
          if (canceling) await (await client()).del(keys.canceled(id));
          return false;
        }
        // the record goes first (with the wait's latest state), so that whoever sees the job removed finds it
        const record: WaitJobData = { ...job!.data, error: abort };
        await (await client()).set(keys.canceled(id), JSON.stringify(record), { PX: keepCanceled });
        if ((await queue.remove(id)) === 1) return true;
        // a poll is in flight (the job is locked): it ends soon, with the job delayed or ended
        await new Promise((resolve) => setTimeout(resolve, CANCEL_RETRY_MS));
      }
    },

    async subscribe(listener) {
      const watching = await queueEvents();
      const handlers = {
        [POLL_EVENT]: ({ jobId, data }: { jobId: string; data: string }) =>
          listener({ type: "poll", id: jobId, ...(JSON.parse(data) as PollProgress) }),
        completed: ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
          const result = (
            typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue
          ) as WaitResult<unknown>;
          listener({
            type: "end",
            id: jobId,
            outcome: "succeeded",
            attempts: result?.attempts,
            vendorStatus: result?.vendorStatus,
          });
        },
        failed: ({ jobId, failedReason }: { jobId: string; failedReason: string }) =>
          listener({ type: "end", id: jobId, outcome: "failed", message: failedReason }),
        removed: ({ jobId, prev }: { jobId: string; prev: string }) => {
          if (prev !== "completed" && prev !== "failed") listener({ type: "end", id: jobId, outcome: "canceled" });
        },
      };
      for (const [name, handler] of Object.entries(handlers)) watching.on(name as "progress", handler as never);
      return () => {
        for (const [name, handler] of Object.entries(handlers)) watching.off(name as "progress", handler as never);
      };
    },

    async close() {
      const opened = events;
      events = undefined;
      await Promise.all([queue.close(), opened?.then((created) => created.close())]);
    },
  };
}
