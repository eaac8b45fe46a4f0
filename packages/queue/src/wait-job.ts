// What a wait is in Redis: one BullMQ job, its id made of the profile and the target, its data (no credential, no
// history, no body while it is pending), and the few keys of our own beside BullMQ's, all under the queue's prefix.
import { createHash } from "node:crypto";
import { OpstatusRequestError, type WaitState } from "@opstatus/core";
import { checkOptions } from "@opstatus/core/internal";

/**
 * The default key prefix. Its braces are a Redis Cluster hash tag: every key of the queue (BullMQ's and ours) hashes
 * to one slot, which BullMQ's scripts need on a cluster.
 */
export const DEFAULT_PREFIX = "{opstatus}";
/** The default queue name. */
export const DEFAULT_QUEUE_NAME = "waits";

/** Where a queue lives: its key prefix and its name (one queue, one slot of a cluster). */
export interface QueueLocation {
  /** The key prefix (default `{opstatus}`, a Cluster hash tag); give every queue of one cluster its own tag to spread them. */
  prefix?: string;
  /** The queue's name (default `waits`); workers and callers of one queue use the same prefix and name. */
  queueName?: string;
}

/** What is waited for: an id, or, for a provider whose waiter takes an object, an object of strings. */
export type WaitTarget = string | Readonly<Record<string, string>>;

/** The options of a wait that travel in its job: numbers and a policy, nothing that runs. */
export interface QueuedWaitOptions {
  /** Bound on the whole wait in ms (default 10 minutes), counted from `add`. */
  timeout?: number;
  /** Smallest delay between two polls in ms (default 1000). */
  minDelay?: number;
  /** Largest delay between two polls in ms (default 22000). */
  maxDelay?: number;
  /** A vendor status the mapping does not know: fail at once (default) or keep waiting. */
  unknownStatus?: "fail" | "wait";
}

const OPTION_NAMES = ["timeout", "minDelay", "maxDelay", "unknownStatus"] as const;

/**
 * An error as a job keeps it (data, since BullMQ keeps a failure as a string): an opstatus error's fields (its `code`,
 * `provider`, `operation`, message and the fields of its class: `status`, `body`, `result`, ...), or only the name
 * and message of any other error.
 */
export interface StoredError {
  /** The opstatus error's `code`; absent for any other error. */
  code?: string;
  /** The error's `name` (`VsphereApiError`, `OpstatusTimeoutError`, ...). */
  name: string;
  /** The whole message. */
  message: string;
  /** The other fields of the error's class. */
  [field: string]: unknown;
}

/** A job's data: what a wait is between two polls. No credential, no URL, no history, no body. */
export interface WaitJobData {
  /** The worker's profile that polls it. */
  profile: string;
  /** What is waited for. */
  target: WaitTarget;
  /** The wait's options. */
  options: QueuedWaitOptions;
  /** Epoch ms of `add`: the wait's start (its deadline counts from it). */
  addedAt: number;
  /** The wait's state after its last poll (none before the first), without its version, provider, operation and target. */
  state?: SavedState;
  /** The poll slot the per-origin pacing gave this poll (epoch ms), until the poll is made. */
  paceAt?: number;
  /** How the wait ended, when it ended badly. */
  error?: StoredError;
}

/** A wait's state as its job keeps it: the waiter adds the rest (version, provider, operation, target) at each poll. */
export type SavedState = Omit<WaitState, "v" | "provider" | "operation" | "target">;

/** The state as a job keeps it. */
export function savedState(state: WaitState): SavedState {
  const { v: _v, provider: _p, operation: _o, target: _t, ...saved } = state;
  return saved;
}

/** The name of a poll's event in the queue's event stream (BullMQ's own events are beside it). */
export const POLL_EVENT = "opstatus:poll";

/** What a poll tells the event stream: small and secret-free. */
export interface PollProgress {
  /** The poll's number in the wait. */
  attempt: number;
  /** Epoch ms of the answer (or error). */
  at: number;
  /** The vendor's status, when the poll got an answer. */
  vendorStatus?: string;
  /** Its canonical state (`pending`, `running`, or `unknown` under `unknownStatus: "wait"`). */
  state?: string;
  /** The HTTP status of the answer (or of the error answer). */
  httpStatus?: number;
  /** The message of the error the poll got (it is retried), redacted. */
  error?: string;
  /** Epoch ms when the next poll is due. */
  nextPollAt: number;
}

/** Scope of the errors `add` and the worker throw before a provider is involved. */
export const QUEUE_SCOPE = { provider: "@opstatus/queue", operation: "add" } as const;

/** A JSON text with object keys sorted, so that equal targets give equal ids. */
function canonicalJson(value: WaitTarget): string {
  if (typeof value === "string") return JSON.stringify(value);
  // Stryker disable next-line EqualityOperator,ConditionalExpression: an object's keys are distinct (a === b never happens, so < / <= and > / >= / true agree), and V8's sort only asks whether the comparison is < 0 (1 and 0 order alike); the other mutants of this line are killed by the tests but ignored with these
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * The job id of a wait: `w-` and 24 hex digits of SHA-256 over the profile and the target. The same wait added again
 * gets the same id (BullMQ ignores an add whose id exists); valid for BullMQ (no `:`, never all digits).
 */
export function waitId(profile: string, target: WaitTarget): string {
  return `w-${createHash("sha256")
    .update(`${profile}\n${canonicalJson(target)}`)
    .digest("hex")
    .slice(0, 24)}`;
}

/** The target if it is one (a non-empty string, or a non-empty object of strings); otherwise undefined. */
export function asTarget(value: unknown): WaitTarget | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([, v]) => typeof v === "string") ? (value as WaitTarget) : undefined;
}

/** Only the wait's own options, from whatever a job holds. */
export function pickOptions(value: unknown): QueuedWaitOptions {
  const options: Record<string, unknown> = {};
  if (value && typeof value === "object")
    for (const name of OPTION_NAMES)
      if ((value as Record<string, unknown>)[name] !== undefined)
        options[name] = (value as Record<string, unknown>)[name];
  return options as QueuedWaitOptions;
}

/** The job data of a new wait, its input checked; bad input throws `OpstatusRequestError` and nothing is queued. */
export function newJobData(
  input: { profile: string; target: WaitTarget } & QueuedWaitOptions,
  now: number,
): WaitJobData {
  const fail = (message: string) => new OpstatusRequestError({ ...QUEUE_SCOPE, message });
  if (!input || typeof input !== "object") throw fail("add takes { profile, target, ...options }");
  const unknown = Object.keys(input).filter(
    (key) => key !== "profile" && key !== "target" && !OPTION_NAMES.includes(key as never),
  );
  if (unknown.length > 0)
    throw fail(
      `add takes profile, target, ${OPTION_NAMES.join(", ")}; not ${unknown.join(", ")} (functions such as delay and onPoll are the worker's options, credentials are its profiles')`,
    );
  if (typeof input.profile !== "string" || input.profile === "") throw fail("the profile must be a non-empty string");
  const target = asTarget(input.target);
  if (target === undefined) throw fail("the target must be a non-empty string or an object of strings");
  const options = pickOptions(input);
  checkOptions(QUEUE_SCOPE, options);
  return { profile: input.profile, target, options, addedAt: now };
}

/** The keys of a queue: BullMQ's `<prefix>:<name>:...`, and ours beside them (no job id contains `:`). */
export function queueKeys(location: QueueLocation) {
  const base = `${location.prefix ?? DEFAULT_PREFIX}:${location.queueName ?? DEFAULT_QUEUE_NAME}`;
  return {
    /** A canceled wait's record (its data and its abort error), kept as long as failed waits. */
    canceled: (id: string) => `${base}:opstatus-canceled:${id}`,
    /** The pacing of one origin (hashed: no host name in key names). */
    pace: (origin: string) => `${base}:opstatus-pace:${createHash("sha256").update(origin).digest("hex").slice(0, 16)}`,
  };
}
