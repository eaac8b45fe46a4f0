// What the CLI prints. Results go to stdout, diagnostics (progress, errors) to stderr. On a terminal, the progress is
// one live line on stderr, redrawn in place; elsewhere one plain line per status transition. Everything printed goes
// through the redactor first: no credential, and no token the client obtained, is ever shown.
import { styleText } from "node:util";
import type { Redactor } from "@opstatus/core/internal";

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

type Style = "green" | "red" | "yellow" | "cyan" | "dim" | "bold";

/**
 * Colors only on a terminal, and never when NO_COLOR is set to anything but "" (https://no-color.org). Decided here,
 * for the stream written to: styleText's own check (Node 20.19+, 22.13+) looks at process.stdout, which would take
 * the colors off stderr's live line whenever stdout is piped (`-o json | jq`).
 */
function colorsFor(stream: Stream, env: NodeJS.ProcessEnv): (style: Style, text: string) => string {
  const on = Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== "dumb";
  return on ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

/** `420ms`, `2.4s`, `15m 0s`, `2h 5m`. */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** `next poll in 4s`: whole seconds from 10 s on, tenths below. */
function formatWait(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s >= 10 ? `${Math.round(s)}s` : `${s.toFixed(1)}s`;
}

/** What one poll saw, or the error it got (a retried one, or the one that ended the wait). */
export interface PollLine {
  attempt: number;
  elapsedMs: number;
  state?: string;
  vendorStatus?: string;
  httpStatus?: number;
  /** The status differs from the previous poll's. */
  changed: boolean;
  /** The body, when the status changed (and on the last poll). */
  body?: unknown;
  error?: ErrorInfo;
  /** Until the next poll; absent on the last one. */
  nextPollInMs?: number;
}

export interface ErrorInfo {
  name: string;
  message: string;
  status?: number;
}

export type OutcomeName =
  | "succeeded"
  | "failed"
  | "canceled"
  | "timeout"
  | "interrupted"
  | "auth"
  | "error"
  | "usage"
  | "read";

/** How a command ended: the exit code and what the JSON output says. */
export interface Outcome {
  exitCode: number;
  outcome: OutcomeName;
  /** A durable wait's id (`queue add --wait`). */
  id?: string;
  provider: string;
  target: string;
  state?: string;
  vendorStatus?: string;
  httpStatus?: number;
  attempts?: number;
  elapsedMs?: number;
  body?: unknown;
  reason?: string;
  error?: ErrorInfo;
  /** Where the resume token was saved (timeout, interrupt). */
  checkpoint?: string;
}

/** The keys of an outcome in one order, whatever order they were set in: the verdict first, the body last. */
const OUTCOME_KEYS: (keyof Outcome)[] = [
  "exitCode",
  "outcome",
  "id",
  "provider",
  "target",
  "state",
  "vendorStatus",
  "httpStatus",
  "attempts",
  "elapsedMs",
  "reason",
  "checkpoint",
  "error",
  "body",
];
function ordered(outcome: Outcome): Outcome {
  return Object.fromEntries(
    OUTCOME_KEYS.filter((key) => outcome[key] !== undefined).map((key) => [key, outcome[key]]),
  ) as unknown as Outcome;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

interface ReporterOptions {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
  format: "text" | "json" | "ndjson";
  quiet: boolean;
  redactor: Redactor;
  provider: string;
  target: string;
  command: "get" | "wait";
}

/** The live state of a wait, for the live line. */
interface LiveState {
  startedAt: number;
  state?: string;
  vendorStatus?: string;
  /** When the next poll is due; undefined before the first answer. Once it has passed, a request is on its way. */
  nextPollAt?: number;
  /** The last poll's error, while polls are failing. */
  error?: string;
}

export class Reporter {
  private readonly o: ReporterOptions;
  private readonly paintOut: (style: Style, text: string) => string;
  private readonly paintErr: (style: Style, text: string) => string;
  private timer: ReturnType<typeof setInterval> | undefined;
  private frame = 0;
  private drawn = false;
  private readonly live: LiveState = { startedAt: Date.now() };
  /** A live line on stderr: a terminal, and not --quiet. */
  readonly interactive: boolean;

  constructor(options: ReporterOptions) {
    this.o = options;
    this.paintOut = colorsFor(options.stdout, options.env);
    this.paintErr = colorsFor(options.stderr, options.env);
    this.interactive = Boolean(options.stderr.isTTY) && !options.quiet && options.command === "wait";
  }

  out(text: string): void {
    this.clearLive();
    this.o.stdout.write(this.o.redactor.redact(text));
  }
  err(text: string): void {
    this.clearLive();
    this.o.stderr.write(this.o.redactor.redact(text));
  }

  /** Starts the live line (on a terminal). */
  start(startedAt: number): void {
    this.live.startedAt = startedAt;
    if (!this.interactive) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 100);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearLive();
  }

  private clearLive(): void {
    if (!this.drawn) return;
    this.o.stderr.write("\r\x1b[2K");
    this.drawn = false;
  }

  private draw(): void {
    const { live } = this;
    const c = this.paintErr;
    const now = Date.now();
    const elapsed = now - live.startedAt;
    const parts = [
      `${c("cyan", SPINNER[this.frame++ % SPINNER.length]!)} ${this.o.provider} ${this.o.target}`,
      c("dim", elapsed < 60_000 ? `${(elapsed / 1000).toFixed(1)}s` : formatDuration(elapsed)),
    ];
    if (live.vendorStatus !== undefined) parts.push(`${c("bold", live.vendorStatus || '""')} (${live.state})`);
    if (live.error) parts.push(c("yellow", `retrying after: ${live.error}`));
    parts.push(
      c(
        "dim",
        live.nextPollAt === undefined || live.nextPollAt <= now
          ? "polling…"
          : `next poll in ${formatWait(live.nextPollAt - now)}`,
      ),
    );
    let text = this.o.redactor.redact(parts.join("  "));
    // one terminal line, or the redraw would leave the wrapped rest behind
    const width = (this.o.stderr.columns ?? 80) - 1;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
    const visible = text.replace(/\x1b\[[0-9;]*m/g, "");
    if (visible.length > width) text = `${visible.slice(0, Math.max(0, width - 1))}…`;
    this.o.stderr.write(`\r\x1b[2K${text}`);
    this.drawn = true;
  }

  /** One poll: an ndjson line; off a terminal, a plain line on stderr for a transition or an error. */
  poll(line: PollLine): void {
    const { live } = this;
    if (line.error) live.error = line.error.message;
    else {
      live.error = undefined;
      live.state = line.state;
      live.vendorStatus = line.vendorStatus;
    }
    live.nextPollAt = line.nextPollInMs === undefined ? undefined : Date.now() + line.nextPollInMs;
    if (this.o.format === "ndjson")
      this.out(`${JSON.stringify({ event: "poll", provider: this.o.provider, target: this.o.target, ...line })}\n`);
    if (this.interactive) {
      this.draw();
      return;
    }
    if (this.o.format !== "text" || this.o.quiet || this.o.command !== "wait" || !(line.changed || line.error)) return;
    // an error that ended the wait is said once, by finish()
    if (line.error && line.nextPollInMs === undefined) return;
    const head = `${this.o.provider} ${this.o.target}: `;
    const next = line.nextPollInMs === undefined ? "" : `, next poll in ${formatWait(line.nextPollInMs)}`;
    const at = `at ${formatDuration(line.elapsedMs)}, poll ${line.attempt}`;
    if (line.error)
      this.err(
        `${head}poll failed (${line.error.message}) ${at}${line.nextPollInMs === undefined ? "" : `; retrying${next}`}\n`,
      );
    else this.err(`${head}${line.vendorStatus || '""'} (${line.state}) ${at}${next}\n`);
  }

  /** The end: the summary line (text), the JSON object (json), the final line (ndjson); error messages on stderr. */
  finish(result: Outcome): void {
    this.stop();
    const { format, quiet } = this.o;
    const errorOutcome = result.outcome === "auth" || result.outcome === "error" || result.outcome === "usage";
    if (format === "json") this.out(`${JSON.stringify(ordered(result), null, 2)}\n`);
    if (format === "ndjson") this.out(`${JSON.stringify({ event: "result", ...ordered(result) })}\n`);
    if (result.outcome === "usage") {
      this.err(`opstatus: ${result.error?.message ?? "usage error"}\nRun \`opstatus --help\` for usage.\n`);
      return;
    }
    if (errorOutcome) {
      this.err(
        `${this.paintErr("red", "✖")} ${result.outcome === "auth" ? "authentication failed" : "error"}: ${result.error?.message ?? "unknown error"}\n`,
      );
      return;
    }
    if (format !== "text") return;
    if (this.o.command === "get") {
      this.out(`${JSON.stringify(result.body ?? null, null, 2)}\n`);
      if (!quiet) this.err(`${this.o.provider} ${this.o.target}: ${result.vendorStatus || '""'} (${result.state})\n`);
      return;
    }
    if (quiet) return;
    this.out(`${this.summary(result)}\n`);
  }

  private summary(r: Outcome): string {
    const c = this.paintOut;
    const what = `${this.o.provider} ${this.o.target}`;
    const polls = r.attempts === undefined ? "" : ` after ${r.attempts} poll${r.attempts === 1 ? "" : "s"}`;
    const time = r.elapsedMs === undefined ? "" : ` in ${formatDuration(r.elapsedMs)}`;
    const status = r.vendorStatus === undefined ? "no status seen" : `${r.vendorStatus || '""'} (${r.state})`;
    const saved = r.checkpoint ? `; checkpoint saved to ${r.checkpoint}` : "";
    switch (r.outcome) {
      case "succeeded":
        return `${c("green", "✔ succeeded")}: ${what} ${status}${polls}${time}${r.reason ? `; ${r.reason}` : ""}`;
      case "failed":
      case "canceled":
        return `${c("red", `✖ ${r.outcome}`)}: ${what} ${status}${polls}${time}${r.reason ? `: ${r.reason}` : ""}`;
      case "timeout":
        return `${c("yellow", "⏱ timed out")}: ${what} still ${status}${polls}${time}${saved}`;
      case "interrupted":
        return `${c("yellow", "■ interrupted")}: ${what} ${status}${polls}${time}${saved}`;
      default:
        return `${what}: ${r.outcome}`;
    }
  }
}
