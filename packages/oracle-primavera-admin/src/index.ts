// Generated from the spec and its x-opstatus manifest (src/generated/provider.ts), but for the job status and its
// waiter (src/job-status.ts): the job's state is the HTTP status.
export * from "./generated/provider.js";
export type { JobStatusOptions, UserJobStatus } from "./job-status.js";
