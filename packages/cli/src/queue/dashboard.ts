// `opstatus dashboard`: bull-board on the waits' queue. Loopback and read-only by default; beyond loopback only with a
// password (OPSTATUS_DASHBOARD_PASSWORD, HTTP Basic) and TLS (or an explicit --insecure-http). The page asks nothing
// of any other machine (bull-board's web-font link is dropped). A job is readable data: dashboard access is Redis access.
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type RequestListener, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { UsageError } from "../args.js";
import { EXIT } from "../outcome.js";
import { guard, isLoopback, offlinePage } from "./dashboard-http.js";
import {
  connectRedis,
  load,
  parse,
  type QueueIo,
  queueWhere,
  RedisUnreachable,
  redisLabel,
  whereOptions,
} from "./shared.js";

const HELP = `Usage: opstatus dashboard [options]

Serves bull-board, a web page of the durable waits' queue: how many waits are delayed, waiting, active, completed
and failed, and each wait's data, next poll and result. Read-only unless --allow-actions. Stops on Ctrl+C.
Anyone who can open it reads every wait's data: treat access to it as access to Redis.

Options:
  --redis URL         Redis (default OPSTATUS_REDIS_URL, else redis://127.0.0.1:6379; a password only in
                      OPSTATUS_REDIS_URL)
  --prefix P          the queue's key prefix (default @opstatus/queue's)
  --queue-name N      the queue's name (default @opstatus/queue's)
  --port N            the port (default 3000; 0: any free port)
  --host H            the address to listen on (default 127.0.0.1)
  --tls-cert FILE     serve HTTPS with this certificate (PEM) ...
  --tls-key FILE      ... and this private key (PEM)
  --insecure-http     allow plain HTTP on a host beyond loopback (the password crosses the network in clear)
  --allow-actions     allow retry, promote, remove, pause, clean (default: read-only)
  -h, --help          this help

Environment:
  OPSTATUS_DASHBOARD_PASSWORD   every request must carry it (HTTP Basic, any user name). Required, with TLS or
                                --insecure-http, to listen beyond loopback (anything but 127.0.0.0/8, ::1, localhost).
  OPSTATUS_REDIS_URL            the Redis URL (may hold a password)

Needs, next to @opstatus/cli: @opstatus/queue bullmq ioredis @bull-board/api @bull-board/ui @bull-board/express
`;

const options = {
  ...whereOptions,
  port: { type: "string" },
  host: { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "insecure-http": { type: "boolean" },
  "allow-actions": { type: "boolean" },
} as const;

/** How long the server and the queue may take to close on Ctrl+C or SIGTERM. */
const CLOSE_MS = 3000;

export async function runDashboard(args: readonly string[], io: QueueIo): Promise<number> {
  const { values } = parse("dashboard", args, options);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT.succeeded;
  }
  const text = (name: string) => values[name] as string | undefined;
  const where = queueWhere("dashboard", values, io.env);
  const port = Number(text("port") ?? 3000);
  if (!/^\d+$/.test(text("port") ?? "3000") || port > 65535)
    throw new UsageError("dashboard: --port must be a whole number from 0 to 65535");
  const host = text("host") ?? "127.0.0.1";
  const loopback = isLoopback(host);
  const password = io.env.OPSTATUS_DASHBOARD_PASSWORD;
  if (password === "") throw new UsageError("dashboard: OPSTATUS_DASHBOARD_PASSWORD is set but empty");
  const [certFile, keyFile] = [text("tls-cert"), text("tls-key")];
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new UsageError("dashboard: --tls-cert and --tls-key go together");
  const tls = certFile !== undefined;
  if (tls && values["insecure-http"]) throw new UsageError("dashboard: --insecure-http and TLS exclude each other");
  if (!loopback && (password === undefined || !(tls || values["insecure-http"])))
    throw new UsageError(
      `dashboard: --host ${host} is reachable from other machines: set OPSTATUS_DASHBOARD_PASSWORD (every request then needs it) and serve TLS (--tls-cert FILE --tls-key FILE), or accept plain HTTP with --insecure-http${password === undefined ? " (the password is not set)" : ""}`,
    );
  const readFile = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new UsageError(`dashboard: cannot read the TLS ${what} ${file}: ${(error as Error).message}`);
    }
  };
  const credentials = tls ? { cert: readFile(certFile!, "certificate"), key: readFile(keyFile!, "key") } : undefined;

  const { createWaitQueue, DEFAULT_PREFIX, DEFAULT_QUEUE_NAME } = await load(
    "dashboard",
    () => import("@opstatus/queue"),
  );
  const { createBullBoard } = await load("dashboard", () => import("@bull-board/api"));
  const { BullMQAdapter } = await load("dashboard", () => import("@bull-board/api/bullMQAdapter"));
  const { ExpressAdapter } = await load("dashboard", () => import("@bull-board/express"));

  const label = redisLabel(where.redisUrl);
  let lastError = "";
  const onError = (error: Error) => {
    // Redis down: said once per distinct message, not at every retry
    if (error.message === lastError) return;
    lastError = error.message;
    io.stderr.write(`opstatus dashboard: Redis ${label}: ${error.message}\n`);
  };
  let redis: Awaited<ReturnType<typeof connectRedis>>;
  try {
    redis = await connectRedis("dashboard", where);
  } catch (error) {
    if (!(error instanceof RedisUnreachable)) throw error;
    io.stderr.write(`opstatus dashboard: ${error.message}\n`);
    return EXIT.error;
  }
  redis.on("error", onError);
  const waits = createWaitQueue({ connection: redis, ...where, onError });
  const closeQueue = async () => {
    await waits.close().catch(() => undefined);
    redis.disconnect();
  };

  const readOnly = !values["allow-actions"];
  const board = new ExpressAdapter();
  createBullBoard({
    queues: [new BullMQAdapter(waits.queue, { readOnlyMode: readOnly, displayName: "opstatus waits" })],
    serverAdapter: board,
    options: { uiConfig: { boardTitle: "opstatus waits" } },
  });
  const app = board.getRouter() as unknown as Parameters<typeof offlinePage>[0] & RequestListener & ExpressLike;
  app.disable("x-powered-by");
  offlinePage(app);
  const handler = guard(app, { loopback, ...(password !== undefined ? { password } : {}) });
  const server: Server = credentials ? createHttpsServer(credentials, handler) : createHttpServer(handler);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    io.stderr.write(`opstatus dashboard: cannot listen on ${host}:${port}: ${(error as Error).message}\n`);
    await closeQueue();
    return EXIT.error;
  }
  const address = server.address() as { port: number };
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const url = `${tls ? "https" : "http"}://${shownHost}:${address.port}/`;
  const prefix = where.prefix ?? DEFAULT_PREFIX;
  const name = where.queueName ?? DEFAULT_QUEUE_NAME;
  const mode = readOnly ? "read-only" : "actions allowed";
  io.stderr.write(
    `opstatus dashboard: ${url} (${mode}${password !== undefined ? ", password required" : ""}; queue ${prefix}/${name} on ${label})\n`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      process.off("SIGINT", stop).off("SIGTERM", stop);
      resolve(received);
    };
    process.on("SIGINT", stop).on("SIGTERM", stop);
  });
  io.stderr.write(`opstatus dashboard: ${signal}, stopping\n`);
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  // bounded: a Redis gone away does not hold the exit
  const bound = new Promise((resolve) => setTimeout(resolve, CLOSE_MS).unref());
  await Promise.race([Promise.all([closed, closeQueue()]), bound]);
  redis.disconnect();
  return EXIT.succeeded;
}

interface ExpressLike {
  disable(setting: string): unknown;
}
