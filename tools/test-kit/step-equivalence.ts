// A wait run as a loop of single steps polls at the same times and ends the same way as the provider's waiter, which
// is itself such a loop: each scenario (the shared waiter suite's, faults included, and a provider's own) runs twice
// on a fake clock with the same scripted answers, through `waiter(client, target, options)` and through a loop of
// `waiter.step(...)` that sleeps until each step's `nextPollAt`. The answers come from an injected fetch on the same
// clock, so that slow answers, resets and requests that outlive their time limit need no real timers.
import { describe, expect, it } from "vitest";
import { FakeClock } from "./fake-clock.js";
import type { Step } from "./index.js";

/** One scenario: the answers in order (the last repeats), the wait's options, and how it must end. */
export interface StepScenario {
  name: string;
  answers: Step[];
  /** The wait's options, beside the fake clock and a fixed random source. */
  options?: Record<string, unknown>;
  /** Aborts the wait at this time on the fake clock (ms after the start). */
  abortAt?: number;
  /** Starts from the token of a first wait's first poll (made by `waiter.step`) instead of anew. */
  resume?: boolean;
  /** How it must end: the result's state, or the error's `name`. */
  ends: "succeeded" | string;
  /** The request paths it must make, in order (where a scenario is about where the polls go). */
  paths?: string[];
}

/** A waiter as generated or hand-written: the whole wait, and its single step. */
interface StepWaiter {
  (client: any, target: any, options?: Record<string, unknown>): Promise<any>;
  step(client: any, target: any, state?: unknown, options?: Record<string, unknown>): Promise<any>;
}

export interface StepEquivalenceConfig {
  provider: string;
  /** A client of the provider that sends through `fetch` (a ready credential: no log-in call among the polls). */
  client(fetch: (request: Request) => Promise<Response>): any;
  waiter: StepWaiter;
  target: unknown;
  scenarios: StepScenario[];
}

/** What a run did: when each request went where, each poll's event, and how it ended (as plain data). */
interface Run {
  requests: { at: number; path: string }[];
  events: Record<string, unknown>[];
  outcome: Record<string, unknown>;
}

/** A fetch that answers the n-th request with the n-th answer, on `clock`; a late answer yields to an abort. */
function scriptedFetch(answers: Step[], clock: FakeClock, requests: Run["requests"]) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    requests.push({ at: clock.now(), path: url.pathname + url.search });
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!;
    if (answer === "reset")
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      });
    if (answer.delayMs)
      await new Promise((resolve, reject) => {
        const timer = clock.setTimeout(() => resolve(undefined), answer.delayMs!);
        request.signal.addEventListener("abort", () => {
          clock.clearTimeout(timer);
          reject(request.signal.reason);
        });
      });
    const body = answer.raw ?? (answer.body === undefined ? null : JSON.stringify(answer.body));
    return new Response(body, {
      status: answer.status,
      headers: { "content-type": "application/json", ...answer.headers },
    });
  };
}

/** An event or an outcome as data: errors by their name, message and fields; the loop-only parts left out. */
function plain(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // `history` and the last body are the loop's (a step reports its own poll only): not compared
    if (key === "history" || key === "lastBody" || key === "cause" || key === "stack") continue;
    if (item instanceof Error) out[key] = { name: item.name, message: item.message };
    // a token's fields, not its text (the same state may list them in another order)
    else if (key === "resumeToken" && typeof item === "string") out[key] = JSON.parse(item);
    else if (item instanceof Headers) continue;
    else if (item && typeof item === "object" && !Array.isArray(item))
      out[key] = plain(item as Record<string, unknown>);
    else out[key] = item;
  }
  return out;
}

function errorData(error: any): Record<string, unknown> {
  return plain({ name: error.name, message: error.message, code: error.code, ...error });
}

type Mode = "loop" | "steps";

async function run(config: StepEquivalenceConfig, scenario: StepScenario, mode: Mode): Promise<Run> {
  const clock = new FakeClock();
  const requests: Run["requests"] = [];
  const events: Run["events"] = [];
  const client = config.client(scriptedFetch(scenario.answers, clock, requests));
  const controller = new AbortController();
  if (scenario.abortAt !== undefined) clock.setTimeout(() => controller.abort(), scenario.abortAt);
  const options = {
    random: () => 0.5,
    ...scenario.options,
    clock,
    signal: controller.signal,
    onPoll: (event: Record<string, unknown>) => events.push(plain(event)),
  };
  const { waiter, target } = config;
  let token: string | undefined;
  if (scenario.resume) {
    const first = await clock.run(waiter.step(client, target, undefined, { ...options, onPoll: undefined }));
    token = first.value?.token;
    if (!token) throw new Error(`${scenario.name}: the first step gave no token`);
  }

  const loop = async () => (await waiter(client, target, token ? { ...options, resume: token } : options)) as object;
  const steps = async () => {
    let state: unknown = token;
    let due = token ? (JSON.parse(token) as { nextPollAt: number }).nextPollAt : clock.now();
    for (;;) {
      // the caller's sleep ends early on an abort; the step then sends nothing and gives the abort with the state
      await new Promise((resolve) => {
        const timer = clock.setTimeout(() => resolve(undefined), Math.max(0, due - clock.now()));
        controller.signal.addEventListener("abort", () => {
          clock.clearTimeout(timer);
          resolve(undefined);
        });
      });
      const step = await waiter.step(client, target, state, options);
      if (step.done) return step.result as object;
      state = step.token;
      due = step.nextPollAt;
    }
  };
  const { value, error } = await clock.run(mode === "loop" ? loop() : steps());
  return {
    requests,
    events,
    outcome: error ? { error: errorData(error) } : { result: plain(value as Record<string, unknown>) },
  };
}

/** The equivalence test of a provider's waiter: each scenario through the waiter and through a loop of its steps. */
export function describeStepEquivalence(config: StepEquivalenceConfig): void {
  describe(`${config.provider}: the waiter and a loop of its steps`, () => {
    for (const scenario of config.scenarios)
      it(`${scenario.name}: the same polls at the same times, the same events, the same end`, async () => {
        const loop = await run(config, scenario, "loop");
        const steps = await run(config, scenario, "steps");
        const ended = (r: Run) =>
          (r.outcome.result as { state?: string } | undefined)?.state ?? (r.outcome.error as { name: string }).name;
        expect(ended(loop), JSON.stringify(loop.outcome)).toBe(scenario.ends);
        if (scenario.paths) expect(loop.requests.map((r) => r.path)).toEqual(scenario.paths);
        expect(loop.requests.length).toBeGreaterThan(0);
        expect(steps.requests).toEqual(loop.requests);
        expect(steps.events).toEqual(loop.events);
        expect(steps.outcome).toEqual(loop.outcome);
      });
  });
}

/** The answers of a waiter's life, as the shared waiter suite gives them. */
export interface LifeAnswers {
  running: Exclude<Step, "reset">;
  succeeded: Exclude<Step, "reset">;
  failed: Exclude<Step, "reset">;
  unknown?: Exclude<Step, "reset">;
}

/**
 * The shared scenarios, on a realistic schedule (the defaults, a fixed random draw): a running operation that
 * succeeds, one that fails, bursts of faults (429 with `Retry-After`, 503 with HTML, a reset, a cut-off body),
 * an answer slower than the delays, one that outlives its time limit, an error that ends the wait (404), an unknown
 * status (failing fast, and waited out to the deadline), a timeout, an abort in the middle of a request and one
 * between polls, and a resumed wait.
 */
export function sharedScenarios(a: LifeAnswers, apiErrorName: string): StepScenario[] {
  const { running, succeeded, failed } = a;
  const scenarios: StepScenario[] = [
    { name: "running to success", answers: [running, running, running, running, succeeded], ends: "succeeded" },
    { name: "running to failure", answers: [running, running, failed], ends: "OpstatusOperationFailedError" },
    {
      name: "bursts of faults",
      answers: [
        { status: 429, body: {}, headers: { "Retry-After": "7" } },
        { status: 503, raw: "<html>Service Unavailable</html>", headers: { "content-type": "text/html" } },
        "reset",
        { status: 200, raw: '{"status": "RUNN' },
        running,
        { status: 502, body: {} },
        succeeded,
      ],
      ends: "succeeded",
    },
    { name: "a slow answer", answers: [{ ...running, delayMs: 4000 }, running, succeeded], ends: "succeeded" },
    {
      name: "an answer that outlives its time limit, then the deadline",
      answers: [running, { ...running, delayMs: 600_000 }],
      options: { timeout: 30_000 },
      ends: "OpstatusTimeoutError",
    },
    {
      name: "an error that ends the wait (404)",
      answers: [running, { status: 404, body: {} }],
      ends: apiErrorName,
    },
    { name: "a timeout", answers: [running], options: { timeout: 45_000 }, ends: "OpstatusTimeoutError" },
    {
      name: "an abort in the middle of a request",
      answers: [running, running, { ...running, delayMs: 10_000 }],
      abortAt: 3500,
      ends: "AbortError",
    },
    { name: "an abort between polls", answers: [running], abortAt: 5000, ends: "AbortError" },
    { name: "a resumed wait", answers: [running, running, running, succeeded], resume: true, ends: "succeeded" },
  ];
  if (a.unknown) {
    scenarios.push({ name: "an unknown status", answers: [running, a.unknown], ends: "OpstatusUnknownStatusError" });
    scenarios.push({
      name: "an unknown status waited out",
      answers: [a.unknown],
      options: { unknownStatus: "wait", timeout: 20_000 },
      ends: "OpstatusTimeoutError",
    });
  }
  return scenarios;
}
