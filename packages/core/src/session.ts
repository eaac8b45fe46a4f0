// The credential engine: logs in with the vendor's own log-in operation, keeps one token for all calls, renews it
// before it expires, drops it when the vendor says 401, and logs out once. What each vendor's log-in looks like is
// data (`LoginFacts`, generated from the manifest), so one engine serves every provider.
// It imports nothing at run time: the client hands it what it needs (`SessionHost`), so that this module is a chunk
// of its own, which a client loads only when given log-in fields.
import type { SchemeFacts, SchemeFormat } from "./auth.js";
import type { ApiErrorDetails, ErrorDetails, ErrorScope } from "./errors.js";
import type { LoginFacts, OperationFacts, SpecFacts } from "./facts.js";
import type { CallOptions, ClientOptions, Outcome } from "./options.js";

export type { LoginFacts, LoginStep } from "./facts.js";

export interface Session {
  /**
   * Sends `request` with the credential for `scheme` (the session's token, logging in on first use and renewing it
   * before expiry; Basic from the log-in fields for the log-in itself), unless it carries one already; answers a 401
   * to a token by dropping the token and re-sending once with a new one.
   */
  send(scope: ErrorScope, scheme: string | undefined, request: Request): Promise<Response>;
  /** Logs out once, where the vendor has a log-out. */
  close(): Promise<void>;
}

/** Sends one log-in step: `operation` with `params`, and `headers` (the token, for refresh and log-out). */
export type LoginCall = (
  operation: string,
  params: object,
  headers?: Record<string, string>,
) => Promise<{ data: unknown; response: Response }>;

/**
 * What the client hands its session: its facts, options and log-in fields, its own sending, checks and error
 * classes. (This module imports nothing at run time, so that it is a chunk of its own.)
 */
export interface SessionHost {
  readonly facts: SpecFacts;
  readonly options: ClientOptions;
  readonly auth: Record<string, unknown>;
  /** Sends `operation` (on `server`, when it has its own). */
  perform(
    operation: string,
    params: object,
    callOptions?: CallOptions,
    facts?: OperationFacts,
  ): Promise<Outcome<unknown>>;
  /** The client's fetch (keeps error bodies). */
  fetch(request: Request): Promise<Response>;
  /** The checked header for `scheme` carrying `value` (a token, or `{ username, password }`), its secrets remembered. */
  header(scope: ErrorScope, scheme: SchemeFacts, value: unknown): [string, string];
  /** Records a secret of the credential (a log-in field that is one) for redaction. */
  secret(value: string): void;
  /** The log-in operations' own server, resolved when the client was made (ECL's Keystone of the region). */
  readonly loginServer: string | undefined;
  /** Throws when a header value carries CR, LF or NUL. */
  assert(scope: ErrorScope, name: string, value: string): void;
  readonly OpstatusRequestError: new (details: ErrorDetails) => Error;
  readonly OpstatusAuthError: new (details: ApiErrorDetails<unknown>) => Error;
}

interface Held {
  token: string;
  /** When to renew (a safety margin before the expiry), in epoch ms; Infinity when the vendor says nothing. */
  renewAt: number;
  /** When the vendor said the token expires. */
  expiresAt: number;
}

/** Replaces `{name}` in every string of `template` by `values[name]`; a key whose whole value is an unset `{name}` is left out. */
function fill(template: unknown, values: Record<string, unknown>): any {
  if (typeof template === "string") return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  if (Array.isArray(template)) return template.map((item) => fill(item, values));
  if (!template || typeof template !== "object") return template;
  return Object.fromEntries(
    Object.entries(template).flatMap(([key, item]) =>
      /^\{(\w+)\}$/.test(String(item)) && values[String(item).slice(1, -1)] === undefined
        ? []
        : [[key, fill(item, values)]],
    ),
  );
}

const at = (value: unknown, path: string): unknown => path.split(".").reduce<any>((node, key) => node?.[key], value);

/**
 * The session of one client: checks the log-in fields (no CR, LF or NUL, nothing empty; all of them redacted from
 * then on), then logs in on first use. Loaded only by clients given log-in fields.
 */
export function loginSession(host: SessionHost, facts: LoginFacts, basic?: SchemeFormat): Session {
  const { auth } = host;
  const { provider } = host.facts;
  // HTTP Basic for the log-in itself: core's one encoder, handed over by the provider whose log-in uses it (this
  // chunk imports nothing, and a client whose log-in takes no Basic does not carry the encoder)
  const schemes: Record<string, SchemeFacts> = { ...host.facts.schemes };
  // Stryker disable next-line ArrayDeclaration: a scheme under the placeholder's name is never looked up
  for (const name of facts.basic ?? []) schemes[name] = [basic!];
  const header = (scope: ErrorScope, scheme: string, value: unknown) => host.header(scope, schemes[scheme]!, value);
  const setup = { provider, operation: facts.operation };
  // the client has checked the credential's shape (its fields: non-empty text, whole numbers where the vendor wants them)
  for (const [field, value] of Object.entries(auth)) {
    // Stryker disable next-line ConditionalExpression: the only other kind of log-in field is a whole number, which holds no CR, LF or NUL and is never a secret field
    if (typeof value !== "string") continue;
    host.assert(setup, `auth.${field}`, value);
    // passwords, secrets and keys are redacted from here on; user names and tenant ids are no secret
    if (facts.secret.includes(field)) host.secret(value);
  }
  const server = host.loginServer;
  const call: LoginCall = (operation, params, headers) => {
    const op = facts.operations[operation]!;
    return host.perform(operation, params, headers && { headers }, server ? { ...op, server } : op);
  };
  const token = (value: string) => header(setup, facts.scheme, value);
  /** The OpstatusAuthError of a log-in the vendor refused (401, 403), or of an answer that carries no token. */
  const refused = (scope: ErrorScope, error: unknown, response?: Response) =>
    (error as { status?: number })?.status === 401 || (error as { status?: number })?.status === 403
      ? new host.OpstatusAuthError({
          ...(error as ApiErrorDetails<unknown>),
          ...scope,
          reason: "the log-in was refused",
        })
      : response &&
        // (without the answer's headers: they may hold what the answer calls its token)
        new host.OpstatusAuthError({ ...scope, status: response.status, reason: "the answer carries no token" });
  // an optional field left out is what the vendor's own example sends (Primavera's tokenExpiry=3600)
  const credentials = { ...facts.defaults, ...auth };
  let current: Promise<Held> | undefined;
  let held: Held | undefined;
  let closing: Promise<void> | undefined;
  /** Logs in, or refreshes `previous` while it is still valid, and reads the token and its expiry from the answer. */
  async function obtain(previous?: Held): Promise<Held> {
    const step = previous && facts.refresh && Date.now() < previous.expiresAt ? facts.refresh : facts;
    const scope = { provider, operation: step.operation };
    let answer: { data: unknown; response: Response };
    try {
      answer = await call(
        step.operation,
        fill(step.params ?? {}, { ...credentials, token: previous?.token }),
        step === facts ? undefined : Object.fromEntries([token(previous!.token)]),
      );
    } catch (error) {
      if (step !== facts) return obtain();
      throw refused(scope, error) ?? error;
    }
    const { data, response } = answer;
    const [where, name = ""] = facts.token.split(/:(.*)/);
    const found = where === "header" ? response.headers.get(name) : name ? at(data, name) : data;
    // a raw token (Primavera's text answer) may come with a line break
    const value = typeof found === "string" ? found.trim() : found;
    if (typeof value !== "string" || !value) throw refused(scope, undefined, response)!;
    token(value);
    // Stryker disable next-line StringLiteral: every expiry has a path after its colon, and with no expiry (or the placeholder as one) no lifetime is read either: NaN, the token is kept until refused
    const [kind, path = ""] = (facts.expiry ?? "").split(":");
    const now = Date.now();
    const said = kind === "ask" ? credentials[path] : at(data, path);
    const lifetime = kind === "at" ? Date.parse(String(said)) - now : kind ? Number(said) * 1000 : Number.NaN;
    const expiresAt = lifetime > 0 ? now + lifetime : Number.POSITIVE_INFINITY;
    // renew a tenth of the lifetime (at most a minute) early, so that no request goes out with an expired token
    held = { token: value, expiresAt, renewAt: expiresAt - Math.min(60_000, lifetime / 10 || 0) };
    return held;
  }

  const start = (previous?: Held) => {
    const pending = obtain(previous);
    current = pending;
    pending.catch(() => {
      // Stryker disable next-line ConditionalExpression: no other log-in starts while this one is pending (every caller waits on it), so the one that failed is always the current one
      if (current === pending) current = undefined;
    });
    return pending;
  };

  async function live() {
    if (closing) throw new host.OpstatusRequestError({ ...setup, message: "the client is closed" });
    const pending = current ?? start();
    const got = await pending;
    if (Date.now() < got.renewAt) return got.token;
    return (await (current === pending ? start(got) : current!)).token;
  }

  return {
    async send(scope, scheme, request) {
      const key = (scheme && schemes[scheme]![1]) || "Authorization";
      // Stryker disable next-line ConditionalExpression: the spare copy is used only after a 401 to the session's token, which only a request with the token's scheme carries
      let spare = scheme === facts.scheme ? request.clone() : undefined;
      for (;;) {
        let used: string | undefined;
        if (scheme && !request.headers.has(key)) {
          if (scheme === facts.scheme) used = await live();
          request.headers.set(...header(scope, scheme, used ?? { username: auth.username, password: auth.password }));
        }
        const response = await host.fetch(request);
        if (response.status !== 401 || !spare || !used) return response;
        // the vendor refused the token (expired, idled out): forget it, log in again once, re-send once
        if (held?.token === used) current = held = undefined;
        [request, spare] = [spare, undefined];
      }
    },
    close() {
      closing ??= (async () => {
        const pending = current;
        current = undefined;
        const last = pending && (await pending.catch(() => undefined));
        if (last && facts.logout)
          await call(
            facts.logout.operation,
            fill(facts.logout.params ?? {}, { ...credentials, token: last.token }),
            Object.fromEntries([token(last.token)]),
          );
      })();
      return closing;
    },
  };
}
