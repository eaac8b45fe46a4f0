// The credential engine against a loopback stand-in for each vendor's log-in, built from the provider's manifest and
// spec: it answers the log-in operation as that vendor does (a session id as a JSON string, a raw token, a token in
// `X-Subject-Token`, a JWT with `expiresIn`), hands out tokens it can expire or revoke, serves the status operation
// only to a live token, and records every request.
import { Buffer } from "node:buffer";
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exampleArguments as argumentsFromSpec, sampleLogin } from "../src/samples.mjs";
import { provider as providerOf } from "../src/workspace.mjs";
import { SECRET, SECRET_PASSWORD, startServer, type LoopbackServer } from "./index.js";

type Module = Record<string, any>;

interface StandIn extends LoopbackServer {
  /** Every request: its operation id (or "?"), and the token it carried (if any). */
  calls: { operation: string; token: string | undefined; url: string }[];
  logins(): number;
  /** Tokens handed out so far. */
  tokens: string[];
}

interface StandInOptions {
  /** How many status calls a token serves before the stand-in answers 401 (a session idling out). */
  usesPerToken?: number;
  /** Seconds of validity the stand-in states for each token (where the vendor states one). */
  lifetime?: number;
  /** Answer the log-in with 401 and this body. */
  refuseLogin?: string;
  /** Refuse every log-in after this many (a password changed while the client runs). */
  loginsAllowed?: number;
  /** The status bodies of the polled operation, in turn (the last repeats); `{ "@status": 202 }` answers that code. */
  statuses?: unknown[];
  /** Delay, in ms, of each log-in answer. */
  loginDelay?: number;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => resolve(text));
  });

/** What a provider's log-in looks like, from its manifest and spec. */
function loginOf(provider: string) {
  const p = providerOf(provider);
  const { doc, manifest, waiterMethod: polled } = p;
  const login = manifest.auth.login;
  if (!login) throw new Error(`${provider} has no log-in`);
  const route = (operationId: string) => {
    const op = p.operation(operationId);
    return {
      operationId,
      method: op.method.toUpperCase(),
      pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?|$)`),
    };
  };
  const scheme = doc.components.securitySchemes[login.scheme];
  const statusOps = [...new Set([...(polled.handWritten?.operations ?? [polled.operationId])])];
  const fields = sampleLogin(manifest, { secret: SECRET_PASSWORD });
  return {
    manifest,
    login,
    fields,
    /** The header the token travels in. */
    tokenHeader: scheme.type === "apiKey" ? String(scheme.name).toLowerCase() : "authorization",
    present: (token: string) => (scheme.type === "apiKey" ? token : `Bearer ${token}`),
    routes: [
      route(login.operation),
      ...(login.refresh ? [route(login.refresh.operation)] : []),
      ...(login.logout ? [route(login.logout.operation)] : []),
      ...statusOps.map(route),
    ],
    method: polled.name,
    args: argumentsFromSpec(p, polled.operationId),
    statusOps,
  };
}

/** Starts the stand-in vendor for `provider` on loopback. */
async function startStandIn(provider: string, options: StandInOptions = {}): Promise<StandIn> {
  const l = loginOf(provider);
  const { login, routes, tokenHeader } = l;
  const calls: StandIn["calls"] = [];
  const tokens: string[] = [];
  const uses = new Map<string, number>();
  const revoked = new Set<string>();
  const statuses = options.statuses ?? [{}];
  let served = 0;
  const tokenOf = (req: IncomingMessage) => {
    const value = req.headers[tokenHeader];
    return typeof value === "string" ? value.replace(/^Bearer /, "") : undefined;
  };
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res
      .writeHead(status, {
        "content-type":
          typeof body === "string" && headers["content-type"] ? headers["content-type"] : "application/json",
        ...headers,
      })
      .end(typeof body === "string" && headers["content-type"] ? body : JSON.stringify(body));
  };

  /** The log-in (or refresh) answer, as the vendor shapes it. */
  const issue = (res: ServerResponse): void => {
    const token = `opstatus-token-${tokens.length + 1}-${SECRET}`;
    tokens.push(token);
    const seconds = options.lifetime ?? 3600;
    const [where, name = ""] = login.token.split(/:(.*)/);
    const [kind, path = ""] = (login.expiry ?? "").split(":");
    const body: Record<string, any> = {};
    const set = (target: Record<string, any>, dotted: string, value: unknown) => {
      const keys = dotted.split(".");
      let node = target;
      for (const key of keys.slice(0, -1)) node = node[key] ??= {};
      node[keys.at(-1)!] = value;
    };
    if (kind === "seconds") set(body, path, String(seconds));
    if (kind === "at") set(body, path, new Date(Date.now() + seconds * 1000).toISOString());
    if (where === "text") send(res, 200, token, { "content-type": "text/plain" });
    else if (where === "body" && !name) send(res, 201, token);
    else if (where === "header") send(res, 201, body, { [name]: token });
    else {
      set(body, name, token);
      send(res, 200, body);
    }
  };

  const server = await startServer(async (req, res) => {
    const url = req.url ?? "";
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url));
    const text = await read(req);
    const token = tokenOf(req);
    calls.push({ operation: route?.operationId ?? "?", token, url });
    if (!route) return send(res, 404, { message: "no such operation" });
    if (route.operationId === login.operation) {
      if (options.loginDelay) await new Promise((resolve) => setTimeout(resolve, options.loginDelay));
      const basic = Buffer.from(String(req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
      const presented = basic.includes(SECRET_PASSWORD) || text.includes(SECRET_PASSWORD);
      const allowed = options.loginsAllowed === undefined || tokens.length < options.loginsAllowed;
      if (options.refuseLogin !== undefined || !presented || !allowed)
        return send(res, 401, { message: options.refuseLogin ?? "bad credentials" });
      return issue(res);
    }
    if (route.operationId === login.refresh?.operation) {
      if (!token || !tokens.includes(token) || revoked.has(token)) return send(res, 401, { message: "token expired" });
      revoked.add(token);
      return issue(res);
    }
    if (route.operationId === login.logout?.operation) {
      const target = req.headers["x-subject-token"] ?? token;
      if (!token || !tokens.includes(token)) return send(res, 401, { message: "not logged in" });
      revoked.add(String(target));
      return void res.writeHead(204).end();
    }
    // a status operation: only for a live token, and at most usesPerToken times per token
    if (!token || !tokens.includes(token) || revoked.has(token))
      return send(res, 401, { message: `token ${token} is not valid` });
    const count = (uses.get(token) ?? 0) + 1;
    uses.set(token, count);
    if (options.usesPerToken !== undefined && count > options.usesPerToken) {
      revoked.add(token);
      return send(res, 401, { message: `session ${token} idled out` });
    }
    const body = statuses[Math.min(served++, statuses.length - 1)] as Record<string, unknown>;
    return "@status" in body ? send(res, Number(body["@status"]), {}) : send(res, 200, body);
  });
  return Object.assign(server, {
    calls,
    tokens,
    logins: () => calls.filter((c) => c.operation === login.operation).length,
  });
}

/** The canonical-state answers of the polled operation, for a waiter that reads a status field. */
function statusBodies(provider: string, states: string[]) {
  const { waiter } = providerOf(provider).manifest;
  return states.map((state) => ({
    [waiter.status]: Object.keys(waiter.states).find((s) => waiter.states[s] === state),
  }));
}

/**
 * The credential engine's behaviour for one provider: one log-in for concurrent calls, re-login after a 401, no
 * request with a token known to be expired, log-out on close, typed errors for a refused log-in, and no credential
 * in any error. `wait` runs the provider's waiter over `statuses` (default: running, then succeeded).
 */
export function describeLogin(
  provider: string,
  module: Module,
  waiter?: { statuses: unknown[]; target: unknown; finalState?: string },
): void {
  const l = loginOf(provider);
  const { manifest, login, fields } = l;
  const create = (url: string, auth: Record<string, unknown> = fields) =>
    module[manifest.client.factory]({
      baseUrl: url,
      auth,
      // the log-in's own server (e.g. Keystone) is the same stand-in
      ...(login.serverOption ? { [login.serverOption]: url } : {}),
    });
  const call = (client: any) => client[l.method](...l.args);
  const servers: StandIn[] = [];
  const stand = async (options?: StandInOptions) => {
    const s = await startStandIn(provider, options);
    servers.push(s);
    return s;
  };

  describe(`${provider} log-in (loopback stand-in of the vendor)`, () => {
    afterEach(async () => {
      vi.useRealTimers();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    it("logs in on the first call and sends the token on every call", async () => {
      const server = await stand();
      const client = create(server.url);
      await call(client);
      await call(client);
      expect(server.logins()).toBe(1);
      const status = server.calls.filter((c) => l.statusOps.includes(c.operation));
      expect(status.map((c) => c.token)).toEqual([server.tokens[0], server.tokens[0]]);
    });

    it("shares one log-in among 50 concurrent calls", async () => {
      const server = await stand({ loginDelay: 50 });
      const client = create(server.url);
      await Promise.all(Array.from({ length: 50 }, () => call(client)));
      expect(server.logins()).toBe(1);
      expect(server.calls.filter((c) => l.statusOps.includes(c.operation))).toHaveLength(50);
    });

    it("a session that idles out mid-wait: one re-login, and the wait completes", async () => {
      const server = await stand({
        usesPerToken: 2,
        statuses: waiter?.statuses ?? statusBodies(provider, ["running", "running", "running", "running", "succeeded"]),
      });
      const client = create(server.url);
      const target = waiter?.target ?? l.args[0];
      const result = await module[manifest.waiter.name](client, target, { minDelay: 5, maxDelay: 10, timeout: 10_000 });
      expect(result.state).toBe(waiter?.finalState ?? "succeeded");
      // 5 answered polls at 2 per token (one 401 between each pair): 3 log-ins, each after a 401
      const refused = server.calls.filter(
        (c, i) => l.statusOps.includes(c.operation) && server.calls[i + 1]?.operation === login.operation,
      );
      expect(refused).toHaveLength(2);
      expect(server.logins()).toBe(3);
    });

    it("never re-logs in more than once per 401: a token refused again ends the call", async () => {
      const server = await stand({ usesPerToken: 0 });
      const error: any = await call(create(server.url)).catch((e: unknown) => e);
      expect(error.status).toBe(401);
      expect(server.logins()).toBe(2);
    });

    it("a refused log-in throws OpstatusAuthError after exactly one log-in request, and redacts what the server echoes", async () => {
      const server = await stand({
        refuseLogin: `bad password ${SECRET_PASSWORD} for ${fields.username ?? fields.apiKey}`,
      });
      const error: any = await call(create(server.url)).catch((e: unknown) => e);
      expect(error.name).toBe("OpstatusAuthError");
      expect(error.provider).toBe(provider);
      expect(error.operation).toBe(login.operation);
      expect(error.status).toBe(401);
      expect(server.logins()).toBe(1);
      expect(server.calls.filter((c) => l.statusOps.includes(c.operation))).toHaveLength(0);
      const everything = `${error.message}\n${error.rawBody}\n${JSON.stringify(error.body)}\n${error.stack}\n${inspect(error, { depth: 10 })}`;
      expect(everything).not.toContain(SECRET_PASSWORD);
      expect(everything).toContain("[REDACTED]");
    });

    it("ends a wait with OpstatusAuthError when the re-login itself is refused", async () => {
      const server = await stand({
        usesPerToken: 1,
        loginsAllowed: 1,
        statuses: waiter?.statuses ?? statusBodies(provider, ["running"]),
      });
      const client = create(server.url);
      const error: any = await module[manifest.waiter.name](client, waiter?.target ?? l.args[0], {
        minDelay: 5,
        maxDelay: 10,
        timeout: 10_000,
      }).catch((e: unknown) => e);
      expect(error.name).toBe("OpstatusAuthError");
      expect(error.operation).toBe(login.operation);
      // one poll with the first session, one refused with it, one refused re-login: the wait ends there
      expect(server.calls.map((c) => c.operation)).toEqual([
        login.operation,
        ...l.statusOps.slice(-1),
        ...l.statusOps.slice(-1),
        login.operation,
      ]);
    });

    it("a token with a known expiry is renewed before it expires: no request goes out with an expired token", async () => {
      const now = Date.now();
      vi.useFakeTimers({ now, toFake: ["Date"] });
      const server = await stand({ lifetime: 60 });
      // where the client asks for a lifetime (Primavera's tokenExpiry), it asks for 60 s
      const asked = login.expiry?.startsWith("ask:") ? login.expiry.slice(4) : undefined;
      const client = create(server.url, asked ? { ...fields, [asked]: 60 } : fields);
      await call(client);
      if (asked) expect(server.calls[0]!.url).toContain(`${asked}=60`);
      // inside the safety margin (a tenth of the lifetime) but still valid: renewed, by a refresh where the vendor has one
      vi.setSystemTime(now + 57_000);
      await call(client);
      const status = server.calls.filter((c) => l.statusOps.includes(c.operation));
      if (login.refresh && login.expiry) {
        const refresh = server.calls.filter((c) => c.operation === login.refresh!.operation);
        expect(refresh).toHaveLength(1);
        expect(refresh[0]!.token).toBe(server.tokens[0]);
        expect(server.logins()).toBe(1);
      }
      if (login.expiry) {
        // the second call used a new token, got before the call (by a log-in or a refresh)
        expect(status[1]!.token).not.toBe(status[0]!.token);
        expect(server.tokens).toContain(status[1]!.token);
      } else {
        // the vendor states no lifetime: the token is used until the vendor refuses it
        expect(status[1]!.token).toBe(status[0]!.token);
      }
    });

    it(`close() ${login.logout ? "sends one log-out" : "needs no log-out (none is documented)"} and later calls fail typed`, async () => {
      const server = await stand();
      const client = create(server.url);
      await call(client);
      await Promise.all([client.close(), client.close()]);
      await client[Symbol.asyncDispose]();
      const logouts = server.calls.filter((c) => c.operation === login.logout?.operation);
      expect(logouts).toHaveLength(login.logout ? 1 : 0);
      if (login.logout) expect(logouts[0]!.token).toBe(server.tokens[0]);
      const error: any = await call(client).catch((e: unknown) => e);
      expect(error.name).toBe("OpstatusRequestError");
      expect(error.message).toContain("closed");
      expect(server.calls).toHaveLength(1 + 1 + logouts.length);
    });

    it("the openapi-fetch client shares the client's session, and logs in again once on a 401", async () => {
      const server = await stand({ usesPerToken: 1 });
      const client = create(server.url);
      await call(client);
      const spec = providerOf(provider);
      const operation = l.statusOps[0]!;
      const args = argumentsFromSpec(spec, operation);
      const path = spec.operation(operation).path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(args.shift())));
      const { response } = await module[manifest.client.api](client).GET(path);
      expect(response.ok).toBe(true);
      // the named call used the first token up; the openapi-fetch call got a 401, logged in once more, re-sent once
      expect(server.logins()).toBe(2);
      const status = server.calls.filter((c) => l.statusOps.includes(c.operation));
      expect(status.map((c) => c.token)).toEqual([server.tokens[0], server.tokens[0], server.tokens[1]]);
    });

    it("refuses log-in fields that are not complete, or none at all, when the client is made, naming every form", () => {
      const required = Object.entries(manifest.auth.login!.fields)
        .filter(([, f]) => !f.optional)
        .map(([name]) => name);
      const wanted = [...required, ...Object.keys(manifest.auth.forms)];
      const incomplete = [
        {},
        ...required.map((name) => Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name))),
      ];
      for (const auth of incomplete) {
        let error: any;
        try {
          module[manifest.client.factory]({
            baseUrl: "https://api.opstatus.test",
            auth,
            fetch: () => expect.fail("sent"),
          });
        } catch (e) {
          error = e;
        }
        expect(error?.name, JSON.stringify(Object.keys(auth))).toBe("OpstatusRequestError");
        expect(error.message).toContain(`${provider} createClient`);
        for (const name of wanted) expect(error.message, JSON.stringify(Object.keys(auth))).toContain(name);
        expect(`${error.message} ${inspect(error)}`).not.toContain(SECRET_PASSWORD);
      }
    });

    it("refuses CR/LF in a log-in field before sending anything, without showing it", async () => {
      const server = await stand();
      for (const [name, value] of Object.entries(fields)) {
        const error: any = await call(create(server.url, { ...fields, [name]: `${value}\r\nX-Injected: 1` })).catch(
          (e: unknown) => e,
        );
        expect(error.name, name).toBe("OpstatusRequestError");
        expect(`${error.message} ${inspect(error)}`).not.toContain(SECRET_PASSWORD);
      }
      expect(server.calls).toHaveLength(0);
    });

    it("keeps every token out of errors, even when the server echoes it", async () => {
      const server = await stand({ usesPerToken: 0 });
      const error: any = await call(create(server.url)).catch((e: unknown) => e);
      const everything = `${error.message}\n${error.rawBody}\n${inspect(error, { depth: 10 })}`;
      for (const token of server.tokens) expect(everything).not.toContain(token);
      expect(everything).toContain("[REDACTED]");
    });
  });
}
