// One step of a wait: exactly one status call, then the end (the result, or the typed error that ends the wait) or the
// next state with its token and when the next poll is due. `waitUntilDone` is a loop of these steps with a sleep in
// between; a queue's worker runs one step per job run and sleeps in the queue instead.
import { PollHistory } from "./history.js";
import { abortReason, pollOnce, systemClock } from "./poll-once.js";
import { checkOptions, isRetryable, MAX_TIMER_MS, nextDelay, type Schedule } from "./schedule.js";
import {
  OpstatusAbortError,
  OpstatusOperationFailedError,
  OpstatusTimeoutError,
  OpstatusUnknownStatusError,
} from "./wait-errors.js";
import { decodeWaitState, encodeWaitState, startState } from "./wait-state.js";
import type { CanonicalState, Observation, PollEvent, WaitSpec, WaitState, WaitStep } from "./wait-types.js";
import type { WaitOptions } from "./wait-options.js";

const TERMINAL: ReadonlySet<string> = /* @__PURE__ */ new Set(["succeeded", "failed", "canceled"]);
/** The last poll, at the deadline, still gets this long to answer. */
const MIN_REQUEST_TIME_MS = 1000;

/** What a loop of steps keeps between them: the checked schedule, the history and the last answer. */
export interface StepRun<TBody> {
  schedule: Schedule;
  history: PollHistory;
  last?: Observation<TBody> | undefined;
}

/**
 * One poll: `state` (or, without one, a wait that starts now) polled once. `run` is the loop's (its history and
 * last answer); without it the step reports this poll alone.
 */
export async function stepWait<TBody>(
  spec: WaitSpec<TBody>,
  input: WaitState | string | undefined,
  options: WaitOptions<TBody> = {},
  run?: StepRun<TBody>,
): Promise<WaitStep<TBody>> {
  const scope = { provider: spec.provider, operation: spec.operation };
  const schedule = run?.schedule ?? checkOptions(scope, options);
  const clock = options.clock ?? systemClock;
  const { signal } = options;
  const now = clock.now();
  const state =
    input === undefined
      ? startState(scope, spec.target, schedule, now)
      : decodeWaitState(scope, spec.target, input, now);
  const history = run?.history ?? new PollHistory(state.lastStatus);
  const attempt = state.attempt + 1;
  const aborted = (at?: number) =>
    new OpstatusAbortError({
      ...scope,
      cause: abortReason(signal!),
      resumeToken: encodeWaitState(
        at === undefined ? state : { ...state, lastPollAt: at, nextPollAt: at + schedule.minDelay },
      ),
    });
  // an abort before the poll sends nothing; one during it drops the request, which is not counted (the vendor may
  // have seen it, so the next poll keeps minDelay from now)
  if (signal?.aborted) throw aborted();

  let observation: Observation<TBody> | undefined;
  let error: unknown;
  try {
    const limit = Math.min(Math.max(state.deadline - now, MIN_REQUEST_TIME_MS), MAX_TIMER_MS);
    observation = await pollOnce(spec, state, limit, clock, signal, options.unref ?? false);
  } catch (thrown) {
    if (signal?.aborted) throw aborted(clock.now());
    error = thrown;
  }

  const after = clock.now();
  const event: PollEvent<TBody> = {
    attempt,
    at: after,
    elapsedMs: after - state.startedAt,
    ...(observation ? { observation } : { error }),
  };
  if (!observation && !isRetryable(error)) {
    options.onPoll?.(event);
    throw error;
  }
  const failure = observation ? undefined : error instanceof Error ? error.message : String(error);
  history.push({
    attempt,
    at: after,
    elapsedMs: event.elapsedMs,
    httpStatus: observation ? observation.httpStatus : (error as { status?: number }).status,
    ...(observation ? { vendorStatus: observation.vendorStatus, state: observation.state } : { error: failure }),
  });
  if (observation && observation.state === "unknown" && schedule.unknownStatus === "fail") {
    options.onPoll?.(event);
    throw new OpstatusUnknownStatusError({ ...scope, vendorStatus: observation.vendorStatus, body: observation.body });
  }

  const ended = observation !== undefined && TERMINAL.has(observation.state);
  const next: WaitState = {
    ...state,
    attempt,
    lastPollAt: after,
    nextPollAt: ended
      ? after
      : after +
        nextDelay(scope, schedule, {
          attempt,
          after,
          deadline: state.deadline,
          last: observation,
          retryAfter: observation
            ? observation.retryAfter
            : (error as { headers?: Headers }).headers?.get("retry-after"),
          random: options.random ?? Math.random,
        }),
  };
  if (observation) {
    next.lastStatus = observation.vendorStatus;
    if (observation.vendor) next.vendor = observation.vendor;
    else delete next.vendor;
  }
  if (!ended) event.nextPollAt = next.nextPollAt;
  const last = observation ?? run?.last;
  if (run) run.last = last;
  options.onPoll?.(event);
  if (observation && observation.vendorStatus !== state.lastStatus) {
    const { state: canonical, vendorStatus, httpStatus, body } = observation;
    options.onProgress?.({
      attempt,
      elapsedMs: event.elapsedMs,
      state: canonical,
      vendorStatus,
      previousVendorStatus: state.lastStatus,
      httpStatus,
      nextDelayMs: ended || after >= state.deadline ? undefined : next.nextPollAt - after,
      body,
    });
  }

  if (ended) {
    const result = {
      state: observation!.state as CanonicalState,
      vendorStatus: observation!.vendorStatus,
      body: observation!.body,
      ...(observation!.reason ? { reason: observation!.reason } : {}),
      attempts: attempt,
      elapsedMs: event.elapsedMs,
      history: history.list(),
    };
    if (result.state === "succeeded") return { ...event, done: true, result };
    throw new OpstatusOperationFailedError({ ...scope, result });
  }
  const token = encodeWaitState(next);
  options.onCheckpoint?.(token);
  if (after >= state.deadline)
    throw new OpstatusTimeoutError({
      ...scope,
      elapsedMs: event.elapsedMs,
      attempts: attempt,
      lastStatus: next.lastStatus,
      lastBody: last?.body,
      history: history.list(),
      resumeToken: token,
      ...(observation ? {} : { lastError: failure, cause: error }),
    });
  return { ...event, done: false, state: next, token, nextPollAt: next.nextPollAt };
}
