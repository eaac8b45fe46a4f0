// A private CA and a loopback HTTPS server whose certificate it signed, made at run time with the openssl command
// (the core TLS tests and the CLI's --ca test).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

export interface PrivatePki {
  /** PEM of the CA that signed the server's certificate. */
  ca: string;
  /** PEM of another CA, which signed nothing here. */
  otherCa: string;
  key: string;
  cert: string;
  /** A self-signed server certificate for 127.0.0.1 and localhost, and its key: no CA at all. */
  selfSigned: { key: string; cert: string };
  dispose(): void;
}

/** A CA, another CA, and a server certificate for 127.0.0.1 and localhost signed by the first; valid for 2 days. */
export function makePki(): PrivatePki {
  const dir = mkdtempSync(join(tmpdir(), "opstatus-tls-"));
  const openssl = (...args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const makeCa = (name: string) =>
    openssl(
      "req",
      "-x509",
      "-new",
      ...EC,
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.pem`,
      "-days",
      "2",
      "-subj",
      `/CN=opstatus test ${name}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    );
  makeCa("ca");
  makeCa("other-ca");
  openssl("req", "-new", ...EC, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  writeFileSync(
    join(dir, "server.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
  );
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-set_serial",
    "4242",
    "-days",
    "2",
    "-extfile",
    "server.ext",
    "-out",
    "server.pem",
  );
  openssl(
    "req",
    "-x509",
    "-new",
    ...EC,
    "-keyout",
    "self.key",
    "-out",
    "self.pem",
    "-days",
    "2",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
  );
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  return {
    ca: read("ca.pem"),
    otherCa: read("other-ca.pem"),
    key: read("server.key"),
    cert: read("server.pem"),
    selfSigned: { key: read("self.key"), cert: read("self.pem") },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface HttpsServer {
  url: string;
  /** The requests seen, with their bodies. */
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

/**
 * A loopback HTTPS server: /echo answers with the request as JSON, /redirect sends a 302 to /echo, /hang never
 * answers, anything else is a 404.
 */
export async function httpsServer(identity: { key: string; cert: string }): Promise<HttpsServer> {
  const requests: HttpsServer["requests"] = [];
  const handle = (request: IncomingMessage, response: ServerResponse, body: string) => {
    requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
    const path = new URL(request.url!, "https://localhost").pathname;
    if (path === "/echo") {
      response.writeHead(200, { "content-type": "application/json", "x-served-by": "loopback" });
      response.end(JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body }));
    } else if (path === "/redirect") {
      response.writeHead(302, { location: "/echo?from=redirect" }).end();
    } else if (path !== "/hang") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"message":"no such thing"}');
    }
  };
  const server: Server = createServer({ key: identity.key, cert: identity.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handle(request, response, Buffer.concat(chunks).toString("utf8")));
  });
  // a client that does not trust the certificate makes the handshake fail on the server too; that is expected here
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
