// The worker's /metrics (the Prometheus text format, from prom-client) and /healthz. Polls by provider and outcome,
// waits by state (the queue's counts, read at each scrape), the lateness of polls against their due time, the waits
// this worker saw end, and log-ins: the sessions the profiles' clients obtained.
import { createServer, type Server } from "node:http";
import type { WorkerPollEvent } from "@opstatus/queue";
import type { Queue } from "bullmq";
import type { Profile } from "./profiles.js";

type PromClient = typeof import("prom-client");

export interface Metrics {
  url: string;
  poll(event: WorkerPollEvent): void;
  ended(profile: string | undefined, outcome: string): void;
  /** A function to give every secret a profile's client learns: a new one that is no credential is a log-in's. */
  loginCounter(profile: Profile): ((secret: string) => void) | undefined;
  close(): Promise<void>;
}

/** The job states `opstatus_waits` reports. */
const STATES = ["waiting", "delayed", "active", "completed", "failed"] as const;

export async function startMetrics(
  prom: PromClient,
  options: { port: number; host: string; queue: Queue; healthy: () => boolean },
): Promise<Metrics> {
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry });
  const providerOf = new Map<string, string>();
  /** A metric's name, help and labels, in this registry. */
  const metric = <L extends string>(name: string, help: string, labelNames: L[]) => ({
    name,
    help,
    labelNames,
    registers: [registry],
  });
  const OUTCOME = ["provider", "profile", "outcome"];
  const polls = new prom.Counter(
    metric(
      "opstatus_polls_total",
      "Status calls made by this worker, by provider and outcome (the canonical state seen, or error)",
      OUTCOME,
    ),
  );
  const lateness = new prom.Histogram({
    ...metric(
      "opstatus_poll_lateness_seconds",
      "How late each poll started against its due time (nextPollAt, or its pacing slot)",
      ["provider"],
    ),
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  const ends = new prom.Counter(
    metric(
      "opstatus_waits_ended_total",
      "Waits this worker ended, by provider and outcome (succeeded, failed, canceled, or the error code)",
      OUTCOME,
    ),
  );
  const logins = new prom.Counter(
    metric(
      "opstatus_logins_total",
      "Log-ins of this worker's clients (sessions obtained from the vendor's log-in), by provider and profile",
      ["provider", "profile"],
    ),
  );
  new prom.Gauge({
    ...metric("opstatus_waits", "Waits in the queue by state (all workers'), read from Redis at each scrape", [
      "state",
    ]),
    async collect() {
      const counts = await options.queue.getJobCounts(...STATES);
      for (const state of STATES) this.set({ state }, counts[state] ?? 0);
    },
  });

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (path === "/healthz") {
      const ok = options.healthy();
      response.writeHead(ok ? 200 : 503, { "Content-Type": "text/plain" }).end(ok ? "ok\n" : "redis not ready\n");
    } else if (path === "/metrics") {
      registry.metrics().then(
        (text) => response.writeHead(200, { "Content-Type": registry.contentType }).end(text),
        (error: Error) => response.writeHead(500, { "Content-Type": "text/plain" }).end(`${error.message}\n`),
      );
    } else response.writeHead(404, { "Content-Type": "text/plain" }).end("/metrics or /healthz\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as { port: number };
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${address.port}/metrics`,
    poll(event) {
      const provider = providerOf.get(event.profile) ?? "unknown";
      polls.inc({ provider, profile: event.profile, outcome: event.observation?.state ?? "error" });
      lateness.observe({ provider }, Math.max(0, event.at - event.dueAt) / 1000);
    },
    ended(profile, outcome) {
      ends.inc({ provider: providerOf.get(profile ?? "") ?? "unknown", profile: profile ?? "unknown", outcome });
    },
    loginCounter(profile) {
      providerOf.set(profile.name, profile.provider.name);
      const auth = profile.options.auth as Record<string, unknown>;
      // a ready credential (a token, an API key, HTTP Basic) means no log-in
      if (!profile.provider.login || profile.provider.forms.some((f) => f.key in auth)) return undefined;
      // the credential's own values (and a Basic value made of them) are no log-in's
      const known = new Set(Object.values(auth).filter((v): v is string => typeof v === "string"));
      if (typeof auth.username === "string" && typeof auth.password === "string")
        known.add(Buffer.from(`${auth.username}:${auth.password}`).toString("base64"));
      return (secret) => {
        if (known.has(secret)) return;
        known.add(secret);
        logins.inc({ provider: profile.provider.name, profile: profile.name });
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
