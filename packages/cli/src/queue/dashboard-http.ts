// The HTTP side of `opstatus dashboard` that is not bull-board's: which hosts count as loopback, the password (HTTP
// Basic, compared in constant time), the guards every request passes, and bull-board's page without its web fonts.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { isIPv4, isIPv6 } from "node:net";

export const REALM = "opstatus dashboard";

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: a dashboard bound there is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost") return true;
  if (isIPv4(bare)) return bare.startsWith("127.");
  if (!isIPv6(bare)) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!.startsWith("127.");
  return bare === "::1" || bare === "0:0:0:0:0:0:0:1";
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Whether an `Authorization` header carries the password (HTTP Basic, any user name). Constant time. */
export function passwordMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? "");
  const decoded = match ? Buffer.from(match[1]!, "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  // the digests have one length, so the comparison takes as long whatever was sent
  const given = digest(colon >= 0 ? decoded.slice(colon + 1) : `\0${decoded}`);
  return timingSafeEqual(given, expected) && match !== null && colon >= 0;
}

export interface GuardOptions {
  /** The password every request must carry, when set. */
  password?: string;
  /** Bound to loopback: the Host header must name loopback too (a page of another site rebound to 127.0.0.1 is refused). */
  loopback: boolean;
}

/**
 * Wraps bull-board's handler with what every request passes first: the Host (on loopback), the password, and for a
 * request that changes something, an Origin (when sent) that is this dashboard's own. Then security headers.
 */
export function guard(handler: RequestListener, options: GuardOptions): RequestListener {
  const expected = options.password === undefined ? undefined : digest(options.password);
  const refuse = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end(`${text}\n`);
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? "";
    if (options.loopback && !isLoopback(host.replace(/:\d+$/, "")))
      return refuse(res, 421, "this dashboard answers to loopback host names only");
    if (expected && !passwordMatches(req.headers.authorization, expected))
      return refuse(res, 401, "password required", { "www-authenticate": `Basic realm="${REALM}", charset="UTF-8"` });
    const origin = req.headers.origin;
    if (req.method !== "GET" && req.method !== "HEAD" && origin !== undefined && originHost(origin) !== host)
      return refuse(res, 403, "cross-origin request refused");
    res.setHeader("x-frame-options", "DENY");
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cache-control", "no-store");
    // nothing off this machine: the page, its scripts and its API calls all come from here
    res.setHeader(
      "content-security-policy",
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    handler(req, res);
  };
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** Drops every `<link>` to another origin (bull-board's page asks a web-font service for its fonts). */
export function stripRemoteLinks(html: string): string {
  return html.replace(/<link\b[^>]*\bhref=["']?(?:https?:)?\/\/[^>]*>\s*/gi, "");
}

type Engine = (path: string, options: object, callback: (error: Error | null, html?: string) => void) => void;

/**
 * Has bull-board's express app render its page without links to other origins: the template engine the adapter
 * registered (`ejs`) is wrapped, so the page is the same, minus those links. The fonts fall back to the system's.
 */
export function offlinePage(app: { engines: Record<string, Engine>; engine(ext: string, fn: Engine): unknown }): void {
  const render = app.engines[".ejs"];
  if (!render) throw new Error("bull-board's page engine (ejs) is not registered: an unexpected @bull-board/express");
  app.engine("ejs", (path, options, callback) =>
    render(path, options, (error, html) => (error ? callback(error) : callback(null, stripRemoteLinks(html ?? "")))),
  );
}
