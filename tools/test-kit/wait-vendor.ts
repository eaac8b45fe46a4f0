// A loopback vendor for the queue's tests: a vCenter that logs in (POST /api/session, HTTP Basic, a session id in the
// body) and answers GET /api/vcenter/vm/{vm}/guest/customization as a plan says, and an Oracle Identity Governance
// that answers GET .../requests/{reqid} to a ready bearer token the same way; every request is recorded.
import { startServer } from "./index.js";

/** What the vendor answers to one status request of a target (its `n`-th, from 1). */
export type Answer =
  | { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | "hang"
  | "RUNNING"
  | "SUCCEEDED"
  | "FAILED";

export interface VendorRequest {
  method: string;
  path: string;
  /** The target of a status request (a VM, an OIG request id). */
  target?: string;
  /** The `x-worker` header (each test worker sends its name). */
  worker?: string;
  session?: string;
  authorization?: string;
  at: number;
  /** When the answer was sent (undefined while in flight). */
  answeredAt?: number;
}

export const USERNAME = "administrator@vsphere.local";
export const PASSWORD = "opstatus-Secret-Password-q7w3";
export const SESSION_ID = "opstatus-Secret-Session-5k2m9x";
export const OIG_TOKEN = "opstatus-Secret-Bearer-Jwt-3v8n1p";

export interface Vendor {
  url: string;
  requests: VendorRequest[];
  /** Status requests of a target. */
  polls(target: string): VendorRequest[];
  logins(): number;
  close(): Promise<void>;
}

const VSPHERE = /^\/api\/vcenter\/vm\/([^/]+)\/guest\/customization$/;
const OIG = /^\/iam\/governance\/selfservice\/api\/v1\/requests\/([^/]+)$/;
const OIG_STATUS = { RUNNING: "Request Awaiting Approval", SUCCEEDED: "Request Completed", FAILED: "Request Failed" };

export async function startVendor(
  plan: (target: string, n: number, request: VendorRequest) => Answer,
): Promise<Vendor> {
  const requests: VendorRequest[] = [];
  const counts = new Map<string, number>();
  const hanging = new Set<() => void>();
  const server = await startServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://loopback");
    const record: VendorRequest = {
      method: req.method ?? "",
      path: url.pathname,
      at: Date.now(),
      ...(typeof req.headers["x-worker"] === "string" ? { worker: req.headers["x-worker"] } : {}),
      ...(typeof req.headers["vmware-api-session-id"] === "string"
        ? { session: req.headers["vmware-api-session-id"] }
        : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.answeredAt = Date.now();
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    };
    const basic = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString("base64")}`;
    if (url.pathname === "/api/session") {
      if (req.method === "DELETE") return send(204, null);
      if (req.method === "POST" && req.headers.authorization === basic) return send(201, SESSION_ID);
      return send(401, { error_type: "UNAUTHENTICATED", messages: [] });
    }
    const vsphere = VSPHERE.exec(url.pathname);
    const oig = OIG.exec(url.pathname);
    const match = vsphere ?? oig;
    if (!match || req.method !== "GET") return send(404, { error_type: "NOT_FOUND", messages: [] });
    const authorized = vsphere ? record.session === SESSION_ID : record.authorization === `Bearer ${OIG_TOKEN}`;
    if (!authorized) return send(401, { error_type: "UNAUTHENTICATED", messages: [] });
    const target = decodeURIComponent(match[1]!);
    record.target = target;
    const n = (counts.get(target) ?? 0) + 1;
    counts.set(target, n);
    const answer = plan(target, n, record);
    if (answer === "hang") {
      await new Promise<void>((resolve) => {
        hanging.add(resolve);
        res.on("close", resolve);
      });
      return;
    }
    if (typeof answer === "string") {
      if (oig) return send(200, { reqId: target, reqStatus: OIG_STATUS[answer] });
      const failed = answer === "FAILED" ? { error: "customization script exited 3" } : {};
      return send(200, { status: answer, start_time: "2026-12-01T10:00:00Z", ...failed });
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    send(answer.status ?? 200, answer.body ?? { status: "RUNNING" }, answer.headers);
  });
  return {
    url: server.url,
    requests,
    polls: (target) => requests.filter((r) => r.target === target),
    logins: () => requests.filter((r) => r.method === "POST" && r.path === "/api/session").length,
    close: async () => {
      for (const release of hanging) release();
      await server.close();
    },
  };
}
