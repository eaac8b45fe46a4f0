// The waiter behaviour every provider must show against a real HTTP server on loopback.
import { afterEach, describe, expect, it } from "vitest";
import { scriptedServer, type LoopbackServer, type Step } from "./index.js";

type Steps = Exclude<Step, "reset">;

export interface WaiterSuiteConfig {
  provider: string;
  ErrorClass: abstract new (...args: any[]) => Error;
  /** Starts the provider's waiter against `baseUrl` with these options. */
  wait(baseUrl: string, options: Record<string, unknown>): Promise<any>;
  /** The answers of an operation that is still running, has succeeded, has failed (with `failureText`). */
  running: Steps;
  succeeded: Steps;
  failed: Steps;
  failureText: string;
  /** An answer with a status the mapping does not know; absent where the status is the HTTP code. */
  unknown?: Steps;
  /** The vendor status the result reports for `succeeded`. */
  succeededStatus: string;
}

const fast = { minDelay: 5, maxDelay: 20, timeout: 5000 };

export function describeWaiter(config: WaiterSuiteConfig): void {
  describe(`${config.provider} waiter against a loopback server`, () => {
    const servers: LoopbackServer[] = [];
    const serve = async (steps: Step[]) => {
      const server = await scriptedServer(steps);
      servers.push(server);
      return server;
    };
    afterEach(() => Promise.all(servers.splice(0).map((s) => s.close())));

    it("follows a running operation to success, reporting transitions once", async () => {
      const server = await serve([config.running, config.running, config.running, config.succeeded]);
      const events: string[] = [];
      const result = await config.wait(server.url, {
        ...fast,
        onProgress: (e: { vendorStatus: string }) => events.push(e.vendorStatus),
      });
      expect(result.state).toBe("succeeded");
      expect(result.vendorStatus).toBe(config.succeededStatus);
      expect(result.attempts).toBe(4);
      expect(result.history).toHaveLength(4);
      expect(events).toHaveLength(2);
      expect(server.requests).toHaveLength(4);
    });

    it("ends failed with the vendor's reason", async () => {
      const server = await serve([config.running, config.failed]);
      const error: any = await config.wait(server.url, fast).catch((e) => e);
      expect(error.name).toBe("OpstatusOperationFailedError");
      expect(error.result.state).toBe("failed");
      expect(error.message).toContain(config.failureText);
    });

    it("rides out bursts of 429 and 503, a connection reset and a cut-off body", async () => {
      const server = await serve([
        { status: 429, body: {}, headers: { "Retry-After": "0" } },
        { status: 503, raw: "<html>Service Unavailable</html>", headers: { "content-type": "text/html" } },
        "reset",
        { status: 200, raw: '{"status": "RUNN' },
        { status: 503, body: {} },
        config.succeeded,
      ]);
      const errors: unknown[] = [];
      const result = await config.wait(server.url, {
        ...fast,
        onPoll: (e: { error?: unknown; nextPollAt?: number }) => e.error && errors.push(e.nextPollAt),
      });
      expect(result.state).toBe("succeeded");
      // five polls failed, each retried (a next poll was due); history keeps the last of them
      expect(errors).toHaveLength(5);
      for (const next of errors) expect(next).toEqual(expect.any(Number));
      expect(result.history.filter((h: { error?: string }) => h.error).length).toBeGreaterThanOrEqual(3);
    });

    it("waits out a slow answer", async () => {
      const server = await serve([{ ...config.running, delayMs: 150 }, config.succeeded]);
      expect((await config.wait(server.url, fast)).state).toBe("succeeded");
    });

    it("ends at once on 404 with the provider's typed error", async () => {
      const server = await serve([config.running, { status: 404, body: {} }, config.succeeded]);
      const error: any = await config.wait(server.url, fast).catch((e) => e);
      expect(error).toBeInstanceOf(config.ErrorClass);
      expect(error.status).toBe(404);
      expect(server.requests).toHaveLength(2);
    });

    if (config.unknown) {
      const unknown = config.unknown;
      it("fails fast on an unknown status, or waits to the deadline when asked", async () => {
        const server = await serve([unknown]);
        const error: any = await config.wait(server.url, fast).catch((e) => e);
        expect(error.name).toBe("OpstatusUnknownStatusError");
        const patient: any = await config
          .wait(server.url, { ...fast, timeout: 200, unknownStatus: "wait" })
          .catch((e) => e);
        expect(patient.name).toBe("OpstatusTimeoutError");
      });
    }

    it("times out with the last status seen, after a last poll at the deadline", async () => {
      const server = await serve([config.running]);
      const started = Date.now();
      const error: any = await config.wait(server.url, { ...fast, timeout: 300 }).catch((e) => e);
      expect(error.name).toBe("OpstatusTimeoutError");
      expect(error.lastStatus).toBeDefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it("aborts mid-request: the request in flight is dropped and nothing more is sent", async () => {
      const server = await serve([{ ...config.running, delayMs: 2000 }]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const error: any = await config.wait(server.url, { ...fast, signal: controller.signal }).catch((e) => e);
      expect(error.name).toBe("AbortError");
      expect(Date.now() - started).toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.requests).toHaveLength(1);
    });

    it("resumes from a token in a second waiter", async () => {
      const server = await serve([config.running, config.running, config.running, config.succeeded]);
      const controller = new AbortController();
      let token = "";
      const first: any = await config
        .wait(server.url, {
          ...fast,
          signal: controller.signal,
          onCheckpoint: (t: string) => {
            token = t;
            controller.abort();
          },
        })
        .catch((e) => e);
      expect(first.name).toBe("AbortError");
      expect(JSON.parse(token)).toMatchObject({ v: 2, provider: config.provider, attempt: 1 });
      const result = await config.wait(server.url, { ...fast, resume: token });
      expect(result.state).toBe("succeeded");
      expect(result.attempts).toBe(4);
      expect(server.requests).toHaveLength(4);
    });
  });
}
