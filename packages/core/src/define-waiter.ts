// A provider's waiter from one status call and how to read its answer: the schedule, deadline, retries, events and
// resume are the engine's. Each waiter is a function (the whole wait) with a `step` (one poll).
import type { CallOptions } from "./options.js";
import { stepWait } from "./step.js";
import type { StepOptions, WaitOptions } from "./wait-options.js";
import type * as Wait from "./wait-types.js";
import { waitUntilDone } from "./waiter.js";

/**
 * A provider's waiter: called, it polls `target` with `client` until the operation ends (see `waitUntilDone`); its
 * `step` makes one poll.
 */
export interface Waiter<TClient, TTarget, TBody> {
  /**
   * Polls `target` with `client` until the operation ends: resolves with the result of a succeeded operation; rejects
   * with `OpstatusOperationFailedError`, `OpstatusTimeoutError`, `OpstatusUnknownStatusError`, `OpstatusAbortError`
   * or the error that ended the wait.
   */
  (client: TClient, target: TTarget, options?: WaitOptions<TBody>): Promise<Wait.WaitResult<TBody>>;
  /**
   * One poll of the wait in `state` (a state or its token; none: a wait that starts now, its deadline `timeout`
   * from now): exactly one status call. Resolves with the end (`done: true` and the result) or the next state (its
   * `token`, secret-free, and `nextPollAt`, when to call `step` again); rejects with the errors the whole wait
   * rejects with (failed operation, timeout, unknown status, an error that is not retried, abort). `step` polls when
   * it is called, without waiting: the caller times its calls by `nextPollAt` (the loop and the queue do).
   */
  step(
    client: TClient,
    target: TTarget,
    state?: Wait.WaitState | string,
    options?: StepOptions<TBody>,
  ): Promise<Wait.WaitStep<TBody>>;
}

/** What one answer means: its canonical state, the vendor's status, and, if any, the reason and the body to report. */
export interface Reading<TBody> {
  state: Wait.CanonicalState | "unknown";
  vendorStatus: string;
  reason?: string | undefined;
  /** The body the wait reports, when it is not the answer itself. */
  body?: TBody;
  /** What the next poll needs (e.g. the `Location` of a 202), kept in the wait's state. */
  vendor?: Wait.VendorState | undefined;
}

interface WaiterBase<TClient, TTarget, TAnswer> {
  provider: string;
  /** The operation polled (its operationId); errors and resume tokens name it. */
  operation: string;
  /** The target as text, kept in resume tokens so that a token is not resumed against another target (default `String`). */
  key?: (target: TTarget) => string;
  /**
   * One status call; must pass `options` (the abort signal and the response observer) to the client method.
   * `vendor` is what the previous answer's reading asked the next poll to use.
   */
  call: (
    client: TClient,
    target: TTarget,
    options: Required<Pick<CallOptions, "signal" | "onResponse">> & { vendor: Wait.VendorState | undefined },
  ) => Promise<TAnswer>;
}

/** A vendor's status values and the canonical state each one means: the whole mapping of a provider, as data. */
export type StatusTable = Readonly<Record<string, Wait.CanonicalState>>;

/** How `statusField` reads an answer that carries a status field, looked up in a status table. */
export interface StatusField<TAnswer> {
  states: StatusTable;
  status: (answer: TAnswer) => string | undefined;
  /** Why the operation failed or was canceled (read only then). */
  reason?: (answer: TAnswer) => string | undefined;
  ignoreCase?: boolean;
}

/**
 * A waiter: one status call, and how to read its answer (`statusField(...)` for a status field in a status table, or
 * the vendor's own reading: a status found in a list, a status that is the HTTP code).
 */
export interface WaiterDefinition<TClient, TTarget, TAnswer, TBody = TAnswer>
  extends WaiterBase<TClient, TTarget, TAnswer> {
  read: (answer: TAnswer, response: Response, target: TTarget) => Reading<TBody>;
}

/** Looks a vendor status up in a table; `unknown` when it is not there. */
export function lookupState(
  table: StatusTable,
  status: string | undefined,
  options: { ignoreCase?: boolean } = {},
): Wait.CanonicalState | "unknown" {
  if (status === undefined) return "unknown";
  const key = options.ignoreCase ? status.trim().toUpperCase() : status.trim();
  return Object.hasOwn(table, key) ? table[key]! : "unknown";
}

/** Builds a provider's waiter from one status call and how to read its answer. */
export function defineWaiter<TClient, TTarget, TAnswer, TBody = TAnswer>(
  definition: WaiterDefinition<TClient, TTarget, TAnswer, TBody>,
): Waiter<TClient, TTarget, TBody> {
  const { read } = definition;
  const spec = (client: TClient, target: TTarget): Wait.WaitSpec<TBody> => ({
    provider: definition.provider,
    operation: definition.operation,
    target: (definition.key ?? String)(target),
    async poll(signal, state): Promise<Wait.Observation<TBody>> {
      let response: Response | undefined;
      const answer = await definition.call(client, target, {
        signal,
        onResponse: (r) => (response = r),
        vendor: state.vendor,
      });
      const reading = read(answer, response!, target);
      return {
        state: reading.state,
        vendorStatus: reading.vendorStatus,
        body: "body" in reading ? (reading.body as TBody) : (answer as unknown as TBody),
        httpStatus: response!.status,
        retryAfter: response!.headers.get("retry-after"),
        ...(reading.reason ? { reason: reading.reason } : {}),
        ...(reading.vendor ? { vendor: reading.vendor } : {}),
      };
    },
  });
  return Object.assign(
    (client: TClient, target: TTarget, options?: WaitOptions<TBody>) => waitUntilDone(spec(client, target), options),
    {
      step: (client: TClient, target: TTarget, state?: Wait.WaitState | string, options?: StepOptions<TBody>) =>
        stepWait(spec(client, target), state, options),
    },
  );
}

/**
 * Reads an answer's status field in a status table (the generated waiters' reading): `unknown` for a status the
 * table does not have; the reason only when the operation failed or was canceled.
 */
export function statusField<TAnswer>({
  states,
  status,
  reason,
  ignoreCase,
}: StatusField<TAnswer>): (answer: TAnswer) => Reading<TAnswer> {
  return (answer) => {
    const vendorStatus = status(answer);
    const state = lookupState(states, vendorStatus, { ignoreCase: ignoreCase ?? false });
    return {
      state,
      vendorStatus: vendorStatus ?? "",
      reason: state === "failed" || state === "canceled" ? reason?.(answer) : undefined,
    };
  };
}
