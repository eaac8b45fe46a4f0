// The worker: one BullMQ job run is one poll. It takes the wait's state from the job, makes one status call through
// the profile's client (`waiter.step`), and either ends the job (the result, or the typed error as data) or saves the
// next state and moves the job to delayed until the next poll is due. Between polls no worker holds the wait.
import {
  isOpstatusError,
  OpstatusRequestError,
  type DelayFunction,
  type PollEvent,
  type StepOptions,
  type WaitResult,
  type WaitState,
} from "@opstatus/core";
import { checkOptions, dueAt, errorFields, Redactor } from "@opstatus/core/internal";
import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import { Pacer, type PacingOptions } from "./pacing.js";
import { providerMap, type ProfileOf, type ProviderInput, type WaitProvider } from "./providers.js";
import {
  asTarget,
  DEFAULT_PREFIX,
  DEFAULT_QUEUE_NAME,
  pickOptions,
  POLL_EVENT,
  queueKeys,
  savedState,
  type PollProgress,
  type QueueLocation,
  type StoredError,
  type WaitJobData,
} from "./wait-job.js";

/** A job may run this much before its due time (clocks of workers and timers are not exact) and still poll. */
const EARLY_MS = 5;
/** Scope of the errors `createWaitWorker` throws itself. */
const WORKER_SCOPE = { provider: "@opstatus/queue", operation: "createWaitWorker" } as const;
/** A stall limit no wait reaches (see `maxStalledCount`). */
const UNLIMITED_STALLS = Number.MAX_SAFE_INTEGER;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The event stream keeps about this many events, as BullMQ keeps its own by default. */
const MAX_EVENTS = 10_000;

/** What the worker's `onPoll` gets: the poll (as `onPoll` of a wait gets it), and which job it was. */
export interface WorkerPollEvent extends PollEvent<unknown> {
  /** The job id of the wait. */
  id: string;
  /** The profile it was polled with. */
  profile: string;
  /** Epoch ms when the poll was due (its state's `nextPollAt`, or its pacing slot): `at` minus this is its lateness, request included. */
  dueAt: number;
  /** Epoch ms when the job run began (after the due time, with the worker's and Redis's delays). */
  startedAt: number;
}

/** Options of `createWaitWorker`. */
export interface WaitWorkerOptions<P extends readonly ProviderInput[]> extends QueueLocation {
  /** The Redis connection: ioredis options or an ioredis instance (BullMQ's `connection`). */
  connection: ConnectionOptions;
  /** The provider packages this worker serves (their `opstatusProvider`, or the modules). */
  providers: P;
  /**
   * The worker's profiles: a name each job refers to, and the provider and client options (server variables or base
   * URL, credentials...) it stands for. Credentials live here, in the worker's memory, never in Redis. Every worker of
   * a queue should have the same profiles: a job naming a profile this worker lacks fails.
   */
  profiles: Readonly<Record<string, ProfileOf<P[number]>>>;
  /** Polls in flight at once in this worker (default 50): polls wait on the network, not on the CPU. */
  concurrency?: number;
  /**
   * How long a poll's lock lasts in ms (default 10000, renewed every half of it while the poll runs). With
   * `stalledInterval`, it bounds how soon another worker polls a wait whose worker died mid-poll: within
   * `lockDuration + 2 × stalledInterval` (20 s by default).
   */
  lockDuration?: number;
  /** How often, in ms, the workers look for waits whose worker died mid-poll (default 5000). */
  stalledInterval?: number;
  /**
   * How many times a wait may be taken back from a dead worker before it fails (default: no limit). BullMQ never
   * resets this count, and a wait that lives for days would otherwise fail after a few crashes of unrelated workers;
   * a poll is a status read, safe to repeat. A poll that itself kills its worker every time is polled again after
   * each death: remove such a wait with `cancel`, or set a limit here.
   */
  maxStalledCount?: number;
  /**
   * How long ended waits stay readable by `get` and `result`, in ms: `completed` (default 7 days) and `failed`
   * (default 30 days). Meanwhile adding the same wait again starts nothing. (Jobs past their time are removed when
   * another wait ends.)
   */
  keep?: { completed?: number; failed?: number };
  /** At most so many polls per time to each vendor origin, shared by every worker of the queue (default: none). */
  pacing?: PacingOptions;
  /** A schedule of the worker's own (the waits' `minDelay`/`maxDelay` still clamp it; see `StepOptions.delay`). */
  delay?: DelayFunction;
  /** Called after every poll this worker makes. */
  onPoll?: (event: WorkerPollEvent) => void;
  /** Called with errors of the worker itself (its Redis connection, a job it could not save); default: none. */
  onError?: (error: Error) => void;
  /**
   * This worker's name, kept on the jobs it runs (BullMQ's `processedBy`). It costs every pending wait about 170
   * bytes of Redis (a ninth field in its job).
   */
  name?: string;
}

/** A running worker. */
export interface WaitWorker {
  /** The BullMQ worker, for what this package does not wrap (its events, metrics). */
  readonly worker: Worker<WaitJobData, WaitResult<unknown>>;
  /**
   * Stops taking jobs, lets the polls in flight finish (each one's job is then delayed with its next state saved, or
   * ended), logs the profiles' sessions out and closes the connections. Call it on SIGTERM.
   */
  close(): Promise<void>;
}

interface ProfileEntry {
  name: string;
  provider: WaitProvider;
  client: any;
  origin: string;
}

/**
 * Starts a worker that polls the queue's waits: each job run is one status call through the profile's client. The
 * profiles' clients are made now (bad options throw here, before anything is sent), one per profile, so every wait on
 * one profile shares its session.
 */
export function createWaitWorker<const P extends readonly ProviderInput[]>(options: WaitWorkerOptions<P>): WaitWorker {
  const providers = providerMap(options.providers);
  const redactor = new Redactor();
  const profiles = new Map<string, ProfileEntry>();
  for (const [name, profile] of Object.entries<Record<string, unknown>>(options.profiles)) {
    const { provider: providerName, ...clientOptions } = profile;
    const provider = providers.get(String(providerName));
    if (!provider)
      throw new TypeError(
        `@opstatus/queue: the profile ${name} names the provider ${String(providerName)}, which is not among the worker's providers (${[...providers.keys()].join(", ")})`,
      );
    const onSecret = clientOptions.onSecret as ((secret: string) => void) | undefined;
    let client: ProfileEntry["client"];
    try {
      client = provider.createClient({
        ...clientOptions,
        onSecret: (secret: string) => {
          redactor.add(secret);
          onSecret?.(secret);
        },
      });
    } catch (error) {
      // options the client refuses: the same error, saying which profile holds them
      if (!isOpstatusError(error, "request")) throw error;
      throw new OpstatusRequestError({
        ...WORKER_SCOPE,
        message: `the profile ${name}: ${error.message}`,
        cause: error,
      });
    }
    profiles.set(name, { name, provider, client, origin: new URL(client.baseUrl).origin });
  }
  const keys = queueKeys(options);
  const pacer = options.pacing ? new Pacer(options.pacing, keys.pace) : undefined;

  /** Ends the job badly: the error's fields go into the job (redacted again), its message is the failed reason. */
  const fail = async (job: Job<WaitJobData>, data: WaitJobData, error: unknown): Promise<never> => {
    const fields: StoredError = redactor.redactDeep(
      (errorFields(error) as StoredError | undefined) ?? {
        name: error instanceof Error ? error.name : "Error",
        message: error instanceof Error ? error.message : String(error),
      },
    );
    await job.updateData({ ...data, error: fields });
    throw new UnrecoverableError(fields.message);
  };

  const later = async (job: Job<WaitJobData>, token: string | undefined, at: number): Promise<never> => {
    await job.moveToDelayed(at, token);
    throw new DelayedError();
  };

  const processor = async (job: Job<WaitJobData>, token?: string, signal?: AbortSignal) => {
    const startedAt = Date.now();
    const data = job.data;
    const entry =
      typeof data?.profile === "string" && profiles.has(data.profile) ? profiles.get(data.profile)! : undefined;
    if (!entry)
      return fail(
        job,
        data,
        new OpstatusRequestError({
          provider: "@opstatus/queue",
          operation: "poll",
          message: `the wait names the profile ${JSON.stringify(data?.profile)}, which this worker does not have (it has ${[...profiles.keys()].join(", ")}); nothing was sent`,
        }),
      );
    const { waiter } = entry.provider;
    const target = asTarget(data.target);
    const stepOptions: StepOptions<unknown> = {
      ...pickOptions(data.options),
      ...(options.delay ? { delay: options.delay } : {}),
      ...(signal ? { signal } : {}),
    };

    let state: WaitState;
    try {
      if (target === undefined)
        throw new OpstatusRequestError({
          provider: entry.provider.name,
          operation: "poll",
          message: "the wait's target must be a non-empty string or an object of strings",
        });
      const start = await startState(waiter, entry.client, target, stepOptions, data.addedAt);
      // the job keeps the state without what the waiter adds to it anyway (its version, provider, operation, target)
      state = data.state ? { ...start, ...data.state } : start;
    } catch (error) {
      return fail(job, data, error);
    }

    // the wait's own schedule first (as waitUntilDone sleeps: nextPollAt, Retry-After included, minDelay after the
    // last poll, the deadline), then the vendor's pacing
    const { minDelay } = checkOptions(state, stepOptions);
    const due = Math.max(dueAt(state, minDelay), data.paceAt ?? 0);
    if (due > Date.now() + EARLY_MS) return later(job, token, due);
    if (pacer && (data.paceAt === undefined || pacer.missed(entry.origin, data.paceAt, Date.now()))) {
      const now = Date.now();
      const slot = await pacer.reserve(await worker.getBackend().client, entry.origin, now);
      if (slot > now + EARLY_MS) {
        await job.updateData({ ...data, state: savedState(state), paceAt: slot });
        return later(job, token, slot);
      }
    }

    let step: Awaited<ReturnType<WaitProvider["waiter"]["step"]>>;
    try {
      step = await waiter.step(entry.client, target!, state, {
        ...stepOptions,
        ...(options.onPoll
          ? {
              onPoll: (event) => options.onPoll!({ ...event, id: job.id!, profile: entry.name, dueAt: due, startedAt }),
            }
          : {}),
      });
    } catch (error) {
      // BullMQ's signal (`worker.cancelJob`) stops this job run, not the wait: it goes back to delayed, its state kept
      if (signal?.aborted && isOpstatusError(error, "aborted") && error.resumeToken) {
        const aborted: WaitState = JSON.parse(error.resumeToken);
        const { paceAt: _, ...rest } = data;
        await job.updateData({ ...rest, state: savedState(aborted) });
        return later(job, token, dueAt(aborted, minDelay));
      }
      return fail(job, data, error);
    }
    if (step.done) return step.result;

    const { observation, error } = step;
    const progress: PollProgress = {
      attempt: step.attempt,
      at: step.at,
      ...(observation
        ? { vendorStatus: observation.vendorStatus, state: observation.state, httpStatus: observation.httpStatus }
        : {
            ...(isOpstatusError(error, "api") ? { httpStatus: error.status } : {}),
            error: redactor.redact(error instanceof Error ? error.message : String(error)),
          }),
      nextPollAt: step.nextPollAt,
    };
    const { paceAt: _, ...rest } = data;
    // sent together, run by Redis in this order: the state is saved before the job is delayed. The poll goes to the
    // event stream as an event of its own, not into the job (whose size is what a pending wait costs in Redis).
    const client = await worker.getBackend().client;
    await Promise.all([
      job.updateData({ ...rest, state: savedState(step.state) }),
      client.xadd(
        worker.toKey("events"),
        "*",
        { event: POLL_EVENT, jobId: String(job.id), data: JSON.stringify(progress) },
        {
          MAXLEN: MAX_EVENTS,
          approximate: true,
        },
      ),
      job.moveToDelayed(step.nextPollAt, token),
    ]);
    throw new DelayedError();
  };

  const worker = new Worker<WaitJobData, WaitResult<unknown>>(options.queueName ?? DEFAULT_QUEUE_NAME, processor, {
    connection: options.connection,
    prefix: options.prefix ?? DEFAULT_PREFIX,
    concurrency: options.concurrency ?? 50,
    lockDuration: options.lockDuration ?? 10_000,
    stalledInterval: options.stalledInterval ?? 5_000,
    maxStalledCount: options.maxStalledCount ?? UNLIMITED_STALLS,
    // kept by the worker, which ends the jobs, rather than in each job's options (bytes of every pending wait)
    removeOnComplete: { age: Math.ceil((options.keep?.completed ?? 7 * DAY_MS) / 1000) },
    removeOnFail: { age: Math.ceil((options.keep?.failed ?? 30 * DAY_MS) / 1000) },
    ...(options.name ? { name: options.name } : {}),
  });
  worker.on("error", (error) => options.onError?.(error));

  let closing: Promise<void> | undefined;
  return {
    worker,
    close: () =>
      (closing ??= (async () => {
        await worker.close();
        await Promise.allSettled([...profiles.values()].map((entry) => entry.client.close()));
      })()),
  };
}

/**
 * The state of a wait that starts at `addedAt`, as the waiter makes it, without a request: a step given an aborted
 * signal checks the options, builds the new wait's state, sends nothing and throws `OpstatusAbortError` with that
 * state's token. Its times are then moved to `addedAt`, so the deadline counts from `add`, not from the first run.
 */
async function startState(
  waiter: WaitProvider["waiter"],
  client: unknown,
  target: unknown,
  options: StepOptions<unknown>,
  addedAt: unknown,
): Promise<WaitState> {
  const abort = new AbortController();
  abort.abort();
  try {
    await waiter.step(client, target, undefined, { ...options, signal: abort.signal });
  } catch (error) {
    if (!isOpstatusError(error, "aborted") || !error.resumeToken) throw error;
    const state: WaitState = JSON.parse(error.resumeToken);
    // a waiter of string targets keys an object as "[object Object]": it would poll that
    if (typeof target === "object" && state.target === String({}))
      throw new OpstatusRequestError({
        provider: state.provider,
        operation: state.operation,
        message: "this waiter takes a string target, not an object",
      });
    const shift = typeof addedAt === "number" && Number.isFinite(addedAt) ? addedAt - state.startedAt : 0;
    return {
      ...state,
      startedAt: state.startedAt + shift,
      deadline: state.deadline + shift,
      nextPollAt: state.nextPollAt + shift,
    };
  }
  throw new Error("@opstatus/queue: the waiter polled with an aborted signal");
}
