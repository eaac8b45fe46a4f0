import {
  OpstatusApiError,
  waitUntilDone,
  type CanonicalState,
  type Observation,
  type WaitOptions,
} from "../src/index.js";
import type { FakeClock } from "@opstatus/tools/test-kit/fake-clock";

export type Body = { status: string };
/** What one poll answers: a status (optionally `STATUS|retry-after`), an observation, an error, or no answer at all. */
export type Answer = string | Observation<Body> | Error | "hang";
const states: Record<string, CanonicalState> = {
  PENDING: "pending",
  RUNNING: "running",
  DONE: "succeeded",
  FAILED: "failed",
  CANCELED: "canceled",
};

/** A simulated operation: each poll takes the next answer (the last repeats); records when polls happen. */
export function operation(answers: Answer[]) {
  const polls: { at: number; signal: AbortSignal }[] = [];
  let clock: FakeClock | undefined;
  const spec = {
    provider: "test-provider",
    operation: "getThing",
    target: "thing-1",
    async poll(signal: AbortSignal): Promise<Observation<Body>> {
      polls.push({ at: clock!.now(), signal });
      const answer = answers[Math.min(polls.length - 1, answers.length - 1)]!;
      if (answer === "hang")
        return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      if (answer instanceof Error) throw answer;
      if (typeof answer === "string") {
        const [status, retryAfter] = answer.split("|");
        return {
          state: states[status!] ?? "unknown",
          vendorStatus: status!,
          body: { status: status! },
          httpStatus: 200,
          retryAfter: retryAfter ?? null,
        };
      }
      return answer;
    },
  };
  return {
    spec,
    polls,
    /** Sets the clock that `polls` are timed with, for waits started without `wait()`. */
    useClock(fake: FakeClock) {
      clock = fake;
    },
    wait(fake: FakeClock, options: WaitOptions<Body> = {}) {
      clock = fake;
      return fake.run(
        waitUntilDone(spec, { clock: fake, random: () => 0, minDelay: 1000, maxDelay: 8800, ...options }),
      );
    },
  };
}

export const apiError = (status: number, headers: Record<string, string> = {}) =>
  new OpstatusApiError({
    provider: "test-provider",
    operation: "getThing",
    status,
    body: undefined,
    rawBody: "",
    headers: new Headers(headers),
  });

export const gaps = (polls: { at: number }[]) => polls.slice(1).map((p, i) => p.at - polls[i]!.at);

/** A token (a wait state) of the test operation: its scope and target, and `fields`. */
export const tokenOf = (fields: Record<string, unknown>) => ({
  v: 2,
  provider: "test-provider",
  operation: "getThing",
  target: "thing-1",
  ...fields,
});
