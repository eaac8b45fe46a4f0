// `opstatus worker`: polls the queue's durable waits until SIGTERM or SIGINT, with the credentials of its profiles
// file. Start-up order matters: the profiles are read and Redis is connected first (ioredis alone loads fast), then
// BullMQ, the queue and the provider packages load while the connection's first command is on its way.
import { isOpstatusError, type WaitResult } from "@opstatus/core";
import { Redactor } from "@opstatus/core/internal";
import { UsageError } from "../args.js";
import { EXIT } from "../outcome.js";
import { startMetrics } from "./metrics.js";
import { readProfiles } from "./profiles.js";
import { load, parse, type QueueIo, queueWhere, redisLabel, whereOptions } from "./shared.js";

export const WORKER_HELP = `Usage: opstatus worker --profiles FILE [options]

Polls the durable waits of a queue on Redis (added with \`opstatus queue add\` or @opstatus/queue) until SIGTERM or
SIGINT, then lets the polls in flight finish (each wait stays delayed with its next state saved) and exits 0.
Run as many as you like, on as many machines: each poll goes to one of them.

Options:
  --profiles FILE      the profiles: for each profile name a job may use, the provider, its server options and
                       where its credential is (OPSTATUS_PROFILES); see the README's "Running workers"
  --redis URL          the Redis server (OPSTATUS_REDIS_URL; default redis://127.0.0.1:6379); a password only in
                       OPSTATUS_REDIS_URL
  --prefix P           the queue's key prefix (default @opstatus/queue's, with a Redis Cluster hash tag)
  --queue-name NAME    the queue's name (default @opstatus/queue's)
  --concurrency N      polls in flight at once (default 50)
  --metrics-port N     serve /metrics (Prometheus) and /healthz on this port
  --metrics-host H     the address for them (default 127.0.0.1)
  -o, --output FORMAT  the log: text (default) or json (one object per line)
  -h, --help           this help
`;

const workerOptions = {
  ...whereOptions,
  profiles: { type: "string" },
  concurrency: { type: "string" },
  "metrics-port": { type: "string" },
  "metrics-host": { type: "string" },
  output: { type: "string", short: "o" },
} as const;

const positiveInteger = (option: string, text: string, min = 1) => {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > 65_535)
    throw new UsageError(`worker: --${option} takes a whole number from ${min} to 65535, not ${JSON.stringify(text)}`);
  return Number(text);
};

export async function runWorker(args: readonly string[], io: QueueIo): Promise<number> {
  const { values } = parse("worker", args, workerOptions);
  if (values.help) {
    io.stdout.write(WORKER_HELP);
    return EXIT.succeeded;
  }
  const where = queueWhere("worker", values, io.env);
  const output = (values.output as string | undefined) ?? "text";
  if (output !== "text" && output !== "json") throw new UsageError(`worker: --output takes text or json`);
  const file = (values.profiles as string | undefined) ?? io.env.OPSTATUS_PROFILES;
  if (!file) throw new UsageError("worker: --profiles FILE is required (or OPSTATUS_PROFILES)");
  const concurrency =
    values.concurrency === undefined ? 50 : positiveInteger("concurrency", values.concurrency as string);
  const metricsPort =
    values["metrics-port"] === undefined
      ? undefined
      : positiveInteger("metrics-port", values["metrics-port"] as string, 0);
  const profiles = readProfiles(file, io.env);

  // every secret of the profiles, and each one their clients obtain, is blanked out of the log
  const redactor = new Redactor();
  const log = (event: string, fields: Record<string, unknown>) => {
    const time = new Date().toISOString();
    const line =
      output === "json"
        ? JSON.stringify({ time, event, ...fields })
        : `${time} ${event} ${Object.entries(fields)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k}=${typeof v === "string" && !/\s|"/.test(v) ? v : JSON.stringify(v)}`)
            .join(" ")}`;
    io.stderr.write(`${redactor.redact(line)}\n`);
  };

  // Redis first: its first command (ioredis's ready check) is sent while the rest loads
  const { Redis } = await load("worker", () => import("ioredis"));
  const connection = new Redis(where.redisUrl, { maxRetriesPerRequest: null });
  const redisErrors = new Set<string>();
  connection.on("error", (error: Error) => {
    // said once per kind of error while it lasts (a Redis restart would otherwise print a line every retry)
    if (!redisErrors.has(error.message)) log("redis-error", { message: error.message });
    redisErrors.add(error.message);
  });
  connection.on("ready", () => redisErrors.clear());

  const [queueModule, metricsModule, ...modules] = await Promise.all([
    load("worker", () => import("@opstatus/queue")),
    metricsPort === undefined ? undefined : load("worker", () => import("prom-client")),
    ...[...new Set(profiles.map((p) => p.provider.package))].map(
      (name) => import(name) as Promise<{ opstatusProvider: { name: string; createClient(options: object): unknown } }>,
    ),
  ]);
  const tls = profiles.some((p) => p.ca !== undefined) ? await import("@opstatus/core/node") : undefined;
  const closers: { close(): Promise<void> }[] = [];

  const metrics = metricsModule
    ? await startMetrics(metricsModule, {
        port: metricsPort!,
        host: (values["metrics-host"] as string | undefined) ?? "127.0.0.1",
        queue: queueModule.createWaitQueue({ connection, ...where }).queue,
        healthy: () => connection.status === "ready",
      })
    : undefined;
  const createWorker = () =>
    queueModule.createWaitWorker({
      connection,
      ...(where.prefix !== undefined ? { prefix: where.prefix } : {}),
      ...(where.queueName !== undefined ? { queueName: where.queueName } : {}),
      providers: modules.map((m) => m.opstatusProvider) as never,
      concurrency,
      profiles: Object.fromEntries(
        profiles.map((profile) => {
          const known = metrics?.loginCounter(profile);
          let fetch: ((request: Request) => Promise<Response>) | undefined;
          if (profile.ca !== undefined) {
            const tlsFetch = tls!.createTlsFetch({ ca: profile.ca });
            closers.push(tlsFetch);
            fetch = tlsFetch;
          }
          return [
            profile.name,
            {
              provider: profile.provider.name,
              ...profile.options,
              ...(fetch ? { fetch } : {}),
              headers: { "User-Agent": `opstatus-cli/${io.version}` },
              onSecret: (secret: string) => {
                redactor.add(secret);
                known?.(secret);
              },
            },
          ];
        }),
      ) as never,
      onPoll: (event) => {
        metrics?.poll(event);
        if (event.attempt === 1)
          log("start", { id: event.id, profile: event.profile, vendorStatus: event.observation?.vendorStatus });
      },
      onError: (error) => log("error", { message: error.message }),
    });
  let worker: ReturnType<typeof createWorker>;
  try {
    worker = createWorker();
  } catch (error) {
    // a profile's options its client refuses (a base URL, a server variable): the error names the profile
    await metrics?.close();
    connection.disconnect();
    if (isOpstatusError(error, "request")) throw new UsageError(`worker: ${error.message}`);
    throw error;
  }
  const ended = (job: { id?: string; data: { profile: string } } | undefined, fields: Record<string, unknown>) => {
    metrics?.ended(job?.data.profile, fields.outcome as string);
    log("end", { id: job?.id, profile: job?.data.profile, ...fields });
  };
  worker.worker.on("completed", (job, result: WaitResult<unknown>) =>
    ended(job, { outcome: result.state, attempts: result.attempts, vendorStatus: result.vendorStatus }),
  );
  worker.worker.on("failed", (job, error) => {
    const stored = job?.data.error;
    ended(job, { outcome: stored?.code ?? "error", error: stored?.name ?? error.name, message: error.message });
  });

  log("ready", {
    redis: redisLabel(where.redisUrl),
    profiles: profiles.map((p) => p.name).join(","),
    concurrency,
    ...(metrics ? { metrics: metrics.url } : {}),
  });

  // SIGTERM / SIGINT: the polls in flight finish, their waits stay delayed; a second signal exits at once
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(EXIT.interrupted);
      stopping = true;
      log("stopping", { signal });
      void (async () => {
        await worker.close();
        await metrics?.close();
        await Promise.all(closers.map((c) => c.close()));
        connection.disconnect();
        log("stopped", {});
        resolve(EXIT.succeeded);
      })();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}
