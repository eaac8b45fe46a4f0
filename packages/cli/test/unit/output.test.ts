// What the CLI prints (src/output.ts), written to fake streams: the text, json and ndjson forms, --quiet, a terminal's
// live line against plain lines elsewhere, colors, redaction, and the summary lines.
import { Redactor } from "@opstatus/core/internal";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Outcome, type PollLine, Reporter } from "../../src/output.js";
import { subject, succeededOutcome } from "./fixtures.js";

interface Fake {
  write(text: string): boolean;
  isTTY: boolean;
  columns?: number;
  text: string;
  writes: string[];
}
function stream(isTTY = false, columns?: number): Fake {
  const s: Fake = {
    isTTY,
    ...(columns === undefined ? {} : { columns }),
    text: "",
    writes: [],
    write(text: string) {
      s.text += text;
      s.writes.push(text);
      return true;
    },
  };
  return s;
}

type Options = Partial<{
  format: "text" | "json" | "ndjson";
  quiet: boolean;
  command: "get" | "wait";
  env: NodeJS.ProcessEnv;
  tty: boolean;
  columns: number;
  redactor: Redactor;
  target: string;
}>;
function reporter(o: Options = {}) {
  const stdout = stream(o.tty ?? false);
  const stderr = stream(o.tty ?? false, o.columns);
  const r = new Reporter({
    stdout,
    stderr,
    env: o.env ?? {},
    format: o.format ?? "text",
    quiet: o.quiet ?? false,
    redactor: o.redactor ?? new Redactor(),
    provider: "vmware-vsphere",
    target: o.target ?? "vm-42",
    command: o.command ?? "wait",
  });
  return { r, stdout, stderr };
}

const ESC = "\x1b[";
const base = subject;
const succeeded = succeededOutcome;
const running = (over: Partial<PollLine> = {}): PollLine => ({
  attempt: 1,
  elapsedMs: 420,
  state: "running",
  vendorStatus: "RUNNING",
  changed: true,
  body: { status: "RUNNING" },
  httpStatus: 200,
  nextPollInMs: 4000,
  ...over,
});
const retried = (over: Partial<PollLine> = {}): PollLine => ({
  attempt: 2,
  elapsedMs: 5000,
  changed: false,
  error: { name: "OpstatusApiError", message: "HTTP 503: busy", status: 503 },
  nextPollInMs: 12_400,
  ...over,
});

describe("text, off a terminal", () => {
  it("a plain line on stderr for each status transition, none for an unchanged status", () => {
    const { r, stdout, stderr } = reporter();
    r.start(Date.now());
    r.poll(running());
    r.poll(running({ attempt: 2, elapsedMs: 4500, changed: false }));
    r.poll(
      running({
        attempt: 3,
        elapsedMs: 75_000,
        state: "succeeded",
        vendorStatus: "SUCCEEDED",
        nextPollInMs: undefined,
      }),
    );
    expect(stderr.text).toBe(
      "vmware-vsphere vm-42: RUNNING (running) at 420ms, poll 1, next poll in 4.0s\n" +
        "vmware-vsphere vm-42: SUCCEEDED (succeeded) at 1m 15s, poll 3\n",
    );
    expect(stdout.text).toBe("");
    expect(r.interactive).toBe(false);
  });

  it("a retried error is said with the retry; the error that ends the wait is left to the end", () => {
    const { r, stderr } = reporter();
    r.poll(retried());
    r.poll(retried({ attempt: 3, nextPollInMs: undefined }));
    expect(stderr.text).toBe(
      "vmware-vsphere vm-42: poll failed (HTTP 503: busy) at 5.0s, poll 2; retrying, next poll in 12s\n",
    );
  });

  it('an empty vendor status is shown as ""', () => {
    const { r, stderr } = reporter();
    r.poll(running({ vendorStatus: "", state: "pending" }));
    expect(stderr.text).toBe('vmware-vsphere vm-42: "" (pending) at 420ms, poll 1, next poll in 4.0s\n');
  });

  it("durations as the lines show them", () => {
    const { r, stderr } = reporter();
    const at = (elapsedMs: number, nextPollInMs?: number) =>
      r.poll(running({ elapsedMs, ...(nextPollInMs === undefined ? {} : { nextPollInMs }) }));
    at(0, 0);
    at(999, 9_949);
    at(59_940, 10_000);
    at(3_599_000, 59_600);
    at(7_500_000, 1);
    at(1000, 5_000);
    at(60_000, 100_000);
    expect(stderr.text.trim().split("\n")).toEqual([
      "vmware-vsphere vm-42: RUNNING (running) at 0ms, poll 1, next poll in 0.0s",
      "vmware-vsphere vm-42: RUNNING (running) at 999ms, poll 1, next poll in 9.9s",
      "vmware-vsphere vm-42: RUNNING (running) at 59.9s, poll 1, next poll in 10s",
      "vmware-vsphere vm-42: RUNNING (running) at 59m 59s, poll 1, next poll in 60s",
      "vmware-vsphere vm-42: RUNNING (running) at 2h 5m, poll 1, next poll in 0.0s",
      "vmware-vsphere vm-42: RUNNING (running) at 1.0s, poll 1, next poll in 5.0s",
      "vmware-vsphere vm-42: RUNNING (running) at 1m 0s, poll 1, next poll in 100s",
    ]);
  });

  it("get prints no poll lines", () => {
    const { r, stderr, stdout } = reporter({ command: "get" });
    r.poll(running());
    r.poll(retried());
    expect(stderr.text + stdout.text).toBe("");
  });

  it("--quiet prints no poll lines", () => {
    const { r, stderr, stdout } = reporter({ quiet: true });
    r.poll(running());
    r.poll(retried());
    expect(stderr.text + stdout.text).toBe("");
  });

  it("no colors off a terminal", () => {
    const { r, stdout } = reporter();
    r.finish(succeeded);
    expect(stdout.text).not.toContain(ESC);
  });
});

describe("the summary line of a wait (stdout)", () => {
  const summary = (outcome: Outcome, o: Options = {}) => {
    const { r, stdout, stderr } = reporter(o);
    r.finish(outcome);
    expect(stderr.text).toBe("");
    return stdout.text;
  };

  it("succeeded, with what it left undone", () => {
    expect(summary(succeeded)).toBe("✔ succeeded: vmware-vsphere vm-42 SUCCEEDED (succeeded) after 3 polls in 4.2s\n");
    expect(summary({ ...succeeded, attempts: 1, elapsedMs: 90, reason: "1 deletion failed" })).toBe(
      "✔ succeeded: vmware-vsphere vm-42 SUCCEEDED (succeeded) after 1 poll in 90ms; 1 deletion failed\n",
    );
  });

  it("failed and canceled, with the reason", () => {
    const failed: Outcome = {
      ...succeeded,
      exitCode: 1,
      outcome: "failed",
      state: "failed",
      vendorStatus: "FAILED",
      elapsedMs: 125_000,
      reason: "guest error",
    };
    expect(summary(failed)).toBe(
      "✖ failed: vmware-vsphere vm-42 FAILED (failed) after 3 polls in 2m 5s: guest error\n",
    );
    expect(
      summary({ ...failed, outcome: "canceled", state: "canceled", vendorStatus: "CANCELLED", reason: undefined }),
    ).toBe("✖ canceled: vmware-vsphere vm-42 CANCELLED (canceled) after 3 polls in 2m 5s\n");
  });

  it("timed out and interrupted, with the checkpoint", () => {
    const timeout: Outcome = {
      exitCode: 124,
      outcome: "timeout",
      ...base,
      state: "running",
      vendorStatus: "RUNNING",
      attempts: 9,
      elapsedMs: 3_600_000,
      checkpoint: "wait.json",
      error: { name: "OpstatusTimeoutError", message: "timed out" },
    };
    expect(summary(timeout)).toBe(
      "⏱ timed out: vmware-vsphere vm-42 still RUNNING (running) after 9 polls in 1h 0m; checkpoint saved to wait.json\n",
    );
    expect(summary({ ...timeout, exitCode: 130, outcome: "interrupted", checkpoint: undefined })).toBe(
      "■ interrupted: vmware-vsphere vm-42 RUNNING (running) after 9 polls in 1h 0m\n",
    );
  });

  it("no status seen, no polls, no time", () => {
    expect(summary({ exitCode: 124, outcome: "timeout", ...base })).toBe(
      "⏱ timed out: vmware-vsphere vm-42 still no status seen\n",
    );
    expect(summary({ ...succeeded, vendorStatus: "", attempts: undefined, elapsedMs: undefined })).toBe(
      '✔ succeeded: vmware-vsphere vm-42 "" (succeeded)\n',
    );
  });

  it("--quiet: no summary", () => {
    expect(summary(succeeded, { quiet: true })).toBe("");
  });

  it("colored on a terminal, unless NO_COLOR or TERM=dumb", () => {
    expect(summary(succeeded, { tty: true })).toBe(
      `${ESC}32m✔ succeeded${ESC}39m: vmware-vsphere vm-42 SUCCEEDED (succeeded) after 3 polls in 4.2s\n`,
    );
    const plain = "✔ succeeded: vmware-vsphere vm-42 SUCCEEDED (succeeded) after 3 polls in 4.2s\n";
    expect(summary(succeeded, { tty: true, env: { NO_COLOR: "1" } })).toBe(plain);
    expect(summary(succeeded, { tty: true, env: { TERM: "dumb" } })).toBe(plain);
    // NO_COLOR set to "" does not count
    expect(summary(succeeded, { tty: true, env: { NO_COLOR: "" } })).toContain(`${ESC}32m`);
  });
});

describe("errors (stderr)", () => {
  it("a usage error points to --help", () => {
    const { r, stdout, stderr } = reporter();
    r.finish({ exitCode: 2, outcome: "usage", ...base, error: { name: "UsageError", message: "bad option" } });
    expect(stderr.text).toBe("opstatus: bad option\nRun `opstatus --help` for usage.\n");
    expect(stdout.text).toBe("");
  });

  it("auth and error outcomes, even with --quiet", () => {
    for (const quiet of [false, true]) {
      const { r, stdout, stderr } = reporter({ quiet });
      r.finish({ exitCode: 3, outcome: "auth", ...base, error: { name: "OpstatusAuthError", message: "HTTP 401" } });
      expect(stderr.text).toBe("✖ authentication failed: HTTP 401\n");
      expect(stdout.text).toBe("");
    }
    const { r, stderr } = reporter();
    r.finish({ exitCode: 4, outcome: "error", ...base, error: { name: "OpstatusApiError", message: "HTTP 404" } });
    expect(stderr.text).toBe("✖ error: HTTP 404\n");
  });

  it("without an error object", () => {
    const a = reporter();
    a.r.finish({ exitCode: 2, outcome: "usage", ...base });
    expect(a.stderr.text).toBe("opstatus: usage error\nRun `opstatus --help` for usage.\n");
    const b = reporter();
    b.r.finish({ exitCode: 4, outcome: "error", ...base });
    expect(b.stderr.text).toBe("✖ error: unknown error\n");
  });

  it("the cross is red on a terminal", () => {
    const { r, stderr } = reporter({ tty: true });
    r.finish({ exitCode: 4, outcome: "error", ...base, error: { name: "Error", message: "boom" } });
    expect(stderr.text).toContain(`${ESC}31m✖${ESC}39m error: boom\n`);
  });
});

describe("get, text", () => {
  it("the body on stdout, the status on stderr", () => {
    const { r, stdout, stderr } = reporter({ command: "get" });
    r.finish({ ...succeeded, outcome: "read", attempts: undefined, elapsedMs: undefined });
    expect(stdout.text).toBe('{\n  "status": "SUCCEEDED"\n}\n');
    expect(stderr.text).toBe("vmware-vsphere vm-42: SUCCEEDED (succeeded)\n");
  });

  it("--quiet: the body only; no body: null", () => {
    const { r, stdout, stderr } = reporter({ command: "get", quiet: true });
    r.finish({ exitCode: 0, outcome: "read", ...base, state: "pending", vendorStatus: "" });
    expect(stdout.text).toBe("null\n");
    expect(stderr.text).toBe("");
  });

  it("get has no live line, even on a terminal", () => {
    expect(reporter({ command: "get", tty: true }).r.interactive).toBe(false);
  });
});

describe("json and ndjson", () => {
  it("json: one object, its keys in one order whatever order they were set in", () => {
    const { r, stdout, stderr } = reporter({ format: "json" });
    r.poll(running());
    const outcome: Outcome = {
      body: { status: "RUNNING" },
      error: { name: "OpstatusTimeoutError", message: "timed out" },
      checkpoint: "cp.json",
      reason: undefined,
      elapsedMs: 1000,
      attempts: 2,
      httpStatus: 200,
      vendorStatus: "RUNNING",
      state: "running",
      target: "vm-42",
      provider: "vmware-vsphere",
      id: "job-1",
      outcome: "timeout",
      exitCode: 124,
    };
    r.finish(outcome);
    const parsed = JSON.parse(stdout.text);
    // the verdict first, the body last
    const order =
      "exitCode outcome id provider target state vendorStatus httpStatus attempts elapsedMs checkpoint error body";
    expect(Object.keys(parsed)).toEqual(order.split(" "));
    expect(stdout.text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    // no summary, no poll lines
    expect(stderr.text).toBe("");
  });

  it("json and ndjson: a usage error is in the JSON and said on stderr", () => {
    for (const format of ["json", "ndjson"] as const) {
      const { r, stdout, stderr } = reporter({ format });
      r.finish({ exitCode: 2, outcome: "usage", ...base, error: { name: "UsageError", message: "bad option" } });
      expect(JSON.parse(stdout.text)).toMatchObject({ exitCode: 2, outcome: "usage" });
      expect(stderr.text).toBe("opstatus: bad option\nRun `opstatus --help` for usage.\n");
    }
  });

  it("json: an error outcome is said on stderr too", () => {
    const { r, stdout, stderr } = reporter({ format: "json", quiet: true });
    r.finish({ exitCode: 3, outcome: "auth", ...base, error: { name: "OpstatusAuthError", message: "HTTP 401" } });
    expect(JSON.parse(stdout.text)).toEqual({
      exitCode: 3,
      outcome: "auth",
      ...base,
      error: { name: "OpstatusAuthError", message: "HTTP 401" },
    });
    expect(stderr.text).toBe("✖ authentication failed: HTTP 401\n");
  });

  it("json for get: the outcome, not the bare body", () => {
    const { r, stdout, stderr } = reporter({ format: "json", command: "get" });
    r.finish({ ...succeeded, outcome: "read" });
    expect(JSON.parse(stdout.text)).toMatchObject({ outcome: "read", body: { status: "SUCCEEDED" } });
    expect(stderr.text).toBe("");
  });

  it("ndjson: one line per poll (unchanged ones too) and a final one", () => {
    const { r, stdout, stderr } = reporter({ format: "ndjson", quiet: true });
    r.poll(running());
    r.poll(running({ attempt: 2, changed: false, body: undefined }));
    r.poll(retried({ attempt: 3 }));
    r.finish(succeeded);
    const lines = stdout.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ event: "poll", provider: "vmware-vsphere", target: "vm-42", ...running() });
    expect(lines[1]).toMatchObject({ event: "poll", attempt: 2, changed: false });
    expect(lines[2]).toMatchObject({ event: "poll", attempt: 3, error: { message: "HTTP 503: busy", status: 503 } });
    expect(Object.keys(lines[3]).join(" ")).toBe(
      "event exitCode outcome provider target state vendorStatus httpStatus attempts elapsedMs body",
    );
    expect(lines[3]).toMatchObject({ event: "result", outcome: "succeeded", exitCode: 0 });
    expect(stderr.text).toBe("");
  });

  it("ndjson on a terminal still has its live line on stderr", () => {
    vi.useFakeTimers();
    try {
      const { r, stdout, stderr } = reporter({ format: "ndjson", tty: true });
      r.start(Date.now());
      r.poll(running());
      expect(stdout.text.split("\n").filter(Boolean)).toHaveLength(1);
      expect(stderr.text).toContain("RUNNING");
      r.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("redaction", () => {
  it("every secret the redactor knows is blanked out of stdout, stderr and the JSON", () => {
    const redactor = new Redactor();
    redactor.add("s3cr3t-token");
    const text = reporter({ redactor });
    text.r.poll(running({ vendorStatus: "RUNNING s3cr3t-token" }));
    text.r.finish({ ...succeeded, reason: "token s3cr3t-token left" });
    expect(text.stderr.text).toContain("RUNNING [REDACTED] (running)");
    expect(text.stdout.text).toContain("; token [REDACTED] left");
    const json = reporter({ redactor, format: "ndjson" });
    json.r.poll(running({ body: { token: "s3cr3t-token" } }));
    json.r.finish({ exitCode: 4, outcome: "error", ...base, error: { name: "E", message: "bad s3cr3t-token" } });
    expect(json.stdout.text).toContain('"token":"[REDACTED]"');
    expect(json.stderr.text).toBe("✖ error: bad [REDACTED]\n");
    for (const s of [text.stdout, text.stderr, json.stdout, json.stderr]) expect(s.text).not.toContain("s3cr3t");
  });

  it("a secret added later is redacted from then on", () => {
    const redactor = new Redactor();
    const { r, stderr } = reporter({ redactor });
    r.out("");
    redactor.add("session-abcdef");
    r.err("got session-abcdef\n");
    expect(stderr.text).toBe("got [REDACTED]\n");
  });
});

describe("on a terminal: the live line", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is interactive for wait on a terminal stderr, not with --quiet", () => {
    expect(reporter({ tty: true }).r.interactive).toBe(true);
    expect(reporter({ tty: true, quiet: true }).r.interactive).toBe(false);
    expect(reporter().r.interactive).toBe(false);
  });

  it("one line redrawn in place: spinner, target, elapsed time, status, next poll", () => {
    const { r, stderr } = reporter({ tty: true, columns: 200, env: { NO_COLOR: "1" } });
    r.start(Date.now());
    expect(stderr.writes).toEqual(["\r\x1b[2K⠋ vmware-vsphere vm-42  0.0s  polling…"]);
    vi.advanceTimersByTime(1200);
    r.poll(running({ nextPollInMs: 4000 }));
    const redrawn = stderr.writes.at(-1)!;
    expect(redrawn.startsWith("\r\x1b[2K")).toBe(true);
    expect(redrawn.slice(5)).toMatch(
      /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] vmware-vsphere vm-42 {2}1\.2s {2}RUNNING \(running\) {2}next poll in 4\.0s$/,
    );
    // the spinner turns
    expect(new Set(stderr.writes.map((w) => w.slice(5, 6))).size).toBeGreaterThan(5);
    // no plain transition line on a terminal
    expect(stderr.text).not.toContain("\n");
    vi.advanceTimersByTime(4100);
    expect(stderr.writes.at(-1)).toMatch(/vm-42 {2}5\.3s {2}RUNNING \(running\) {2}polling…$/);
    r.poll(retried({ nextPollInMs: 2000 }));
    expect(stderr.writes.at(-1)).toMatch(
      /RUNNING \(running\) {2}retrying after: HTTP 503: busy {2}next poll in 2\.0s$/,
    );
    r.poll(running({ changed: false, nextPollInMs: 1000 }));
    expect(stderr.writes.at(-1)).not.toContain("retrying");
    vi.advanceTimersByTime(61_000);
    expect(stderr.writes.at(-1)).toMatch(/vm-42 {2}1m 6s {2}/);
    r.stop();
    expect(stderr.writes.at(-1)).toBe("\r\x1b[2K");
    const count = stderr.writes.length;
    vi.advanceTimersByTime(1000);
    expect(stderr.writes.length).toBe(count);
  });

  it("the live line is cleared before anything else is printed, and the summary comes after", () => {
    const { r, stderr, stdout } = reporter({ tty: true, env: { NO_COLOR: "1" } });
    r.start(Date.now());
    r.err("note\n");
    expect(stderr.writes.slice(-2)).toEqual(["\r\x1b[2K", "note\n"]);
    r.poll(running());
    r.finish(succeeded);
    expect(stderr.writes.at(-1)).toBe("\r\x1b[2K");
    expect(stdout.text).toBe("✔ succeeded: vmware-vsphere vm-42 SUCCEEDED (succeeded) after 3 polls in 4.2s\n");
    // nothing more after the end
    const count = stderr.writes.length;
    vi.advanceTimersByTime(1000);
    expect(stderr.writes.length).toBe(count);
  });

  it("colored unless NO_COLOR", () => {
    const colored = reporter({ tty: true });
    colored.r.start(Date.now());
    expect(colored.stderr.text).toContain(`${ESC}36m⠋${ESC}39m`);
    colored.r.stop();
  });

  it("cut to the terminal's width", () => {
    const { r, stderr } = reporter({ tty: true, columns: 30, target: "vm-with-a-rather-long-name" });
    r.start(Date.now());
    const line = stderr.writes.at(-1)!;
    expect(line.startsWith("\r\x1b[2K")).toBe(true);
    const shown = line.slice(5);
    // colors dropped, width - 1 characters, the last an ellipsis
    expect(shown).toBe("⠋ vmware-vsphere vm-with-a-r…");
    expect(shown).toHaveLength(29);
    expect(shown).not.toContain(ESC);
    r.stop();
  });

  it("80 columns when the terminal says none", () => {
    const { r, stderr } = reporter({ tty: true, target: "x".repeat(200) });
    r.start(Date.now());
    expect(stderr.writes.at(-1)!.slice(5)).toHaveLength(79);
    r.stop();
  });

  it("a secret is redacted in the live line", () => {
    const redactor = new Redactor();
    redactor.add("s3cr3t-status");
    const { r, stderr } = reporter({ tty: true, redactor, env: { NO_COLOR: "1" } });
    r.start(Date.now());
    r.poll(running({ vendorStatus: "s3cr3t-status" }));
    expect(stderr.writes.at(-1)).toContain("[REDACTED] (running)");
    expect(stderr.text).not.toContain("s3cr3t");
    r.stop();
  });
});
