// `opstatus queue add|show|list|cancel`: the caller's side of the durable waits. No credential here: a wait names a
// profile of the workers, which hold the credentials. `add --wait` follows the wait as `opstatus wait` does (progress,
// exit codes, json/ndjson), from the queue's event stream; Ctrl+C stops following and leaves the wait running.
import { isOpstatusError, type WaitResult } from "@opstatus/core";
import { Redactor } from "@opstatus/core/internal";
import type { WaitInfo, WaitQueue, WaitStatus } from "@opstatus/queue";
import { parseDuration, UsageError } from "../args.js";
import { EXIT, ended, failure } from "../outcome.js";
import { type Outcome, type PollLine, Reporter } from "../output.js";
import { connectRedis, load, parse, type QueueIo, queueWhere, RedisUnreachable, whereOptions } from "./shared.js";

export const QUEUE_HELP = `Usage: opstatus queue <add|show|list|cancel> [options]

The durable waits on Redis that \`opstatus worker\` processes poll. A wait names a profile of the workers (they hold
the credentials); nothing secret is sent from here.

  queue add PROFILE TARGET   add a wait, print its id (the same wait added again: the same id, nothing new)
      --timeout D            bound on the whole wait, counted from now (default 10m; 90s, 2h, 7d, ...)
      --min-delay D          smallest delay between polls (default 1s)
      --max-delay D          largest delay between polls (default 22s)
      --unknown-status P     fail (default) or wait on a vendor status the mapping does not know
      --wait                 follow the wait as \`opstatus wait\` does: progress, the same exit codes and output;
                             Ctrl+C stops following (exit 130), the wait goes on
      TARGET is the waiter's id, or a JSON object for a provider that takes one ('{"resourceId":"..."}')
  queue show ID              where the wait is: status, polls, last vendor status, next poll, end
  queue list                 the waits, newest first (a table, or JSON with -o json)
      --state S[,S...]       only these: waiting, delayed, active, completed, failed, canceled
      --limit N              at most N (default 100)
  queue cancel ID            end the wait: nothing more is sent for it

Options for all:
  --redis URL                the Redis server (OPSTATUS_REDIS_URL; default redis://127.0.0.1:6379); a password only
                             in OPSTATUS_REDIS_URL
  --prefix P, --queue-name N the queue's key prefix and name (default @opstatus/queue's)
  -o, --output FORMAT        text (default), json, or ndjson (add --wait: a line per poll, then the outcome)
  -q, --quiet                no progress lines
  -h, --help                 this help

Exit codes: 0 succeeded (add, show, list, cancel done), 1 the operation failed or was canceled, or no such wait,
2 usage, 3 the worker's log-in was refused, 4 another error (Redis unreachable), 124 timeout, 130 interrupted.
`;

const options = {
  ...whereOptions,
  timeout: { type: "string" },
  "min-delay": { type: "string" },
  "max-delay": { type: "string" },
  "unknown-status": { type: "string" },
  wait: { type: "boolean" },
  state: { type: "string" },
  limit: { type: "string" },
  output: { type: "string", short: "o" },
  quiet: { type: "boolean", short: "q" },
} as const;

const STATUSES: WaitStatus[] = ["waiting", "delayed", "active", "completed", "failed", "canceled"];

export async function runQueue(args: readonly string[], io: QueueIo): Promise<number> {
  const { values, positionals } = parse("queue", args, options, true);
  const [sub, ...rest] = positionals;
  if (values.help || sub === undefined || sub === "help") {
    io.stdout.write(QUEUE_HELP);
    return sub === undefined && !values.help ? EXIT.usage : EXIT.succeeded;
  }
  const arity = { add: 2, show: 1, cancel: 1, list: 0 }[sub];
  if (arity === undefined)
    throw new UsageError(`queue: unknown command ${JSON.stringify(sub)} (add, show, list, cancel)`);
  if (rest.length !== arity)
    throw new UsageError(`queue ${sub} takes ${["no argument", "an ID", "PROFILE TARGET"][arity]}`);
  const output = (values.output as string | undefined) ?? "text";
  if (!["text", "json", "ndjson"].includes(output)) throw new UsageError("queue: --output takes text, json or ndjson");
  const where = queueWhere("queue", values, io.env);

  const { createWaitQueue } = await load("queue", () => import("@opstatus/queue"));
  let queue: WaitQueue | undefined;
  try {
    const connection = await connectRedis("queue", where);
    queue = createWaitQueue({ connection, ...where });
    const print = (value: unknown, text: string) =>
      io.stdout.write(output === "text" ? text : `${JSON.stringify(value, null, output === "json" ? 2 : undefined)}\n`);

    if (sub === "add") return await add(queue, rest[0]!, rest[1]!, values, output as Format, io);
    if (sub === "show") {
      const info = await queue.get(rest[0]!);
      if (!info) return notFound(io, rest[0]!);
      print(info, showText(info));
      return EXIT.succeeded;
    }
    if (sub === "cancel") {
      if (!(await queue.cancel(rest[0]!))) {
        io.stderr.write(`opstatus: no wait ${rest[0]} to cancel (it has ended, or there is none)\n`);
        return EXIT.failed;
      }
      print({ id: rest[0], canceled: true }, `canceled ${rest[0]}\n`);
      return EXIT.succeeded;
    }
    const waits = await list(queue, values.state as string | undefined, values.limit as string | undefined);
    print(waits, table(waits));
    return EXIT.succeeded;
  } catch (error) {
    if (!(error instanceof RedisUnreachable)) throw error;
    io.stderr.write(`opstatus: ${error.message}\n`);
    return EXIT.error;
  } finally {
    await queue?.close();
  }
}

type Format = "text" | "json" | "ndjson";

function notFound(io: QueueIo, id: string): number {
  io.stderr.write(`opstatus: no wait ${id} (it never was, or its keep time has passed)\n`);
  return EXIT.failed;
}

const time = (ms: number | undefined) => (ms === undefined ? "" : new Date(ms).toISOString());

function showText(w: WaitInfo): string {
  const rows: [string, unknown][] = [
    ["id", w.id],
    ["status", w.status],
    ["profile", w.profile],
    ["target", typeof w.target === "string" ? w.target : JSON.stringify(w.target)],
    ["added", time(w.addedAt)],
    ["polls", w.attempts],
    ["vendor status", w.vendorStatus],
    ["next poll", time(w.nextPollAt)],
    ["ended", time(w.finishedAt)],
    ["error", w.error ? `${w.error.code ?? w.error.name}: ${w.error.message}` : undefined],
  ];
  return rows
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${`${k}:`.padEnd(15)}${v}\n`)
    .join("");
}

async function list(queue: WaitQueue, state: string | undefined, limitText: string | undefined): Promise<WaitInfo[]> {
  const wanted = state === undefined ? STATUSES : (state.split(",") as WaitStatus[]);
  const bad = wanted.filter((s) => !STATUSES.includes(s));
  if (bad.length > 0) throw new UsageError(`queue list: --state takes ${STATUSES.join(", ")}, not ${bad.join(", ")}`);
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new UsageError("queue list: --limit takes a whole number above 0");
  // canceled waits are failed jobs to BullMQ
  const jobStates = [...new Set(wanted.map((s) => (s === "canceled" ? "failed" : s)))];
  const jobs = await queue.queue.getJobs(jobStates as never, 0, limit - 1, false);
  const infos = await Promise.all(jobs.filter((j) => j?.id).map((j) => queue.get(j.id!)));
  return infos
    .filter((w): w is WaitInfo => w !== undefined && wanted.includes(w.status))
    .sort((a, b) => b.addedAt - a.addedAt)
    .slice(0, limit);
}

function table(waits: WaitInfo[]): string {
  if (waits.length === 0) return "no waits\n";
  const rows = [
    ["ID", "STATUS", "PROFILE", "TARGET", "POLLS", "VENDOR STATUS", "NEXT POLL / ENDED"],
    ...waits.map((w) => [
      w.id,
      w.status,
      w.profile,
      typeof w.target === "string" ? w.target : JSON.stringify(w.target),
      String(w.attempts),
      w.vendorStatus ?? "",
      time(w.nextPollAt ?? w.finishedAt),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map(
      (r) =>
        `${r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}

async function add(
  queue: WaitQueue,
  profile: string,
  targetText: string,
  values: Record<string, string | boolean | undefined>,
  format: Format,
  io: QueueIo,
): Promise<number> {
  let target: string | Record<string, string> = targetText;
  if (targetText.startsWith("{")) {
    try {
      target = JSON.parse(targetText);
    } catch {
      throw new UsageError("queue add: TARGET starts with { but is no JSON object");
    }
  }
  const duration = (name: string) => {
    const text = values[name];
    return typeof text === "string" ? parseDuration(text, name) : undefined;
  };
  const unknownStatus = values["unknown-status"];
  if (unknownStatus !== undefined && unknownStatus !== "fail" && unknownStatus !== "wait")
    throw new UsageError("queue add: --unknown-status takes fail or wait");
  const waitOptions = {
    timeout: duration("timeout"),
    minDelay: duration("min-delay"),
    maxDelay: duration("max-delay"),
    unknownStatus: unknownStatus as "fail" | "wait" | undefined,
  };
  const defined = Object.fromEntries(Object.entries(waitOptions).filter(([, v]) => v !== undefined));

  const redactor = new Redactor();
  const reporter = new Reporter({
    ...io,
    format,
    quiet: Boolean(values.quiet),
    redactor,
    provider: profile,
    target: typeof target === "string" ? target : targetText,
    command: "wait",
  });
  const subject = { provider: profile, target: typeof target === "string" ? target : targetText };
  let id: string;
  // the wait's events from before add() on: none is missed
  let previous: string | undefined;
  let addedAt = Date.now();
  const unsubscribe = values.wait
    ? await queue.subscribe((event) => {
        if (event.type !== "poll" || event.id !== id) return;
        const line: PollLine = {
          attempt: event.attempt,
          elapsedMs: event.at - addedAt,
          changed: event.error === undefined && event.vendorStatus !== previous,
          nextPollInMs: Math.max(0, event.nextPollAt - event.at),
          ...(event.error !== undefined
            ? {
                error: {
                  name: "Error",
                  message: event.error,
                  ...(event.httpStatus ? { status: event.httpStatus } : {}),
                },
              }
            : { state: event.state, vendorStatus: event.vendorStatus, httpStatus: event.httpStatus }),
        };
        if (event.error === undefined) previous = event.vendorStatus;
        reporter.poll(line);
      })
    : undefined;
  // Ctrl+C / SIGTERM: stop following; the durable wait goes on
  const controller = new AbortController();
  const stop = () => controller.abort();
  if (values.wait) {
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  }
  try {
    try {
      ({ id } = await queue.add({ profile, target, ...defined }));
    } catch (error) {
      if (isOpstatusError(error, "request")) throw new UsageError(`queue add: ${error.message}`);
      throw error;
    }
    if (!values.wait) {
      io.stdout.write(format === "text" ? `${id}\n` : `${JSON.stringify({ id })}\n`);
      return EXIT.succeeded;
    }
    if (format === "text" && !values.quiet) reporter.err(`opstatus: following wait ${id}\n`);
    const info = await queue.get(id);
    if (info) addedAt = info.addedAt;
    reporter.start(addedAt);

    let outcome: Outcome;
    try {
      const result: WaitResult<unknown> = await queue.result(id, { signal: controller.signal });
      outcome = ended(subject, result);
    } catch (error) {
      outcome = failure(error, isOpstatusError, subject, controller.signal.aborted);
      // canceled by `queue cancel` (not by this Ctrl+C): the wait ended without its operation's end
      if (!controller.signal.aborted && isOpstatusError(error, "aborted"))
        outcome = { ...outcome, exitCode: EXIT.failed, outcome: "canceled" };
    }
    reporter.stop();
    if (controller.signal.aborted)
      reporter.err(`opstatus: stopped following; the wait goes on: opstatus queue show ${id}\n`);
    reporter.finish({ ...outcome, id });
    return outcome.exitCode;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    reporter.stop();
    await unsubscribe?.();
  }
}
