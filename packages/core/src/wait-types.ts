// The types of a wait: what a poll saw, the options, the result, the state between polls. Types only, so that every
// part of the wait engine (schedule, state, step, loop) can import them.

/** The five states every vendor status maps to. */
export type CanonicalState = "pending" | "running" | "succeeded" | "failed" | "canceled";

/** What a vendor's own protocol needs for the next poll (e.g. the path of a 202's `Location`); never a secret. */
export type VendorState = Readonly<Record<string, string>>;

/** What one poll saw, already mapped by the provider's status table. */
export interface Observation<TBody> {
  /** The canonical state, or `unknown` when the vendor sent a status the mapping does not know. */
  state: CanonicalState | "unknown";
  /** The vendor's own status (a status string, or the HTTP code where the status is the code). */
  vendorStatus: string;
  /** The answer's body, as the provider reports it. */
  body: TBody;
  /** The HTTP status of the answer. */
  httpStatus: number;
  /** Why the operation failed, or what a succeeded operation left undone. */
  reason?: string;
  /** The response's `Retry-After`, if any. */
  retryAfter?: string | null;
  /** What the next poll needs (kept in the wait's state); absent: the next poll needs nothing. */
  vendor?: VendorState;
}

/** One poll in the history. */
export interface PollRecord {
  /** The poll's number in the whole wait (it goes on counting across a resume). */
  attempt: number;
  /** Epoch milliseconds when the answer (or error) came. */
  at: number;
  /** Milliseconds since the wait first started (before any resume). */
  elapsedMs: number;
  /** The HTTP status of the answer (or of the error answer). */
  httpStatus?: number;
  /** The vendor's status, when the poll got one. */
  vendorStatus?: string;
  /** Its canonical state, when the poll got one. */
  state?: CanonicalState | "unknown";
  /** The message of the error that made this poll fail. */
  error?: string;
}

/** A status transition, given to `onProgress`. Repeated identical polls are not transitions. */
export interface ProgressEvent<TBody> {
  /** The poll's number in the whole wait. */
  attempt: number;
  /** Milliseconds since the wait first started (before any resume). */
  elapsedMs: number;
  /** The new canonical state. */
  state: CanonicalState | "unknown";
  /** The new vendor status. */
  vendorStatus: string;
  /** The status before (undefined at the first poll). */
  previousVendorStatus: string | undefined;
  /** The HTTP status of the answer. */
  httpStatus: number;
  /** Milliseconds until the next poll; undefined when the wait has ended. */
  nextDelayMs: number | undefined;
  /** The answer's body. */
  body: TBody;
}

/** What one poll did, given to `onPoll` after every poll: the answer it saw, or the error it got. */
export interface PollEvent<TBody> {
  /** The poll's number in the whole wait (it goes on counting across a resume). */
  attempt: number;
  /** Epoch milliseconds when the answer (or error) came. */
  at: number;
  /** Milliseconds since the wait first started (before any resume). */
  elapsedMs: number;
  /** What the poll saw; absent when it failed. */
  observation?: Observation<TBody>;
  /** The error the poll got (already redacted by the client): retried when `nextPollAt` is set, else the end. */
  error?: unknown;
  /** Epoch milliseconds when the next poll is due; undefined when the wait ends with this poll. */
  nextPollAt?: number;
}

/** How a wait ended well (or, in `OpstatusOperationFailedError.result`, badly). */
export interface WaitResult<TBody> {
  /** The final canonical state. */
  state: CanonicalState;
  /** The final vendor status. */
  vendorStatus: string;
  /** The provider's typed final body. */
  body: TBody;
  /** What a succeeded operation left undone (e.g. deletions that failed), or why it failed. */
  reason?: string;
  /** Polls in the whole wait, also those before a resume. */
  attempts: number;
  /** Milliseconds since the wait first started (before any resume). */
  elapsedMs: number;
  /**
   * The recent polls of this call, numbered by `attempt`: the last 4, and the last 4 status changes before them (8
   * at most, however long the wait). After a resume, the earlier process's are not here.
   */
  history: PollRecord[];
}

/**
 * A wait between two polls (version 2), serialisable as JSON (its `token`). It holds what the next poll needs and
 * nothing secret: which wait it is, its times, its attempt count, the last vendor status and what the vendor's own
 * protocol needs (`vendor`). Version-1 tokens (without `lastStatus` and `vendor`) are still read.
 */
export interface WaitState {
  /** The token's version. */
  v: 2;
  /** The provider's name. */
  provider: string;
  /** The polled operation. */
  operation: string;
  /** What is waited for (an id, or a filter), so that a state is not resumed against another target. */
  target: string;
  /** Epoch ms when the wait first started. */
  startedAt: number;
  /** Epoch ms of the deadline. */
  deadline: number;
  /** Polls so far. */
  attempt: number;
  /** Epoch ms when the next poll is due (by the schedule and `Retry-After`). */
  nextPollAt: number;
  /** Epoch ms of the last poll's answer (or error, or abort); the next poll is never sooner than minDelay after it. */
  lastPollAt?: number;
  /** The vendor status the last answer carried. */
  lastStatus?: string;
  /** What the vendor's protocol needs for the next poll (e.g. Primavera's 202 `Location`). */
  vendor?: VendorState;
}

/**
 * What one step (one poll) gives back: the poll itself, and either the end (`done`, with the same result
 * `waitUntilDone` resolves with) or the next state, its token and when the next poll is due. The other ends (failed
 * operation, timeout, unknown status, an error that is not retried) are thrown, as `waitUntilDone` throws them.
 */
export type WaitStep<TBody> = PollEvent<TBody> &
  ({ done: true; result: WaitResult<TBody> } | { done: false; state: WaitState; token: string; nextPollAt: number });

/** One wait: which provider, operation and target, and its status call. */
export interface WaitSpec<TBody> {
  /** The provider's name. */
  readonly provider: string;
  /** The polled operation (its operationId). */
  readonly operation: string;
  /** What is waited for, as a string (kept in the state, so that a state is not used for another target). */
  target: string;
  /**
   * One status request; must honour `signal`, and throws the provider's typed errors. `state` is the wait's state
   * before this poll (its `vendor` says what the vendor's protocol asked for).
   */
  poll(signal: AbortSignal, state: Readonly<WaitState>): Promise<Observation<TBody>>;
}
