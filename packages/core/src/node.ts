/**
 * `@opstatus/core/node`: what only Node needs. Kept off the main entry so that browser bundles never see undici.
 *
 * vCenter and on-premises Oracle servers often present certificates from a private or self-signed CA. Node's fetch
 * trusts only the public CAs and has no per-request CA option, so `createTlsFetch` builds a fetch on an undici 6
 * `Agent` that trusts the CA you give it, for that fetch only (never the whole process, as
 * `NODE_TLS_REJECT_UNAUTHORIZED=0` would, which also turns verification off).
 */
import { Agent, fetch as undiciFetch } from "undici";

/** PEM text (or its bytes) of one certificate, or of several concatenated. */
export type PemInput = string | Uint8Array;

/** What `createTlsFetch` trusts. */
export interface TlsFetchOptions {
  /**
   * The CA certificate(s) to trust, PEM. They replace Node's list of public CAs for this fetch; to trust both, pass
   * `[...tls.rootCertificates, privateCa]` (`import tls from "node:tls"`).
   */
  ca?: PemInput | readonly PemInput[];
  /**
   * Turns certificate verification off for this fetch: anyone on the network path can then read and change the
   * traffic, the credentials included. Only for a throwaway lab; trust the server's CA with `ca` instead.
   */
  dangerouslyAcceptAnyCertificate?: boolean;
}

/** A fetch for the clients' `fetch` option; `close()` closes its connections. */
export interface TlsFetch {
  /** Sends `request` through the fetch's own connections, trusting its CAs. */
  (request: Request): Promise<Response>;
  /** Closes its connections. */
  close(): Promise<void>;
}

// Stryker disable next-line ArrayDeclaration: undici gives an answer of these statuses a null body, which the copy keeps
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
let warnedAboutVerification = false;

/**
 * A fetch that trusts `ca` (or, with `dangerouslyAcceptAnyCertificate`, any certificate), for any opstatus client:
 *
 * ```ts
 * const fetch = createTlsFetch({ ca: readFileSync("vcenter-ca.pem", "utf8") });
 * const client = createVsphereClient({ baseUrl: "https://vcenter.example.internal", auth, fetch });
 * ```
 * Needs `undici` 6 (`npm install undici@6`), an optional peer dependency of `@opstatus/core`.
 */
export function createTlsFetch(options: TlsFetchOptions): TlsFetch {
  const { ca, dangerouslyAcceptAnyCertificate = false } = options ?? {};
  // Stryker disable next-line ConditionalExpression: [undefined] is no CA either, and is refused (or unused) as [] is
  const cas = ca === undefined ? [] : Array.isArray(ca) ? ca : [ca as PemInput];
  const given =
    cas.length > 0 &&
    cas.every((c) => (typeof c === "string" ? c.trim() !== "" : c instanceof Uint8Array && c.length > 0));
  if (ca !== undefined && !given)
    throw new TypeError("createTlsFetch: ca must be PEM text or bytes (or a list of them), and not empty");
  if (dangerouslyAcceptAnyCertificate && given)
    throw new TypeError("createTlsFetch: pass either ca or dangerouslyAcceptAnyCertificate, not both");
  if (!given && !dangerouslyAcceptAnyCertificate)
    throw new TypeError(
      "createTlsFetch: pass the server's CA as ca (dangerouslyAcceptAnyCertificate is the unsafe alternative)",
    );
  if (dangerouslyAcceptAnyCertificate && !warnedAboutVerification) {
    warnedAboutVerification = true;
    process.emitWarning(
      "createTlsFetch({ dangerouslyAcceptAnyCertificate: true }) does not verify server certificates",
      {
        code: "OPSTATUS_TLS_UNVERIFIED",
      },
    );
  }

  const agent = new Agent({
    connect: dangerouslyAcceptAnyCertificate
      ? { rejectUnauthorized: false }
      : { ca: cas as (string | Buffer)[], rejectUnauthorized: true },
  });

  const tlsFetch = async (request: Request): Promise<Response> => {
    // undici's fetch takes its own Request class only, so the global one is taken apart. The body is buffered: status
    // and auth calls are small, and a buffered body can follow a 307/308 redirect where a stream cannot.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body,
      signal: request.signal,
      redirect: request.redirect,
      dispatcher: agent,
    });
    // hand back a global Response, so that `instanceof Response` holds in the caller's code as with Node's fetch
    const copy = new Response(
      NULL_BODY_STATUS.has(response.status) ? null : (response.body as ReadableStream<Uint8Array> | null),
      {
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
      },
    );
    Object.defineProperties(copy, { url: { value: response.url }, redirected: { value: response.redirected } });
    return copy;
  };
  // Stryker disable next-line ArrowFunction: connections left open only keep a process alive until they idle out
  return Object.assign(tlsFetch, { close: () => agent.close() });
}
