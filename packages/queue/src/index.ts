// @opstatus/queue: durable waits as BullMQ jobs on Redis. Callers add waits and read their ends (createWaitQueue);
// workers poll them, one status call per job run, with the credentials of their own profiles (createWaitWorker).
export { createWaitQueue } from "./queue.js";
export type { AddWait, WaitEvent, WaitInfo, WaitQueue, WaitQueueOptions, WaitStatus } from "./queue.js";
export { createWaitWorker } from "./worker.js";
export type { WaitWorker, WaitWorkerOptions, WorkerPollEvent } from "./worker.js";
export type { ClientOptionsOf, ProfileOf, ProviderInput, ProviderOf, WaitProvider } from "./providers.js";
export type { PaceRate, PacingOptions } from "./pacing.js";
export { DEFAULT_PREFIX, DEFAULT_QUEUE_NAME, waitId } from "./wait-job.js";
export type {
  PollProgress,
  QueuedWaitOptions,
  QueueLocation,
  StoredError,
  WaitJobData,
  WaitTarget,
} from "./wait-job.js";
