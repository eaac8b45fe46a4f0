// The scripted Primavera server of the smoke scenario, on 127.0.0.1, with CORS for the browser run (whose page is
// served from another port, so every call is cross-origin and preflighted because of the Authorization header).
// Job ids say what to do: `<prefix>-status` answers 200; `<prefix>-wait` answers 503, then 202 with Retry-After: 1,
// then 200; `<prefix>-hang` never answers. Every GET is recorded per id with the server's own clock.
import { performance } from "node:perf_hooks";
import { startServer } from "@opstatus/tools/test-kit/server";

/** The only credential the server accepts; the runs get it from their config. */
const credentials = { username: "smoke", password: "smoke-password" };
const expectedAuthorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
const finishedJob = {
  added: [{ loginId: "jdoe", lastAction: "Created" }],
  modified: [],
  deleted: [],
  deleteFailed: [],
};
const statusPath = /^\/cloudapi\/restapi\/user\/status\/([^/]+)$/;

/**
 * What the server saw for one run's jobs.
 * @typedef {object} ServerReport
 * @property {number} statusGets GETs of `<prefix>-status`
 * @property {(number | null)[]} waitStatuses the statuses answered to the GETs of `<prefix>-wait` (null: unanswered)
 * @property {number | null} gapAfter202Ms from the 202 to the next GET of `<prefix>-wait`
 * @property {number} hangGets GETs of `<prefix>-hang`
 */

export async function startSmokeServer() {
  /** @type {Map<string, { status: number | null, at: number }[]>} id -> GETs seen (status null while a hanging request is open) */
  const jobs = new Map();
  const server = await startServer((req, res) => {
    const origin = req.headers.origin;
    const cors = origin
      ? {
          "access-control-allow-origin": origin,
          vary: "Origin",
          "access-control-expose-headers": "Retry-After, Location",
        }
      : {};
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...cors,
        "access-control-allow-methods": "GET",
        "access-control-allow-headers": "Authorization, Accept, Content-Type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    /** @type {(status: number, body?: unknown, headers?: Record<string, string>) => void} */
    const send = (status, body, headers = {}) => {
      const text = body === undefined ? "" : JSON.stringify(body);
      res.writeHead(status, { ...cors, ...(text ? { "content-type": "application/json" } : {}), ...headers });
      res.end(text);
    };
    const match = statusPath.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (req.method !== "GET" || !match?.[1]) return send(404, { message: "no such path" });
    if (req.headers.authorization !== expectedAuthorization) return send(401, { message: "bad credentials" });
    const id = decodeURIComponent(match[1]);
    const seen = jobs.get(id) ?? [];
    jobs.set(id, seen);
    /** @type {{ status: number | null, at: number }} */
    const entry = { status: null, at: performance.now() };
    seen.push(entry);
    /** @type {typeof send} */
    const answer = (status, body, headers) => {
      entry.status = status;
      send(status, body, headers);
    };
    if (id.endsWith("-status")) return answer(200, finishedJob);
    if (id.endsWith("-wait")) {
      if (seen.length === 1) return answer(503, { message: "Service Temporarily Unavailable" });
      if (seen.length === 2)
        return answer(202, undefined, {
          "retry-after": "1",
          location: `/cloudapi/restapi/user/status/${encodeURIComponent(id)}`,
        });
      return answer(200, finishedJob);
    }
    if (id.endsWith("-hang")) return; // never answered; the client's abort closes the connection
    return answer(404, { message: `unknown job ${id}` });
  });
  return {
    url: server.url,
    close: server.close,
    /** The Basic credential the runs must send. */
    credentials,
    /**
     * What the server saw for one run: statuses of the wait's GETs and the time from the 202 to the next GET.
     * @param {string} prefix
     * @returns {ServerReport}
     */
    report(prefix) {
      const wait = jobs.get(`${prefix}-wait`) ?? [];
      const i = wait.findIndex((get) => get.status === 202);
      const after = wait[i + 1];
      return {
        statusGets: (jobs.get(`${prefix}-status`) ?? []).length,
        waitStatuses: wait.map((get) => get.status),
        gapAfter202Ms: i >= 0 && after ? Math.round(after.at - /** @type {{ at: number }} */ (wait[i]).at) : null,
        hangGets: (jobs.get(`${prefix}-hang`) ?? []).length,
      };
    },
  };
}

/**
 * Serves the browser page and its bundle from another port than the API, so the API calls are cross-origin.
 * @param {Record<string, { type: string, body: string }>} files by path
 */
export function startPageServer(files) {
  return startServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
}
