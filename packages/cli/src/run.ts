// `get` and `wait`: load the one provider package asked for, build its client from the manifest data, and run its
// waiter: one step for `get` (exactly one status call), the whole wait for `wait`. The progress and the ndjson lines
// come from the waiter's `onPoll` events. Every exit path logs the session out, and how the command ended is mapped
// to an exit code by the error's `code` and HTTP status (outcome.ts).
import type { Observation, PollEvent, StepOptions, WaitOptions, WaitResult, WaitStep } from "@opstatus/core";
import { Redactor } from "@opstatus/core/internal";
import { readFileSync } from "node:fs";
import { type CommandLine, UsageError } from "./args.js";
import { openCheckpoint, removeCheckpoint, tryWriteCheckpoint, writeCheckpoint } from "./checkpoint.js";
import { resolveAuth } from "./credentials.js";
import { EXIT, ended, errorInfo, failure, type Guard } from "./outcome.js";
import { type Outcome, type PollLine, Reporter, type Stream } from "./output.js";
import type { ProviderInfo } from "./provider-info.js";

export { EXIT } from "./outcome.js";

interface Io {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
  version: string;
}

/** After SIGINT/SIGTERM the process is gone within 0.5 s: the log-out gets what is left of this. */
const INTERRUPT_BUDGET_MS = 380;
/** The last resort after a signal, should anything not give way in time. */
const INTERRUPT_HARD_EXIT_MS = 460;
/** On every other exit path, the log-out gets this long. */
const CLOSE_BUDGET_MS = 10_000;

interface Client {
  close(): Promise<void>;
}

/** A provider's waiter, as every provider package exports it: the whole wait, and `step` for one poll. */
interface Waiter {
  (client: Client, target: unknown, options: WaitOptions): Promise<WaitResult<unknown>>;
  step(client: Client, target: unknown, state: undefined, options: StepOptions): Promise<WaitStep<unknown>>;
}

/** A poll event as the output shows it: `changed` when its status differs from the poll's before. */
export function pollLine(event: PollEvent<unknown>, previousStatus: string | undefined): PollLine {
  const { attempt, elapsedMs, observation: seen, error, nextPollAt } = event;
  const next = nextPollAt === undefined ? {} : { nextPollInMs: Math.max(0, Math.round(nextPollAt - event.at)) };
  if (!seen) return { attempt, elapsedMs, changed: false, error: errorInfo(error), ...next };
  const changed = seen.vendorStatus !== previousStatus;
  return {
    attempt,
    elapsedMs,
    state: seen.state,
    vendorStatus: seen.vendorStatus,
    changed,
    ...next,
    // the body when the status changed, and on the last poll
    ...(changed || nextPollAt === undefined ? { httpStatus: seen.httpStatus, body: seen.body } : {}),
  };
}

export async function runCommand(line: CommandLine, io: Io): Promise<number> {
  const p = line.provider as ProviderInfo;
  const command = line.command as "get" | "wait";
  const redactor = new Redactor();
  const reporter = new Reporter({
    ...io,
    format: line.output,
    quiet: line.quiet,
    redactor,
    provider: p.name,
    target: line.targetText,
    command,
  });
  const subject = { provider: p.name, target: line.targetText };

  // SIGINT / SIGTERM abort the wait (and the request in flight); the checkpoint is written and the session logged
  // out below, all within 0.5 s
  const controller = new AbortController();
  let interruptedAt: number | undefined;
  let lastToken: string | undefined;
  let hardExit: ReturnType<typeof setTimeout> | undefined;
  /** The requests on their way: a signal aborts them all (a log-in in flight too, so that the log-out need not wait). */
  const inFlight = new Set<AbortController>();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interruptedAt !== undefined) process.exit(EXIT.interrupted); // a second Ctrl+C: at once
    interruptedAt = Date.now();
    const reason = new DOMException(`interrupted by ${signal}`, "AbortError");
    controller.abort(reason);
    for (const request of inFlight) request.abort(reason);
    hardExit = setTimeout(() => {
      reporter.stop();
      if (line.checkpoint && lastToken) tryWriteCheckpoint(line.checkpoint, lastToken);
      process.exit(EXIT.interrupted);
    }, INTERRUPT_HARD_EXIT_MS);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let client: Client | undefined;
  let tlsFetch: { close(): Promise<void> } | undefined;
  let is: Guard | undefined;
  let startedAt = Date.now();
  /** The last poll that got an answer or an error, and the last answer. */
  let last: PollEvent<unknown> | undefined;
  let lastSeen: Observation<unknown> | undefined;
  /** The status before the next poll (a resumed wait's: the checkpoint's). */
  let previousStatus: string | undefined;
  /** Polls before this run (a resumed wait's). */
  let attemptsBefore: number | undefined;

  let outcome: Outcome;
  try {
    try {
      const auth = resolveAuth(p, io.env, line.credentials, line.basic);
      let ca: string | undefined;
      if (line.ca !== undefined) {
        try {
          ca = readFileSync(line.ca, "utf8");
        } catch {
          throw new UsageError(`--ca ${line.ca}: cannot read the file`);
        }
        if (!ca.includes("-----BEGIN CERTIFICATE-----"))
          throw new UsageError(`--ca ${line.ca}: no PEM certificate in the file`);
      }
      const checkpoint = line.checkpoint ? openCheckpoint(line.checkpoint) : undefined;
      if (checkpoint) {
        if (checkpoint.startedAt !== undefined) startedAt = checkpoint.startedAt;
        previousStatus = checkpoint.lastStatus;
        attemptsBefore = checkpoint.attempt;
      }

      // only now the provider package: start-up stays fast, and only the provider used is loaded
      const [mod, core] = await Promise.all([
        import(p.package) as Promise<Record<string, unknown>>,
        import("@opstatus/core"),
      ]);
      is = core.isOpstatusError;
      let baseFetch = (request: Request) => globalThis.fetch(request);
      if (ca !== undefined) {
        const { createTlsFetch } = await import("@opstatus/core/node");
        const f = createTlsFetch({ ca });
        tlsFetch = f;
        baseFetch = f;
      }
      // a signal aborts every request on its way
      const fetch = async (request: Request) => {
        const abort = new AbortController();
        inFlight.add(abort);
        try {
          const signal = AbortSignal.any([request.signal, abort.signal]);
          return await baseFetch(new Request(request, { signal, duplex: "half" } as RequestInit));
        } finally {
          inFlight.delete(abort);
        }
      };
      client = (mod[p.factory] as (options: object) => Client)({
        ...(line.baseUrl !== undefined ? { baseUrl: line.baseUrl } : {}),
        ...(Object.keys(line.serverVariables).length > 0 ? { serverVariables: line.serverVariables } : {}),
        ...line.loginServer,
        auth,
        fetch,
        // every secret the client sends or obtains (credentials, session tokens) is blanked out of what is printed
        onSecret: (secret: string) => redactor.add(secret),
        headers: { "User-Agent": `opstatus-cli/${io.version}` },
        ...(line.insecureHttp ? { allowInsecureHttp: true } : {}),
      });

      const waiter = mod[p.waiter] as Waiter;
      const onPoll = (event: PollEvent<unknown>) => {
        last = event;
        if (event.observation) lastSeen = event.observation;
        if (command === "wait") reporter.poll(pollLine(event, previousStatus));
        if (event.observation) previousStatus = event.observation.vendorStatus;
      };
      const common = { ...(line.timeout !== undefined ? { timeout: line.timeout } : {}), signal: controller.signal };

      // elapsed time counts from the waiter's start (or, resumed, from the first start, as the waiter's does)
      if (!checkpoint) startedAt = Date.now();
      reporter.start(startedAt);
      if (command === "get") {
        // one status call, whatever the status: a read (a failed operation's status too), or the call's error
        await waiter
          .step(client, line.target, undefined, { ...common, unknownStatus: "wait", onPoll })
          .catch((error: unknown) => {
            if (!last?.observation) throw error;
          });
        const seen = last?.observation;
        if (!seen) throw last?.error ?? new Error("no status was read");
        outcome = {
          exitCode: EXIT.succeeded,
          outcome: "read",
          ...subject,
          state: seen.state,
          vendorStatus: seen.vendorStatus,
          httpStatus: seen.httpStatus,
          body: seen.body,
        };
      } else {
        try {
          const result = await waiter(client, line.target, {
            ...common,
            ...(line.minDelay !== undefined ? { minDelay: line.minDelay } : {}),
            ...(line.maxDelay !== undefined ? { maxDelay: line.maxDelay } : {}),
            ...(line.unknownStatus !== undefined ? { unknownStatus: line.unknownStatus } : {}),
            ...(checkpoint ? { resume: checkpoint.token } : {}),
            onPoll,
            onCheckpoint: (token: string) => {
              lastToken = token;
              if (line.checkpoint) writeCheckpoint(line.checkpoint, token);
            },
          });
          outcome = ended(subject, result, lastSeen?.httpStatus);
        } catch (error) {
          if (!is(error, "operation-failed")) throw error;
          outcome = ended(subject, error.result, lastSeen?.httpStatus);
        }
        if (line.checkpoint) removeCheckpoint(line.checkpoint);
      }
    } catch (error) {
      outcome = failure(error, is, subject, interruptedAt !== undefined);
      if (lastSeen && outcome.state === undefined)
        outcome = { ...outcome, state: lastSeen.state, vendorStatus: lastSeen.vendorStatus };
      if (command === "wait" && is && outcome.outcome !== "usage")
        outcome = {
          ...((last?.attempt ?? attemptsBefore) !== undefined ? { attempts: last?.attempt ?? attemptsBefore } : {}),
          elapsedMs: Date.now() - startedAt,
          ...outcome,
        };
      const token = (error as { resumeToken?: unknown })?.resumeToken;
      if (typeof token === "string") lastToken = token;
      if (line.checkpoint && lastToken && outcome.outcome !== "usage" && tryWriteCheckpoint(line.checkpoint, lastToken))
        outcome.checkpoint = line.checkpoint;
    }
    reporter.finish(outcome);
    return outcome.exitCode;
  } finally {
    // every exit path logs the session out, an unexpected error's too (bounded: after a signal, by what is left of
    // the 0.5 s)
    reporter.stop();
    const budget =
      interruptedAt !== undefined ? Math.max(0, interruptedAt + INTERRUPT_BUDGET_MS - Date.now()) : CLOSE_BUDGET_MS;
    if (client) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const closed = await Promise.race([
        client.close().then(
          () => "closed" as const,
          (error: unknown) => ({ error }),
        ),
        new Promise<"late">((resolve) => {
          timer = setTimeout(() => resolve("late"), budget);
        }),
      ]);
      clearTimeout(timer);
      if (closed === "late") reporter.err(`opstatus: the log-out did not finish within ${budget} ms\n`);
      else if (closed !== "closed") reporter.err(`opstatus: the log-out failed: ${errorInfo(closed.error).message}\n`);
    }
    await tlsFetch?.close().catch(() => undefined);
    if (hardExit) clearTimeout(hardExit);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
