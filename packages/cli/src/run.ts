// `get` and `wait`: load the one provider package asked for, build its client from the manifest data, and run its
// waiter. A `get` is the waiter stopped after its first answer, so that every provider reads its status the same
// way, whatever its target (an id, or ECL's `{ resourceId }`). Every exit path logs the session out, and how the
// command ended is mapped to an exit code by the error's class and HTTP status.
import type { isOpstatusError as IsOpstatusError, ProgressEvent, WaitResult } from "@opstatus/core";
import { Redactor, readWaitToken } from "@opstatus/core/internal";
import { accessSync, constants, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type CommandLine, UsageError } from "./args.js";
import { resolveAuth } from "./credentials.js";
import { type ErrorInfo, type Outcome, type OutcomeName, type PollLine, Reporter, type Stream } from "./output.js";
import type { ProviderInfo } from "./provider-info.js";

interface Io {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
  version: string;
}

/** The exit codes, documented in the README and in `opstatus --help`. */
export const EXIT = {
  succeeded: 0,
  failed: 1,
  usage: 2,
  auth: 3,
  error: 4,
  timeout: 124,
  interrupted: 130,
} as const;

/** After SIGINT/SIGTERM the process is gone within 0.5 s: the log-out gets what is left of this. */
const INTERRUPT_BUDGET_MS = 380;
/** The last resort after a signal, should anything not give way in time. */
const INTERRUPT_HARD_EXIT_MS = 460;
/** On every other exit path, the log-out gets this long. */
const CLOSE_BUDGET_MS = 10_000;

/** A provider package: its client factory and waiter, by the names its manifest gives. */
type ProviderModule = Record<string, unknown>;

/** Tells opstatus errors by their `code`, whichever copy of core made them. */
type Guard = typeof IsOpstatusError;

interface Client {
  close(): Promise<void>;
  [method: string]: unknown;
}

/** Writes the resume token so that a kill at any moment leaves the old token or the new one, never half of one. */
function writeCheckpoint(file: string, token: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${token}\n`);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true, maxRetries: 0 });
    throw new Error(`--checkpoint ${file}: cannot write the file (${errorInfo(error).message})`, { cause: error });
  }
}

/** The last writes (an error ended the wait, or a signal): never a reason for the command to end otherwise. */
function tryWriteCheckpoint(file: string, token: string): boolean {
  try {
    writeCheckpoint(file, token);
    return true;
  } catch {
    return false;
  }
}

/** Before the first request: the checkpoint's directory is there and writable, or it is a usage error. */
function checkCheckpointDir(file: string): void {
  const dir = dirname(resolve(file));
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--checkpoint ${file}: cannot write in ${dir} (no such directory, or not writable)`);
  }
}

const errorInfo = (error: unknown): ErrorInfo => {
  const e = error as { name?: unknown; status?: unknown } | undefined;
  return {
    name: typeof e?.name === "string" ? e.name : "Error",
    message: error instanceof Error ? error.message : String(error),
    ...(typeof e?.status === "number" ? { status: e.status } : {}),
  };
};

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
  const base = { provider: p.name, target: line.targetText };

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
  let mod: ProviderModule | undefined;
  let is: Guard | undefined;
  let startedAt = Date.now();
  /** The attempt number of the last poll (it goes on counting across a resume, as the waiter's does). */
  let attempt = 0;
  /** The poll whose line is not printed yet: its number, and its error if it failed. */
  let pending: { attempt: number; error?: unknown } | undefined;
  let lastProgress: ProgressEvent<unknown> | undefined;
  /** The number of the last poll that got an answer or an error (an interrupted one does not count, as in the waiter). */
  let answered: number | undefined;
  /** `get`: the status read, or the error of the one call. */
  let read: ProgressEvent<unknown> | undefined;
  let getError: { error: unknown } | undefined;

  const pollLine = (at: { attempt: number; error?: unknown }, nextPollInMs?: number): PollLine => {
    const elapsedMs = Date.now() - startedAt;
    const next = nextPollInMs === undefined ? {} : { nextPollInMs: Math.max(0, Math.round(nextPollInMs)) };
    if (at.error !== undefined)
      return { attempt: at.attempt, elapsedMs, changed: false, error: errorInfo(at.error), ...next };
    const changed = lastProgress?.attempt === at.attempt;
    return {
      attempt: at.attempt,
      elapsedMs,
      ...(lastProgress ? { state: lastProgress.state, vendorStatus: lastProgress.vendorStatus } : {}),
      changed,
      ...next,
      ...(changed ? { httpStatus: lastProgress!.httpStatus, body: lastProgress!.body } : {}),
    };
  };
  /** The line of the poll that ended the wait (no checkpoint comes after it). */
  const flushLastPoll = (override: Partial<PollLine> = {}) => {
    if (command !== "wait" || !pending || interruptedAt !== undefined) return;
    reporter.poll({ ...pollLine(pending), ...override });
    pending = undefined;
  };

  let outcome: Outcome;
  try {
    try {
      const auth = resolveAuth(p, io.env, line.credentials);
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
      let resume: string | undefined;
      if (line.checkpoint) checkCheckpointDir(line.checkpoint);
      if (line.checkpoint && existsSync(line.checkpoint)) {
        try {
          resume = readFileSync(line.checkpoint, "utf8").trim();
        } catch {
          throw new UsageError(`--checkpoint ${line.checkpoint}: cannot read the file`);
        }
        const t = readWaitToken(resume);
        if (t?.startedAt !== undefined) startedAt = t.startedAt;
        if (t) answered = attempt = t.attempt;
      }

      // only now the provider package: start-up stays fast, and only the provider used is loaded
      [mod, { isOpstatusError: is }] = await Promise.all([
        import(p.package) as Promise<ProviderModule>,
        import("@opstatus/core"),
      ]);
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
        ...(line.loginServer ? { [line.loginServer.name]: line.loginServer.value } : {}),
        auth,
        fetch,
        // every secret the client sends or obtains (credentials, session tokens) is blanked out of what is printed
        onSecret: (secret: string) => redactor.add(secret),
        headers: { "User-Agent": `opstatus-cli/${io.version}` },
        ...(line.insecureHttp ? { allowInsecureHttp: true } : {}),
      });

      // the status method, watched: each poll's number and error, for the progress display and for `get`
      const method = client[p.method] as (...args: unknown[]) => Promise<unknown>;
      const watched: Client = {
        ...client,
        [p.method]: async (...args: unknown[]) => {
          reporter.polling();
          const mine: { attempt: number; error?: unknown } = { attempt: ++attempt };
          pending = mine;
          try {
            const answer = await method(...args);
            answered = mine.attempt;
            return answer;
          } catch (error) {
            mine.error = error;
            if (interruptedAt === undefined) answered = mine.attempt;
            if (command === "get" && !controller.signal.aborted) {
              // one call only: a 503 ends a `get` too (the waiter would retry it)
              getError = { error };
              controller.abort(new DOMException("read", "AbortError"));
            }
            throw error;
          }
        },
      };

      const common = {
        ...(line.timeout !== undefined ? { timeout: line.timeout } : {}),
        signal: controller.signal,
      };
      const options =
        command === "get"
          ? {
              ...common,
              unknownStatus: "wait",
              onProgress: (event: ProgressEvent<unknown>) => {
                // the first answer is always a transition: it is the status read
                read = event;
                controller.abort(new DOMException("read", "AbortError"));
              },
            }
          : {
              ...common,
              ...(line.minDelay !== undefined ? { minDelay: line.minDelay } : {}),
              ...(line.maxDelay !== undefined ? { maxDelay: line.maxDelay } : {}),
              ...(line.unknownStatus !== undefined ? { unknownStatus: line.unknownStatus } : {}),
              ...(resume !== undefined ? { resume } : {}),
              onProgress: (event: ProgressEvent<unknown>) => {
                lastProgress = event;
              },
              onCheckpoint: (token: string) => {
                lastToken = token;
                if (line.checkpoint) writeCheckpoint(line.checkpoint, token);
                const t = readWaitToken(token);
                const next = t?.nextPollAt !== undefined ? t.nextPollAt - Date.now() : undefined;
                if (pending) reporter.poll(pollLine(pending, next));
                pending = undefined;
              },
            };

      const ended = (result: WaitResult<unknown>, name: OutcomeName): Outcome => {
        flushLastPoll({
          elapsedMs: result.elapsedMs,
          state: result.state,
          vendorStatus: result.vendorStatus,
          body: result.body,
        });
        return {
          exitCode: name === "succeeded" ? EXIT.succeeded : EXIT.failed,
          outcome: name,
          ...base,
          state: result.state,
          vendorStatus: result.vendorStatus,
          ...(lastProgress ? { httpStatus: lastProgress.httpStatus } : {}),
          attempts: result.attempts,
          elapsedMs: result.elapsedMs,
          body: result.body,
          ...(result.reason ? { reason: result.reason } : {}),
        };
      };

      // elapsed time counts from the waiter's start (or, resumed, from the first start, as the waiter's does)
      if (resume === undefined) startedAt = Date.now();
      reporter.start(startedAt);
      const waiter = mod[p.waiter] as (
        client: Client,
        target: unknown,
        options: object,
      ) => Promise<WaitResult<unknown>>;
      if (command === "get") {
        // the first answer is the status read, whatever its state: the waiter then ends (aborted by onProgress, or
        // by a final state), and how it ends does not matter
        const settled = await waiter(watched, line.target, options).then(
          () => undefined,
          (error: unknown) => ({ error }),
        );
        if (!read || interruptedAt !== undefined) throw settled ? settled.error : new Error("no status was read");
        outcome = {
          exitCode: EXIT.succeeded,
          outcome: "read",
          ...base,
          state: read.state,
          vendorStatus: read.vendorStatus,
          httpStatus: read.httpStatus,
          body: read.body,
        };
      } else {
        try {
          outcome = ended(await waiter(watched, line.target, options), "succeeded");
        } catch (error) {
          if (!is(error, "operation-failed")) throw error;
          const { result } = error;
          outcome = ended(result, result.state === "canceled" ? "canceled" : "failed");
        }
        // the operation has ended: a later wait on the same file starts anew
        if (line.checkpoint) rmSync(line.checkpoint, { force: true });
      }
    } catch (error) {
      if (command === "get" && interruptedAt === undefined && is?.(error, "aborted") && getError) {
        outcome = failure(getError.error, is, base);
      } else {
        outcome = failure(error, is, base, interruptedAt !== undefined);
        // an unknown status ends the wait before the waiter reports it: this poll's line says it
        flushLastPoll(
          outcome.state === "unknown"
            ? { state: "unknown", vendorStatus: outcome.vendorStatus, body: outcome.body, changed: true }
            : {},
        );
        if (lastProgress && outcome.state === undefined)
          outcome = { ...outcome, state: lastProgress.state, vendorStatus: lastProgress.vendorStatus };
        if (command === "wait" && is && outcome.outcome !== "usage")
          outcome = {
            ...(answered !== undefined ? { attempts: answered } : {}),
            elapsedMs: Date.now() - startedAt,
            ...outcome,
          };
        const token = (error as { resumeToken?: unknown })?.resumeToken;
        if (typeof token === "string") lastToken = token;
        if (
          line.checkpoint &&
          lastToken &&
          outcome.outcome !== "usage" &&
          tryWriteCheckpoint(line.checkpoint, lastToken)
        )
          outcome.checkpoint = line.checkpoint;
      }
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

/** How an error ended the command: the exit code by the error's class and HTTP status. */
function failure(
  error: unknown,
  is: Guard | undefined,
  base: { provider: string; target: string },
  interrupted = false,
): Outcome {
  const make = (outcome: OutcomeName, exitCode: number, extra: Partial<Outcome> = {}): Outcome => ({
    exitCode,
    outcome,
    ...base,
    ...extra,
    error: errorInfo(error),
  });
  if (error instanceof UsageError) return make("usage", EXIT.usage);
  if (!is) return make("error", EXIT.error);
  if (interrupted || is(error, "aborted")) return make("interrupted", EXIT.interrupted);
  if (is(error, "auth") || (is(error, "api") && (error.status === 401 || error.status === 403)))
    return make("auth", EXIT.auth);
  if (is(error, "timeout")) {
    const extra: Partial<Outcome> = {
      attempts: error.attempts,
      ...(error.lastBody !== undefined ? { body: error.lastBody } : {}),
    };
    // the deadline passed while the polls were failing (no answer, or an error answer): an error ended the wait
    return error.lastError !== undefined ? make("error", EXIT.error, extra) : make("timeout", EXIT.timeout, extra);
  }
  if (is(error, "unknown-status"))
    return make("error", EXIT.error, { state: "unknown", vendorStatus: error.vendorStatus, body: error.body });
  if (is(error, "request")) return make("usage", EXIT.usage);
  return make("error", EXIT.error);
}
