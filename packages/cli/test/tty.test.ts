// On a terminal: one live line, redrawn in place as the status changes, then the summary line. Driven through a real
// terminal: tmux (its own server socket, killed at the end), read back with capture-pane.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RouteServer, TOKEN, VM_PATH, cliPath, routeServer, until, waitVm, scratchDir } from "./helpers.js";

const socket = `opstatus-cli-test-${process.pid}`;
const ESC = "\u001b";
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
let hasTmux = true;
try {
  execFileSync("tmux", ["-V"]);
} catch {
  hasTmux = false;
}

const dir = scratchDir("tty");
let server: RouteServer;
let phase = "PENDING";
beforeAll(async () => {
  server = await routeServer({ [`GET ${VM_PATH}`]: () => ({ status: 200, body: { status: phase } }) });
});
afterAll(async () => {
  await server?.close();
  try {
    tmux("kill-server");
  } catch {
    // no session left
  }
});
afterEach(() => {
  phase = "PENDING";
});

/** Starts `opstatus` in a detached 120x20 terminal; the pane stays after it exits, with its exit code. */
function startInTerminal(name: string, args: string[], env: Record<string, string> = {}, stdoutTo?: string) {
  const assignments = Object.entries({ OPSTATUS_TOKEN: TOKEN, ...env }).map(([k, v]) => `${k}=${v}`);
  const command = ["env", "-u", "NO_COLOR", "-u", "FORCE_COLOR", ...assignments, process.execPath, cliPath, ...args]
    .map((a) => `'${a}'`)
    .join(" ");
  const redirect = stdoutTo === undefined ? "" : ` > '${stdoutTo}'`;
  tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "20", `${command}${redirect}; echo "EXIT=$?"; sleep 120`);
  const screen = (escapes = false) => tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", name);
  const lines = () =>
    screen()
      .split("\n")
      .filter((l) => l.trim());
  return { screen, lines };
}

// no skipping: without tmux the suite fails and says how to install it (as the docs test does for Chromium)
it("has tmux", () => {
  expect(hasTmux, "tmux is not installed: apt-get install -y tmux").toBe(true);
});

describe.runIf(hasTmux)("on a terminal", () => {
  it("redraws one live line as the status changes, then prints the summary line", async () => {
    const term = startInTerminal("live", waitVm(server.url, "100ms"));
    await until(() => term.screen().includes("PENDING (pending)"), 10_000, "the live line with PENDING");
    const first = term.lines();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(
      /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] vmware-vsphere vm-42 {2}\d+\.\ds {2}PENDING \(pending\) {2}(next poll in \d\.\ds|polling…)$/,
    );
    // the line changes in place: the spinner turns and the time goes on
    await until(() => term.lines()[0] !== first[0], 5_000, "the live line to be redrawn");
    expect(term.lines()).toHaveLength(1);

    phase = "RUNNING";
    await until(() => term.screen().includes("RUNNING (running)"), 10_000, "the live line with RUNNING");
    const running = term.lines();
    expect(running).toHaveLength(1);
    expect(running[0]).toMatch(/vmware-vsphere vm-42 {2}\d+\.\ds {2}RUNNING \(running\)/);
    expect(term.screen()).not.toContain("PENDING");
    // on a terminal, with color
    expect(term.screen(true)).toContain(`${ESC}[1mRUNNING`);

    phase = "SUCCEEDED";
    await until(() => term.screen().includes("EXIT="), 10_000, "the end");
    const end = term.lines();
    expect(end[0]).toMatch(
      /^✔ succeeded: vmware-vsphere vm-42 SUCCEEDED \(succeeded\) after \d+ polls in (\d+ms|\d+\.\ds)$/,
    );
    expect(end[1]).toBe("EXIT=0");
    expect(end).toHaveLength(2);
    expect(term.screen(true)).toContain(`${ESC}[32m✔ succeeded`);
  });

  it("stdout elsewhere (-o json > file): the live line on the terminal keeps its colors", async () => {
    const file = join(dir, "out.json");
    const term = startInTerminal("piped", waitVm(server.url, "100ms", "-o", "json"), {}, file);
    await until(() => term.screen().includes("PENDING (pending)"), 10_000, "the live line");
    expect(term.screen(true)).toContain(`${ESC}[1mPENDING`);
    phase = "SUCCEEDED";
    await until(() => term.screen().includes("EXIT="), 10_000, "the end");
    expect(term.lines()).toEqual(["EXIT=0"]);
    // the JSON, in the file, has no color
    const out = readFileSync(file, "utf8");
    expect(out).not.toContain(ESC);
    expect(JSON.parse(out)).toMatchObject({ outcome: "succeeded", vendorStatus: "SUCCEEDED" });
  });

  it("honours NO_COLOR: the same lines without any color", async () => {
    const term = startInTerminal("nocolor", waitVm(server.url, "100ms"), { NO_COLOR: "1" });
    await until(() => term.screen().includes("PENDING (pending)"), 10_000, "the live line");
    expect(term.lines()).toHaveLength(1);
    expect(term.screen(true)).not.toContain(ESC);
    phase = "FAILED";
    await until(() => term.screen().includes("EXIT="), 10_000, "the end");
    expect(term.lines()).toEqual([
      expect.stringMatching(/^✖ failed: vmware-vsphere vm-42 FAILED \(failed\) after \d+ polls in /),
      "EXIT=1",
    ]);
    expect(term.screen(true)).not.toContain(ESC);
  });

  it("Ctrl+C on the terminal: interrupted (130), the live line replaced by the summary", async () => {
    const term = startInTerminal("ctrl-c", waitVm(server.url, "100ms"));
    await until(() => term.screen().includes("PENDING (pending)"), 10_000, "the live line");
    tmux("send-keys", "-t", "ctrl-c", "C-c");
    await until(() => term.screen().includes("EXIT="), 5_000, "the end");
    const end = term.lines().filter((l) => !l.startsWith("^C"));
    expect(end).toEqual([
      expect.stringMatching(/^■ interrupted: vmware-vsphere vm-42 PENDING \(pending\) after \d+ polls? in /),
      "EXIT=130",
    ]);
  });
});
