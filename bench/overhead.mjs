#!/usr/bin/env node
// `pnpm bench [-- --n 3000 --rounds 5]`: the cost of a status call through opstatus against raw fetch, plain
// openapi-fetch and axios, on a loopback server this script starts. Every variant is warmed up, then the variants
// run interleaved (in a new random order) over several rounds; the table gives the median µs per call.
import { createServer } from "node:http";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import axios from "axios";
import createClient from "openapi-fetch";
import { exampleArguments, sampleAuth } from "@opstatus/tools/samples";
import { providers } from "@opstatus/tools/workspace";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "3000" },
    rounds: { type: "string", default: "5" },
    inflight: { type: "string", default: "100" },
  },
});
const N = Number(values.n);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = Number(values.inflight);

// One JSON answer per status operation: the first example of its 200 answer in the spec (from the manifests).
const statusOps = providers().map((p) => {
  const { waiterOperation: op, waiterMethod: method } = p;
  const body = p.example(p.deref(op.op.responses["200"]).content["application/json"]);
  const args = exampleArguments(p, op.operationId);
  const url = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(args.shift())));
  return { p, op, body, method, url };
});
const bodies = Object.fromEntries(statusOps.map((s) => [s.url, s.body]));
const encoded = Object.fromEntries(
  Object.entries(bodies).map(([path, body]) => [path, Buffer.from(JSON.stringify(body))]),
);
const server = createServer((req, res) => {
  const body = encoded[req.url.split("?")[0]];
  res.writeHead(body ? 200 : 404, { "content-type": "application/json", "content-length": body ? body.length : 0 });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

// the status call of every provider, through its named method and through its openapi-fetch client, both from the manifests
const clients = Object.fromEntries(
  await Promise.all(
    statusOps.map(async ({ p }) => {
      const module = await import(p.manifest.package);
      const client = module[p.manifest.client.factory]({ baseUrl, auth: sampleAuth(p.manifest) });
      return [p.name, { client, api: module[p.manifest.client.api](client) }];
    }),
  ),
);
const plain = createClient({ baseUrl, headers: { "vmware-api-session-id": "session" } });
const http = axios.create({ baseURL: baseUrl, headers: { "vmware-api-session-id": "session" } });
const vmPath = "/api/vcenter/vm/{vm}/guest/customization";

const variants = {
  "raw fetch + json()": async () =>
    (
      await fetch(`${baseUrl}/api/vcenter/vm/vm-42/guest/customization`, {
        headers: { "vmware-api-session-id": "session" },
      })
    ).json(),
  "openapi-fetch (plain)": async () => (await plain.GET(vmPath, { params: { path: { vm: "vm-42" } } })).data,
  axios: async () => (await http.get("/api/vcenter/vm/vm-42/guest/customization")).data,
};
for (const { p, op, method } of statusOps) {
  const { client, api } = clients[p.name];
  const args = exampleArguments(p, op.operationId);
  const names = op.pathParameters;
  const path = Object.fromEntries(names.map((n, i) => [n, args[i]]));
  variants[`${p.name} ${method.name}()`] = () => client[method.name](...args);
  variants[`${p.name} api.GET()`] = async () =>
    (await api.GET(op.path, { params: { path, query: args[names.length] } })).data;
}

async function sequential(call, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call();
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

async function concurrent(call, n, inFlight) {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, n) }, async () => {
      while (next++ < n) await call();
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const shuffle = (xs) =>
  xs
    .map((x) => [Math.random(), x])
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

for (const [name, call] of Object.entries(variants)) {
  const body = await call();
  if (!body || typeof body !== "object") throw new Error(`${name} returned no body`);
  await sequential(call, 300);
  await concurrent(call, 300, IN_FLIGHT);
}

const seq = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const conc = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of shuffle(Object.keys(variants))) {
    seq[name].push(await sequential(variants[name], N));
    conc[name].push(await concurrent(variants[name], N, IN_FLIGHT));
  }
}
server.close();
http.defaults.httpAgent?.destroy?.();

// The same calls with an in-process fetch (no socket, no server): what each layer itself costs per call.
const answer = encoded["/api/vcenter/vm/vm-42/guest/customization"];
const inProcessFetch = async () =>
  new Response(answer, { status: 200, headers: { "content-type": "application/json" } });
const local = {
  "raw fetch + json()": async () =>
    (await inProcessFetch(new Request(`${baseUrl}/api/vcenter/vm/vm-42/guest/customization`))).json(),
  "openapi-fetch (plain)": async () =>
    (await createClient({ baseUrl, fetch: inProcessFetch }).GET(vmPath, { params: { path: { vm: "vm-42" } } })).data,
  "vmware-vsphere getCustomization()": () => localVsphere.getCustomization("vm-42"),
  "vmware-vsphere api.GET()": async () => (await localApi.GET(vmPath, { params: { path: { vm: "vm-42" } } })).data,
};
const { createVsphereClient, createVsphereApi } = await import("@opstatus/vmware-vsphere");
const localVsphere = createVsphereClient({ baseUrl, fetch: inProcessFetch, auth: { apiKey: "session" } });
const localApi = createVsphereApi(localVsphere);
const localSeq = Object.fromEntries(Object.keys(local).map((k) => [k, []]));
for (const call of Object.values(local)) await sequential(call, 2000);
for (let round = 0; round < ROUNDS; round++)
  for (const name of shuffle(Object.keys(local))) localSeq[name].push(await sequential(local[name], N * 5));

const base = { seq: median(seq["raw fetch + json()"]), conc: median(conc["raw fetch + json()"]) };
console.log(`# Call overhead — ${new Date().toISOString()}`);
console.log(
  `${cpus()[0].model}, ${cpus().length} cores, Node ${process.version}; N=${N} calls per variant and round, ${ROUNDS} rounds, concurrent = ${IN_FLIGHT} in flight\n`,
);
console.log("| variant | sequential µs/call (median) | × raw fetch | concurrent µs/call (median) | × raw fetch |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const name of Object.keys(variants)) {
  const s = median(seq[name]);
  const c = median(conc[name]);
  console.log(
    `| ${name} | ${s.toFixed(1)} | ${(s / base.seq).toFixed(2)} | ${c.toFixed(1)} | ${(c / base.conc).toFixed(2)} |`,
  );
}

const localBase = median(localSeq["raw fetch + json()"]);
console.log(
  `\nIn-process fetch (no network; ${N * 5} sequential calls per variant and round), the client layers' own cost:\n`,
);
console.log("| variant | µs/call (median) | added over raw µs |\n| --- | ---: | ---: |");
for (const name of Object.keys(local)) {
  const m = median(localSeq[name]);
  console.log(`| ${name} | ${m.toFixed(1)} | ${(m - localBase).toFixed(1)} |`);
}
process.exit(0);
