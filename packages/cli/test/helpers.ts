// Runs the built `opstatus` (dist/cli.js) as a real subprocess, against loopback servers the tests start.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SECRET, SECRET_PASSWORD, startServer, type LoopbackServer } from "@opstatus/tools/test-kit";
import { afterAll, expect, onTestFinished } from "vitest";
import { getCurrentTest } from "vitest/suite";

export const cliPath = join(dirname(fileURLToPath(import.meta.url)), "../dist/cli.js");

/** The environment of a run: this one without any OPSTATUS_ variable or color setting, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("OPSTATUS_") && k !== "NO_COLOR" && k !== "FORCE_COLOR"),
  );
  return { ...env, ...extra };
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

export interface Started {
  child: ChildProcess;
  /** Everything printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  done: Promise<Run>;
}

export function startCli(args: string[], env: Record<string, string> = {}): Started {
  const begun = Date.now();
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - begun }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
  };
}

/** Runs `opstatus args` to its end (killed after 20 s). */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = startCli(args, env);
  const timer = setTimeout(() => started.child.kill("SIGKILL"), 20_000);
  try {
    return await started.done;
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until `check` holds (polled every 10 ms), or fails after `ms`. */
export async function until(check: () => boolean, ms = 10_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One scripted answer: status, JSON body (or raw text), headers; `hang` never answers. */
export type Answer = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | "hang";

/** A route: a fixed answer, a list (the n-th request gets the n-th answer, the last one repeats), or a function. */
export type Route = Answer | Answer[] | ((req: IncomingMessage, index: number) => Answer);

export interface RouteServer extends LoopbackServer {
  /** Requests per route key ("GET /path"). */
  count(key: string): number;
}

/**
 * A loopback server answering by method and path ("GET /api/x", query ignored); anything else is a 404. Each request
 * is recorded with its headers (see `requests`). Started in a test, it is closed when the test has finished.
 */
export async function routeServer(routes: Record<string, Route>): Promise<RouteServer> {
  const counts = new Map<string, number>();
  const server = await startServer(async (req: IncomingMessage, res: ServerResponse) => {
    const key = `${req.method} ${(req.url ?? "").split("?")[0]}`;
    const index = counts.get(key) ?? 0;
    counts.set(key, index + 1);
    const route = routes[key];
    let answer: Answer;
    if (route === undefined) answer = { status: 404, body: { message: `no route ${key}` } };
    else if (typeof route === "function") answer = route(req, index);
    else if (Array.isArray(route)) answer = route[Math.min(index, route.length - 1)]!;
    else answer = route;
    if (answer === "hang") return;
    if (res.destroyed) return;
    const body = answer.raw ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(body);
  });
  if (getCurrentTest()) onTestFinished(() => server.close());
  return Object.assign(server, { count: (key: string) => counts.get(key) ?? 0 });
}

/** A scratch directory for the calling test file, removed after its tests. */
export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `opstatus-cli-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `opstatus wait vmware-vsphere vm-42 --base-url <url>`, polling every `delay`, then `more`. */
export function waitVm(url: string, delay: string, ...more: string[]): string[] {
  return ["wait", "vmware-vsphere", "vm-42", "--base-url", url, "--min-delay", delay, "--max-delay", delay, ...more];
}

export const VM_PATH = "/api/vcenter/vm/vm-42/guest/customization";
export const SESSION_PATH = "/api/session";
/** The session id the scripted vCenter hands out on log-in. */
export const SESSION_ID = "session-7f3e9b2c4d1a";

export interface VcenterServer extends RouteServer {
  /** Status requests (`GET` of vm-42's customization) so far. */
  polls(): number;
  /** Log-ins (`POST /api/session`) so far. */
  logins(): number;
  /** Log-outs (`DELETE /api/session`) so far. */
  logouts(): number;
}

/** A scripted vCenter: log-in (POST /api/session), log-out (DELETE), and the customization status answers. */
export async function vcenter(
  statuses: Route,
  login: Route = { status: 201, body: SESSION_ID },
): Promise<VcenterServer> {
  const server = await routeServer({
    [`POST ${SESSION_PATH}`]: login,
    [`DELETE ${SESSION_PATH}`]: { status: 204 },
    [`GET ${VM_PATH}`]: statuses,
  });
  return Object.assign(server, {
    polls: () => server.count(`GET ${VM_PATH}`),
    logins: () => server.count(`POST ${SESSION_PATH}`),
    logouts: () => server.count(`DELETE ${SESSION_PATH}`),
  });
}

export const status = (value: string, extra: Record<string, unknown> = {}): Answer => ({
  status: 200,
  body: { status: value, ...extra },
});

/** The log-in credential of the scripted vCenter, in the environment. */
export const LOGIN_ENV = {
  OPSTATUS_USERNAME: "administrator@vsphere.local",
  OPSTATUS_PASSWORD: SECRET_PASSWORD,
};
/** A ready token (the test kit's secret). */
export const TOKEN = SECRET;

/** The `-o json` result of a run that exited with `exitCode`, which the result states too. */
export function jsonResult(run: Run, exitCode: number): any {
  expect(run.code, run.stderr).toBe(exitCode);
  const result = JSON.parse(run.stdout);
  expect(result.exitCode).toBe(exitCode);
  return result;
}

/** The lines of an `-o ndjson` output, parsed. */
export const ndjsonLines = (stdout: string): any[] =>
  stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
