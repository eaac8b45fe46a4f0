// `get` and `wait` against scripted loopback servers: every exit code, the json and ndjson output parsed, the plain
// progress lines off a terminal, the session logged out on every exit path, and credentials never shown.
import { describe, expect, it } from "vitest";
import {
  LOGIN_ENV,
  SESSION_ID,
  TOKEN,
  jsonResult,
  ndjsonLines,
  routeServer,
  runCli,
  status,
  vcenter,
} from "./helpers.js";

const fast = ["--min-delay", "50ms", "--max-delay", "100ms"];

describe("get", () => {
  it("prints the body of one status call (text), and state and body (json); exit 0 whatever the state", async () => {
    const server = await vcenter(status("RUNNING", { start_time: "2026-11-22T10:00:00Z" }));
    const text = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", server.url], { OPSTATUS_TOKEN: TOKEN });
    expect(text.code, text.stderr).toBe(0);
    expect(JSON.parse(text.stdout)).toEqual({ status: "RUNNING", start_time: "2026-11-22T10:00:00Z" });
    expect(text.stderr).toBe("vmware-vsphere vm-42: RUNNING (running)\n");
    const json = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", server.url, "-o", "json"], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(jsonResult(json, 0)).toMatchObject({
      outcome: "read",
      state: "running",
      vendorStatus: "RUNNING",
      httpStatus: 200,
      body: { status: "RUNNING" },
    });
    expect(server.polls()).toBe(2);
  });

  it("json: one shape whatever the state (succeeded, failed, running): { state, vendorStatus, httpStatus, body }", async () => {
    const keys = ["exitCode", "outcome", "provider", "target", "state", "vendorStatus", "httpStatus", "body"];
    for (const [vendorStatus, state] of [
      ["SUCCEEDED", "succeeded"],
      ["FAILED", "failed"],
      ["RUNNING", "running"],
    ] as const) {
      const body = { status: vendorStatus, error: "sysprep exited with 31" };
      const server = await vcenter({ status: 200, body });
      const run = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", server.url, "-o", "json"], LOGIN_ENV);
      const out = jsonResult(run, 0);
      expect(Object.keys(out), vendorStatus).toEqual(keys);
      expect(out).toEqual({
        exitCode: 0,
        outcome: "read",
        provider: "vmware-vsphere",
        target: "vm-42",
        state,
        vendorStatus,
        httpStatus: 200,
        body,
      });
      expect(server.polls()).toBe(1);
      expect(server.logouts()).toBe(1);
      await server.close();
    }
  });

  it("makes one call only: a 503 is not retried, it ends the get with exit 4", async () => {
    const server = await vcenter({ status: 503, body: { error_type: "SERVICE_UNAVAILABLE", messages: [] } });
    const run = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", server.url], { OPSTATUS_TOKEN: TOKEN });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/error: vmware-vsphere getVmGuestCustomization: HTTP 503/);
    expect(server.polls()).toBe(1);
  });

  it("reads ECL's latest operation of a resource (--resource)", async () => {
    const server = await routeServer({
      "GET /v1.0/operations": (req) => ({
        status: 200,
        body: {
          operations:
            new URL(req.url!, "http://x").searchParams.get("resource_id") === "vna-1"
              ? [{ id: "op-9", resource_id: "vna-1", status: "PROCESSING" }]
              : [],
        },
      }),
    });
    const run = await runCli(
      ["get", "ntt-enterprise-cloud", "--resource", "vna-1", "--base-url", server.url, "-o", "json"],
      { OPSTATUS_TOKEN: TOKEN },
    );
    expect(jsonResult(run, 0)).toMatchObject({
      target: "resourceId=vna-1",
      state: "running",
      vendorStatus: "PROCESSING",
    });
    expect(server.requests[0]!.url).toContain("latest=true");
  });
});

describe("wait: exit codes", () => {
  it("0: succeeded, with json output (state, vendorStatus, attempts, elapsedMs, body)", async () => {
    const server = await vcenter([
      status("PENDING"),
      status("RUNNING"),
      status("RUNNING"),
      status("SUCCEEDED", { end_time: "2026-11-22T10:02:10Z" }),
    ]);
    const run = await runCli(
      ["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, ...fast, "--output", "json"],
      LOGIN_ENV,
    );
    const out = jsonResult(run, 0);
    expect(out).toMatchObject({
      outcome: "succeeded",
      state: "succeeded",
      vendorStatus: "SUCCEEDED",
      attempts: 4,
      body: { end_time: "2026-11-22T10:02:10Z" },
    });
    expect(out.elapsedMs).toBeGreaterThanOrEqual(150);
    expect(server.logouts()).toBe(1);
  });

  it("0 with ndjson: one line per poll (body when the status changed) and a final line", async () => {
    const server = await vcenter([status("PENDING"), status("RUNNING"), status("RUNNING"), status("SUCCEEDED")]);
    const run = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, ...fast, "-o", "ndjson"], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(run.code, run.stderr).toBe(0);
    const lines = ndjsonLines(run.stdout);
    expect(lines.map((l) => l.event)).toEqual(["poll", "poll", "poll", "poll", "result"]);
    expect(lines.slice(0, 4).map((l) => [l.attempt, l.vendorStatus, l.state, l.changed])).toEqual([
      [1, "PENDING", "pending", true],
      [2, "RUNNING", "running", true],
      [3, "RUNNING", "running", false],
      [4, "SUCCEEDED", "succeeded", true],
    ]);
    expect(lines[0].body).toEqual({ status: "PENDING" });
    expect(lines[2].body).toBeUndefined();
    for (const l of lines.slice(0, 3)) expect(l.nextPollInMs).toBeGreaterThanOrEqual(50);
    expect(lines[3].nextPollInMs).toBeUndefined();
    expect(lines[4]).toMatchObject({ outcome: "succeeded", exitCode: 0, attempts: 4, vendorStatus: "SUCCEEDED" });
    expect(run.stderr).toBe("");
  });

  it("1: the operation ended failed, with the vendor's reason; text: transitions on stderr, summary on stdout", async () => {
    const server = await vcenter([
      status("RUNNING"),
      status("RUNNING"),
      status("FAILED", { error: "sysprep exited with 31" }),
    ]);
    const run = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, ...fast], LOGIN_ENV);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^✖ failed: vmware-vsphere vm-42 FAILED \(failed\) after 3 polls in \d+ms: sysprep exited with 31\n$/,
    );
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^vmware-vsphere vm-42: RUNNING \(running\) at \d+ms, poll 1, next poll in 0\.\ds$/);
    expect(lines[1]).toMatch(/^vmware-vsphere vm-42: FAILED \(failed\) at \d+ms, poll 3$/);
    expect(run.stdout + run.stderr).not.toContain("\u001b");
    expect(server.logouts()).toBe(1);
  });

  it("1: canceled (a canceled state of the status table)", async () => {
    const server = await routeServer({
      "GET /v1/m4/api/myvmware/external/requests/r1/status": [status("IN_PROGRESS"), status("CANCELLED")],
    });
    const run = await runCli(
      ["wait", "vmware-customer-connect", "r1", "--base-url", server.url, ...fast, "-o", "json"],
      { OPSTATUS_TOKEN: TOKEN },
    );
    expect(jsonResult(run, 1)).toMatchObject({
      outcome: "canceled",
      state: "canceled",
      vendorStatus: "CANCELLED",
      attempts: 2,
    });
  });

  it("3: the token is refused (401), the log-in is refused (401, 403), or the status call is forbidden (403)", async () => {
    let server = await vcenter(
      { status: 401, body: { error_type: "UNAUTHENTICATED", messages: [] } },
      { status: 401, body: { error_type: "UNAUTHENTICATED", messages: [] } },
    );
    const token = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, "-o", "json"], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(jsonResult(token, 3)).toMatchObject({ outcome: "auth", error: { status: 401 } });
    expect(token.stderr).toMatch(/authentication failed: vmware-vsphere getVmGuestCustomization: HTTP 401/);
    const login = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url], LOGIN_ENV);
    expect(login.code).toBe(3);
    expect(login.stderr).toMatch(
      /authentication failed: vmware-vsphere createSession: HTTP 401 \(the log-in was refused\)/,
    );
    await server.close();
    server = await vcenter(status("RUNNING"), { status: 403, body: { error_type: "UNAUTHORIZED", messages: [] } });
    const loginForbidden = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url], LOGIN_ENV);
    expect(loginForbidden.code).toBe(3);
    expect(loginForbidden.stderr).toMatch(
      /authentication failed: vmware-vsphere createSession: HTTP 403 \(the log-in was refused\)/,
    );
    expect(server.logins()).toBe(1);
    expect(server.polls()).toBe(0);
    // no session was opened, so there is none to log out
    expect(server.logouts()).toBe(0);
    await server.close();
    server = await vcenter({ status: 403, body: { error_type: "UNAUTHORIZED", messages: [] } });
    const forbidden = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", server.url], LOGIN_ENV);
    expect(forbidden.code).toBe(3);
    // the log-in worked, so the session is logged out
    expect(server.logouts()).toBe(1);
  });

  it("4: 404 and 400 end the wait at once", async () => {
    for (const code of [404, 400]) {
      const server = await vcenter({
        status: code,
        body: {
          error_type: code === 404 ? "NOT_FOUND" : "INVALID_ARGUMENT",
          messages: [{ id: "x", default_message: `vm says ${code}`, args: [] }],
        },
      });
      const run = await runCli(
        ["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, "-o", "ndjson"],
        LOGIN_ENV,
      );
      expect(run.code).toBe(4);
      const lines = ndjsonLines(run.stdout);
      expect(lines[0]).toMatchObject({ event: "poll", attempt: 1, error: { status: code } });
      expect(lines[1]).toMatchObject({
        event: "result",
        outcome: "error",
        exitCode: 4,
        error: { status: code, message: expect.stringContaining(`vm says ${code}`) },
      });
      expect(server.polls()).toBe(1);
      expect(server.logouts()).toBe(1);
      await server.close();
    }
  });

  it("4: an unknown status under --unknown-status fail (the default); 0 when told to wait through it", async () => {
    let server = await vcenter([status("RUNNING"), status("BLOCKED"), status("SUCCEEDED")]);
    const fail = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, ...fast, "-o", "json"], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(jsonResult(fail, 4)).toMatchObject({
      outcome: "error",
      state: "unknown",
      vendorStatus: "BLOCKED",
      body: { status: "BLOCKED" },
    });
    await server.close();
    server = await vcenter([status("RUNNING"), status("BLOCKED"), status("SUCCEEDED")]);
    const wait = await runCli(
      ["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, ...fast, "--unknown-status", "wait"],
      { OPSTATUS_TOKEN: TOKEN },
    );
    expect(wait.code, wait.stderr).toBe(0);
    expect(wait.stderr).toContain("BLOCKED (unknown)");
  });

  it("4: polls still failing at the deadline (no answer: nothing listens)", async () => {
    const gone = await routeServer({});
    const url = gone.url;
    await gone.close();
    const run = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", url, "--timeout", "300ms", ...fast], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /error: vmware-vsphere getVmGuestCustomization: timed out after \d+ ms and \d+ poll\(s\) \(no status seen; last error: .*request failed/,
    );
    expect(run.stderr).toMatch(/poll failed \(.*request failed.*\) at \d+ms, poll 1; retrying, next poll in/);
  });

  it("124: the deadline passed while the operation was still running", async () => {
    const server = await vcenter(status("RUNNING"));
    const run = await runCli(
      // a deadline that leaves room for two polls even when the machine is slow to start the command
      ["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, "--timeout", "1s", ...fast, "-o", "json"],
      LOGIN_ENV,
    );
    const out = jsonResult(run, 124);
    expect(out).toMatchObject({ outcome: "timeout", state: "running", vendorStatus: "RUNNING" });
    expect(out.error.name).toBe("OpstatusTimeoutError");
    expect(out.attempts).toBeGreaterThanOrEqual(2);
    expect(server.logouts()).toBe(1);
    const text = await runCli(
      ["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, "--timeout", "200ms", ...fast],
      LOGIN_ENV,
    );
    expect(text.code).toBe(124);
    expect(text.stdout).toMatch(
      /^⏱ timed out: vmware-vsphere vm-42 still RUNNING \(running\) after \d+ polls in \d+ms\n$/,
    );
  });

  it("--quiet prints nothing but errors; the exit code says how it ended", async () => {
    const server = await vcenter([status("RUNNING"), status("SUCCEEDED")]);
    const run = await runCli(["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, ...fast, "--quiet"], {
      OPSTATUS_TOKEN: TOKEN,
    });
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });
});

describe("credentials are never shown", () => {
  /** Echoes every request header back (the log-in's too), in the status body and in an error body. */
  const echo = (code: number) => {
    let login: unknown;
    return vcenter(
      (req, index) => ({
        status: index === 0 ? 200 : code,
        body: {
          status: "RUNNING",
          headers: req.headers,
          login,
          error_type: "X",
          messages: [{ default_message: JSON.stringify({ ...req.headers, login }), id: "m", args: [] }],
        },
      }),
      (req) => {
        login = req.headers;
        return { status: 201, body: SESSION_ID };
      },
    );
  };

  it.each([
    ["a ready session id", { OPSTATUS_TOKEN: TOKEN }, [TOKEN]],
    [
      "a log-in (password, and the session id it gets)",
      LOGIN_ENV,
      [
        LOGIN_ENV.OPSTATUS_PASSWORD,
        SESSION_ID,
        Buffer.from(`${LOGIN_ENV.OPSTATUS_USERNAME}:${LOGIN_ENV.OPSTATUS_PASSWORD}`).toString("base64"),
      ],
    ],
  ])("%s: not in any output of a server that echoes it", async (_, env, secrets) => {
    // one call: the first answer (200, the echo), whatever the later ones
    for (const output of ["text", "json", "ndjson"]) {
      const server = await echo(404);
      const get = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", server.url, "-o", output], env);
      expect(get.code).toBe(0);
      // the echo came through, redacted
      expect(get.stdout).toContain("[REDACTED]");
      for (const secret of secrets) expect(get.stdout + get.stderr).not.toContain(secret);
      await server.close();
    }
    for (const [code, exit] of [
      [404, 4],
      [401, 3],
    ] as const)
      for (const output of ["text", "json", "ndjson"]) {
        const server = await echo(code);
        const wait = await runCli(
          ["wait", "vmware-vsphere", "vm-42", "--base-url", server.url, "-o", output, ...fast],
          env,
        );
        expect(wait.code).toBe(exit);
        // the echo came through, redacted
        expect(wait.stdout + wait.stderr).toContain("[REDACTED]");
        for (const secret of secrets) expect(wait.stdout + wait.stderr).not.toContain(secret);
        await server.close();
      }
  });
  it("blanks out a secret inside a longer one completely (abcd, abcdef), and leaves the user name alone", async () => {
    // the password is abcd and the session id the log-in gets is abcdef: each hides the other's beginning
    const note = "user admin, password abcd, session abcdef, both abcdefabcd";
    const server = await vcenter(status("RUNNING", { note }), { status: 201, body: "abcdef" });
    const env = { OPSTATUS_USERNAME: "admin", OPSTATUS_PASSWORD: "abcd" };
    for (const output of ["json", "text"]) {
      const get = await runCli(["get", "vmware-vsphere", "vm-42", "--base-url", server.url, "-o", output], env);
      expect(get.code, get.stderr).toBe(0);
      expect(get.stdout).toContain("user admin, password [REDACTED], session [REDACTED], both [REDACTED][REDACTED]");
    }
  });
});
