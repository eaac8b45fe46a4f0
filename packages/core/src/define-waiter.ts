import type { CallOptions } from "./options.js";
import type { CanonicalState, Observation, WaitOptions, WaitResult } from "./wait-types.js";
import { lookupState, waitUntilDone, type StatusTable } from "./waiter.js";

/** A provider's waiter: polls `target` with `client` until the operation ends (see `waitUntilDone`). */
export type Waiter<TClient, TTarget, TBody> = (
  client: TClient,
  target: TTarget,
  options?: WaitOptions<TBody>,
) => Promise<WaitResult<TBody>>;

/** What one answer means: its canonical state, the vendor's status, and, if any, the reason and the body to report. */
export interface Reading<TBody> {
  state: CanonicalState | "unknown";
  vendorStatus: string;
  reason?: string | undefined;
  /** The body the wait reports, when it is not the answer itself. */
  body?: TBody;
}

interface WaiterBase<TClient, TTarget, TAnswer> {
  provider: string;
  /** The operation polled (its operationId); errors and resume tokens name it. */
  operation: string;
  /** The target as text, kept in resume tokens so that a token is not resumed against another target (default `String`). */
  key?: (target: TTarget) => string;
  /** One status call; must pass `options` (the abort signal and the response observer) to the client method. */
  call: (
    client: TClient,
    target: TTarget,
    options: Required<Pick<CallOptions, "signal" | "onResponse">>,
  ) => Promise<TAnswer>;
}

/** A waiter whose answer carries a status field looked up in a status table. */
export interface StatusFieldWaiter<TClient, TTarget, TAnswer> extends WaiterBase<TClient, TTarget, TAnswer> {
  states: StatusTable;
  status: (answer: TAnswer) => string | undefined;
  /** Why the operation failed or was canceled (read only then). */
  reason?: (answer: TAnswer) => string | undefined;
  ignoreCase?: boolean;
}

/** A waiter that reads its answers itself (a status found in a list, a status that is the HTTP code). */
export interface CustomWaiter<TClient, TTarget, TAnswer, TBody = TAnswer>
  extends WaiterBase<TClient, TTarget, TAnswer> {
  read: (answer: TAnswer, response: Response, target: TTarget) => Reading<TBody>;
}

/**
 * Builds a provider's waiter from one status call and how to read its answer; the schedule, deadline, retries,
 * progress and resume are `waitUntilDone`'s.
 */
export function defineWaiter<TClient, TTarget, TAnswer>(
  definition: StatusFieldWaiter<TClient, TTarget, TAnswer>,
): Waiter<TClient, TTarget, TAnswer>;
export function defineWaiter<TClient, TTarget, TAnswer, TBody = TAnswer>(
  definition: CustomWaiter<TClient, TTarget, TAnswer, TBody>,
): Waiter<TClient, TTarget, TBody>;
export function defineWaiter(
  definition: StatusFieldWaiter<unknown, unknown, unknown> | CustomWaiter<unknown, unknown, unknown, unknown>,
): Waiter<unknown, unknown, unknown> {
  const read = "read" in definition ? definition.read : readStatusField(definition);
  return (client, target, options) =>
    waitUntilDone(
      {
        provider: definition.provider,
        operation: definition.operation,
        target: (definition.key ?? String)(target),
        async poll(signal): Promise<Observation<unknown>> {
          let response: Response | undefined;
          const answer = await definition.call(client, target, { signal, onResponse: (r) => (response = r) });
          const reading = read(answer, response!, target);
          return {
            state: reading.state,
            vendorStatus: reading.vendorStatus,
            body: "body" in reading ? reading.body : answer,
            httpStatus: response!.status,
            retryAfter: response!.headers.get("retry-after"),
            ...(reading.reason ? { reason: reading.reason } : {}),
          };
        },
      },
      options,
    );
}

function readStatusField({ states, status, reason, ignoreCase }: StatusFieldWaiter<unknown, unknown, unknown>) {
  return (answer: unknown): Reading<unknown> => {
    const vendorStatus = status(answer);
    const state = lookupState(states, vendorStatus, { ignoreCase: ignoreCase ?? false });
    return {
      state,
      vendorStatus: vendorStatus ?? "",
      reason: state === "failed" || state === "canceled" ? reason?.(answer) : undefined,
    };
  };
}
