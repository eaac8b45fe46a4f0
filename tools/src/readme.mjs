// Each provider package's README, from its manifest and spec: the usage block, the credentials, the client, the
// waiter and its status table. One template for every provider, so that learning one README teaches all of them.
import { relative } from "node:path";
import { generatedNotice } from "./files.mjs";
import { envName } from "./manifest.mjs";
import { exampleArguments, targetExample } from "./samples.mjs";
import { repoRoot } from "./workspace.mjs";

/** @typedef {import("./workspace.mjs").Provider} Provider */

/**
 * `auth` in the usage block: the log-in fields from the environment where the vendor has a log-in, else the first
 * ready credential.
 * @param {import("./manifest.mjs").Manifest} m
 */
function authExample(m) {
  const login = m.auth.login;
  if (login)
    return `{ ${Object.entries(login.fields)
      .filter(([, f]) => !f.optional)
      .map(([name]) => `${name}: process.env.${envName(name)}!`)
      .join(", ")} }`;
  const [kind, form] = /** @type {[string, import("./manifest.mjs").AuthForm]} */ (Object.entries(m.auth.forms)[0]);
  return form.type === "basic"
    ? `{ ${kind}: { username: process.env.OPSTATUS_USERNAME!, password: process.env.OPSTATUS_PASSWORD! } }`
    : `{ ${kind}: process.env.OPSTATUS_TOKEN! }`;
}

/** @param {unknown} value */
const code = (value) => JSON.stringify(value);
/** @param {string} text */
const cell = (text) => text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();

/**
 * The credentials: the log-in first, then the ready credentials, then what every credential shares.
 * @param {import("./manifest.mjs").Manifest} m
 */
function authSection(m) {
  const login = m.auth.login;
  const shape = (/** @type {string} */ kind, /** @type {import("./manifest.mjs").AuthForm} */ form) =>
    form.type === "basic" ? `\`{ ${kind}: { username, password } }\`` : `\`{ ${kind} }\``;
  const lines = [];
  if (login) {
    lines.push(
      `**Log in** with \`{ ${Object.entries(login.fields)
        .map(([name, f]) => `${name}${f.optional ? "?" : ""}`)
        .join(", ")} }\`: ${login.summary}.`,
      "",
      ...Object.entries(login.fields).map(
        ([name, f]) => `- \`${name}\`${f.optional ? " (optional)" : ""}: ${f.description}`,
      ),
      "",
      "The client logs in once for all concurrent calls, renews the token before the vendor says it expires, and after a",
      "401 logs in again once and re-sends the call once (a wait goes on through an expired session). A log-in the",
      "vendor refuses throws `OpstatusAuthError` at once, without retries. `await client.close()` (or `await using`)",
      `ends the client${login.logout ? " and logs the session out, once" : ""}; later calls fail with \`OpstatusRequestError\`.`,
      "",
      "Or pass a ready credential:",
      "",
    );
  } else lines.push("No log-in operation is published for this API: pass a ready credential.", "");
  lines.push(...Object.entries(m.auth.forms).map(([kind, form]) => `- ${shape(kind, form)}: ${form.summary}.`));
  lines.push(
    "",
    "A ready credential is either a string or a function that returns one (sync or async); the function is called before",
    "every request, so it can cache and refresh. Credentials containing CR, LF or NUL are refused before anything is",
    "sent; no password, token, session id or Basic value ever appears in an error message, a progress event or a",
    "resume token. Credentials are never sent over plain `http:` to a host other than loopback unless you pass",
    "`allowInsecureHttp: true`; for a server with a private CA, pass `fetch: createTlsFetch({ ca })` from",
    "`@opstatus/core/node`.",
  );
  return lines.join("\n");
}

/**
 * @param {Provider} p
 * @returns {string}
 */
export function providerReadme(p) {
  const { doc, manifest: m, waiterOperation: polled, waiterMethod: method } = p;
  // the usage block shows the path parameters and leaves optional query filters out
  const args = exampleArguments(p, method.operationId).filter((a) => typeof a === "string");
  const id = code(targetExample(p));
  // the openapi-fetch example calls the polled operation's path with the same path values
  const literalPath = code(polled.path);
  const pathNames = polled.pathParameters;
  const pathInit = pathNames.length
    ? `, { params: { path: { ${pathNames.map((name, i) => `${name}: ${code(args[i])}`).join(", ")} } } }`
    : "";
  const target = m.waiter.target.object ? `{ ${m.waiter.target.name}: ${id} }` : id;
  const variables = Object.entries(doc.servers?.[0]?.variables ?? {});
  const server = variables.length
    ? `serverVariables: { ${variables.map(([name, v]) => `${name}: ${code(String(v.default))}`).join(", ")} }, `
    : "";

  const byState = new Map();
  for (const [status, state] of Object.entries(m.waiter.states))
    byState.set(state, [...(byState.get(state) ?? []), status]);
  const rows = [...byState.entries()].map(([state, statuses]) => {
    const notes = statuses.flatMap((/** @type {string} */ s) =>
      m.waiter.notes[s] ? [`${s}: ${m.waiter.notes[s]}`] : [],
    );
    const reason =
      (state === "failed" || state === "canceled") && m.waiter.reason ? ` (reason: \`${m.waiter.reason}\`)` : "";
    return `| ${statuses.join(", ")} | ${state}${reason} | ${cell(notes.join("; "))} |`;
  });
  for (const [status, note] of Object.entries(m.waiter.notes))
    if (!(status in m.waiter.states)) rows.push(`| ${status} | ${cell(note)} | |`);

  const methods = m.methods.map((x) => {
    const o = p.operation(x.operationId);
    const returns = x.handWritten ? `\`${x.handWritten.returns}\` (${x.handWritten.why})` : "the vendor's typed body";
    return `- \`${x.name}()\`: \`${o.method.toUpperCase()} ${o.path}\`, ${o.op.summary}. Returns ${returns}.`;
  });

  return `# ${m.package}

Typed client and waiter for **${m.product} — ${polled.op.summary}** (${m.vendor}), generated from an OpenAPI 3.1
transcription of [the vendor's documentation](${doc.externalDocs.url}).

\`\`\`ts
import { ${m.client.factory}, ${m.waiter.name} } from "${m.package}";

${m.auth.login ? "await using " : "const "}client = ${m.client.factory}({ ${server}auth: ${authExample(m)} });
console.log(await client.${method.name}(${args.map(code).join(", ")}));
const done = await ${m.waiter.name}(client, ${target}, { timeout: 15 * 60_000 });
console.log(done.state, done.vendorStatus);
\`\`\`

## Install

\`\`\`sh
npm install ${m.package}
\`\`\`

ESM and CommonJS, with type declarations; Node 20 or later (or any runtime with \`fetch\`). The only run-time
dependency besides \`@opstatus/core\` is \`openapi-fetch\`, which a bundler includes only if you call
\`${m.client.api}\` (see below). The same code is also reachable as \`opstatus/${p.name}\`.

## Auth

${authSection(m)}

## Client

\`${m.client.factory}(options)\` takes:

| option | meaning |
| --- | --- |
| \`auth\` | see above |
| \`baseUrl\` | full base URL; otherwise built from the spec's server template |
| \`serverVariables\` | the spec's server variables (${variables.map(([name]) => `\`${name}\``).join(", ") || "none"}; defaults from the spec) |
| \`fetch\` | your own \`fetch(request)\`: proxies, custom TLS, tests |
| \`headers\` | headers sent with every request |
| \`allowInsecureHttp\` | allow credentials over plain \`http:\` to a host that is not loopback (off) |${
    p.loginServer
      ? `\n| \`${p.loginServer.option}\` | the URL of the log-in's server (\`${p.loginServer.server.url}\`) |${Object.entries(
          p.loginServer.variableOptions,
        )
          .map(
            ([variable, option]) =>
              `\n| \`${option}\` | the \`${variable}\` of the log-in's server; without it, the one the API's endpoint or \`serverVariables\` name (none: the client is not made) |`,
          )
          .join("")}`
      : ""
  }

It returns \`{ baseUrl, ${m.methods.map((x) => `${x.name}()`).join(", ")}, fetch(), close() }\`:

${methods.join("\n")}

Every method throws \`${m.client.error}\` (a subclass of \`OpstatusApiError\`) on an error status, with \`status\`, \`body\`
(parsed, typed), \`rawBody\` (exactly as received, also for HTML or truncated bodies), \`provider\` and \`operation\`.
Network failures throw \`OpstatusNetworkError\`; rejected input (an empty id, \`..\`, CR/LF) throws
\`OpstatusRequestError\`. Path parameters are percent-encoded. \`fetch(request)\` sends any request to the base URL's
origin with the client's credential and headers (another origin, or a closed client, gets \`OpstatusRequestError\` and
nothing is sent; a failed connection throws \`OpstatusNetworkError\`).

For the rest of the spec, \`${m.client.api}(client)\` gives the typed [openapi-fetch](https://openapi-ts.dev/openapi-fetch/)
client, sending through \`client.fetch\`; the generated \`paths\`, \`components\` and \`operations\` types are exported
too:

\`\`\`ts
import { ${m.client.api} } from "${m.package}";

const api = ${m.client.api}(client);
const { data, error, response } = await api.GET(${literalPath}${pathInit});
\`\`\`

## Waiter

\`${m.waiter.name}(client, ${m.waiter.target.object ? `{ ${[m.waiter.target.name, ...Object.keys(m.waiter.target.alternatives ?? {})].join(" | ")} }` : m.waiter.target.name}, options)\`: ${m.waiter.summary}

It resolves with \`{ state, vendorStatus, body, reason?, attempts, elapsedMs, history }\` on success and rejects with
\`OpstatusOperationFailedError\` (its \`result\` holds the same) on failure, \`OpstatusTimeoutError\` at the deadline,
\`OpstatusUnknownStatusError\` on a status the mapping does not know (unless \`unknownStatus: "wait"\`), or with the
error that ended it. Retried within the deadline: no answer (refused or reset connections, DNS, TLS, a request past
its time limit), HTTP 408, 425, 429 and 5xx, and a 2xx whose body cannot be read. Every other error ends the wait at
once: 400, 401, 403, 404 and any other 4xx, and input refused before sending.

Options: \`timeout\` (default 10 min; one last poll happens at the deadline), \`minDelay\` (1 s), \`maxDelay\` (30 s),
\`initialDelay\`, \`signal\` (abort), \`onProgress\` (status transitions), \`onCheckpoint\` (a resume token after every
poll), \`resume\` (continue from such a token in another process), \`unknownStatus\`, \`unref\`. Delays grow
exponentially from \`minDelay\` to \`maxDelay\`, each drawn at random between \`minDelay\` and the current cap;
\`Retry-After\` is a floor under the next delay.

The status mapping is data, exported as \`${m.waiter.table}\`${m.waiter.ignoreCase ? " (letter case is ignored)" : ""}:

| vendor status | canonical state | note |
| --- | --- | --- |
${rows.join("\n")}
| anything else | unknown → \`unknownStatus\` policy | |

## License

MIT. The vendor's API itself is proprietary; this package only describes and calls it.

${generatedNotice(`the x-opstatus manifest of ${relative(repoRoot, p.specPath)}`, "markdown")}
`;
}
