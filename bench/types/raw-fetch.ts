// Type-check cost benchmark, baseline: the same program as all-clients.ts, written the way a user without opstatus
// would: the global fetch, minimal hand-written interfaces, a small polling loop per provider. Never executed.

// --- minimal response bodies ------------------------------------------------------------------------------------
interface CcRequestStatus {
  id?: string;
  operation?: string;
  creationTime?: string;
  status?: string;
  message?: string;
  report?: Record<string, unknown> | Record<string, unknown>[];
}
interface CcError {
  traceId?: string;
  errorDetails?: { errorCode?: string; message?: string }[];
}

interface EclOperation {
  id?: string;
  resource_id?: string;
  request_type?: string;
  status?: string;
  reception_datetime?: string;
  commit_datetime?: string;
  warning?: string;
  error?: string;
}
interface EclOperationList {
  operations?: EclOperation[];
}
interface EclError {
  cause?: string;
  message?: string;
  fault?: { faultstring?: string };
}

interface OigRequest {
  id?: string;
  reqType?: string;
  reqStatus?: string;
  reqCreatedOn?: string;
  reqTargetEntities?: { entityName?: string; entityType?: string }[];
  requestTaskDetails?: { title?: string }[];
  history?: { currentApprovers?: { stage?: string; status?: string }[] };
}

type VmCustomizationStatus = "IDLE" | "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED";
interface VmCustomizationInfo {
  status: VmCustomizationStatus;
  error?: string;
  start_time?: string;
  end_time?: string;
}
interface VsphereError {
  error_type?: string;
  messages: { id: string; default_message: string }[];
}

interface P6User {
  id?: string;
  loginId?: string;
  organization?: { name?: string };
}
interface P6UserDataStore {
  added?: P6User[];
  modified?: P6User[];
  deleteFailed?: P6User[];
  exception?: string;
}

// --- shared helpers -----------------------------------------------------------------------------------------------
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly rawBody: string,
  ) {
    super(`HTTP ${status}`);
  }
}

function env(name: string): string {
  return process.env[name] ?? "";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function getJson<T>(url: string, headers: Record<string, string>): Promise<{ body: T; response: Response }> {
  const response = await fetch(url, { headers: { accept: "application/json", ...headers } });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new HttpError(response.status, body, text);
  return { body: body as T, response };
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

// --- VMware Customer Connect -----------------------------------------------------------------------------------
async function customerConnect(requestId: string): Promise<void> {
  const url = `https://apigw.vmware.com/v1/m4/api/myvmware/external/requests/${encodeURIComponent(requestId)}/status`;
  const headers = { authorization: `Bearer ${env("CC_TOKEN")}` };
  try {
    const { body: status } = await getJson<CcRequestStatus>(url, headers);
    console.log(status.id, status.status, status.operation, status.creationTime);

    const deadline = Date.now() + 120_000;
    let done: CcRequestStatus;
    for (let attempt = 1; ; attempt++) {
      const { body } = await getJson<CcRequestStatus>(url, headers);
      const s = (body.status ?? "").toUpperCase();
      console.log(attempt, s, body.message);
      if (s === "COMPLETED") {
        done = body;
        break;
      }
      if (s === "FAILED" || s === "CANCELLED" || s === "CANCELED") throw new Error(`request ${s}: ${body.message}`);
      if (Date.now() > deadline) throw new Error("timed out");
      await sleep(Math.min(30_000, 1_000 * 2 ** attempt));
    }
    const report = done.report;
    console.log(done.status, Array.isArray(report) ? report.length : report);

    const res = await fetch(url, { headers });
    if (!res.ok) console.log(((await res.json()) as CcError).errorDetails?.[0]?.errorCode, res.status);
    else console.log(((await res.json()) as CcRequestStatus).status);
  } catch (error) {
    if (error instanceof HttpError) {
      const body = error.body as CcError | undefined;
      console.log(error.status, body?.traceId, body?.errorDetails?.map((d) => d.message).join("; "), error.rawBody);
    } else throw error;
  }
}

// --- NTT Enterprise Cloud 2.0 (VNA operations) ------------------------------------------------------------------
async function enterpriseCloud(resourceId: string): Promise<void> {
  const base = "https://vnf-manager-jp1-ecl.api.ntt.com/v1.0/operations";
  const headers = { "x-auth-token": env("ECL_TOKEN") };
  const query = new URLSearchParams({ resource_id: resourceId, latest: "true" });
  try {
    const { body: list } = await getJson<EclOperationList>(`${base}?${query}`, headers);
    for (const op of list.operations ?? []) {
      console.log(op.id, op.status, op.request_type, op.reception_datetime, op.error);
    }

    const deadline = Date.now() + 1_800_000;
    let latest: EclOperation | undefined;
    for (let attempt = 1; ; attempt++) {
      const { body } = await getJson<EclOperationList>(`${base}?${query}`, headers);
      latest = body.operations?.find((op) => op.resource_id === resourceId);
      const s = (latest?.status ?? "").toUpperCase();
      if (s === "COMPLETE") break;
      if (s === "ERROR" || s === "STUCK") throw new Error(`operation ${latest?.id} ${s}: ${latest?.error}`);
      if (Date.now() > deadline) throw new Error("timed out");
      await sleep(Math.min(30_000, 1_000 * 2 ** attempt));
    }
    console.log(latest?.status, latest?.commit_datetime, latest?.warning);

    const res = await fetch(`${base}?${new URLSearchParams({ resource_id: resourceId, no_deleted: "true" })}`, {
      headers,
    });
    if (!res.ok) {
      const err = (await res.json()) as EclError;
      console.log(err.cause ?? err.message ?? err.fault?.faultstring);
    } else console.log(((await res.json()) as EclOperationList).operations?.length);
  } catch (error) {
    if (error instanceof HttpError) {
      const body = error.body as EclError | undefined;
      console.log(error.status, body?.cause, body?.fault?.faultstring);
    } else throw error;
  }
}

// --- Oracle Identity Governance -----------------------------------------------------------------------------------
async function identityGovernance(reqId: string): Promise<void> {
  const url = `https://oig.example.internal:14101/iam/governance/selfservice/api/v1/requests/${encodeURIComponent(reqId)}`;
  const headers = { authorization: basic("xelsysadm", env("OIG_PASSWORD")) };
  try {
    const { body: request } = await getJson<OigRequest>(`${url}?fields=reqType,reqStatus`, headers);
    console.log(request.id, request.reqType, request.reqStatus, request.reqCreatedOn);
    for (const target of request.reqTargetEntities ?? []) console.log(target.entityName, target.entityType);

    const deadline = Date.now() + 3_600_000;
    let done: OigRequest;
    for (let attempt = 1; ; attempt++) {
      const { body } = await getJson<OigRequest>(url, headers);
      if (body.reqStatus === "Request Completed") {
        done = body;
        break;
      }
      if (
        ["Request Rejected", "Request Failed", "Request Withdrawn", "Request Closed"].includes(body.reqStatus ?? "")
      ) {
        throw new Error(`request ${reqId}: ${body.reqStatus}`);
      }
      if (Date.now() > deadline) throw new Error("timed out");
      await sleep(Math.min(60_000, 1_000 * 2 ** attempt));
    }
    console.log(done.reqStatus, done.history?.currentApprovers?.[0]?.stage, done.requestTaskDetails?.length);

    const res = await fetch(`${url}?fields=reqStatus`, { headers });
    if (res.ok) console.log(((await res.json()) as OigRequest).reqStatus, res.headers.get("ResponseTime"));
    else console.log(await res.json());
  } catch (error) {
    if (error instanceof HttpError) console.log(error.status, error.body);
    else throw error;
  }
}

// --- VMware vSphere Automation API (guest customization) ------------------------------------------------------------
async function vsphere(vm: string): Promise<void> {
  const url = `https://vcenter.example.internal/api/vcenter/vm/${encodeURIComponent(vm)}/guest/customization`;
  const headers = { "vmware-api-session-id": env("VSPHERE_SESSION") };
  try {
    const { body: info } = await getJson<VmCustomizationInfo>(url, headers);
    const status: VmCustomizationStatus = info.status;
    console.log(status, info.start_time, info.error);

    const deadline = Date.now() + 900_000;
    let done: VmCustomizationInfo;
    for (let attempt = 1; ; attempt++) {
      const { body } = await getJson<VmCustomizationInfo>(url, headers);
      if (body.status === "SUCCEEDED") {
        done = body;
        break;
      }
      if (body.status === "FAILED") throw new Error(`customization of ${vm} failed: ${body.error}`);
      if (Date.now() > deadline) throw new Error("timed out");
      await sleep(Math.min(30_000, 1_000 * 2 ** attempt));
    }
    console.log(done.status, done.end_time);

    const res = await fetch(url, { headers });
    if (!res.ok) {
      const err = (await res.json()) as VsphereError;
      console.log(err.error_type, err.messages[0]?.default_message);
    } else {
      const data = (await res.json()) as VmCustomizationInfo;
      console.log(data.status, data.end_time);
    }
  } catch (error) {
    if (error instanceof HttpError) {
      const body = error.body as VsphereError | undefined;
      console.log(error.status, body?.error_type, body?.messages.map((m) => m.default_message).join("; "));
    } else throw error;
  }
}

// --- Oracle Primavera Administration (user job status) ------------------------------------------------------------
async function primavera(jobId: string): Promise<void> {
  const url = `https://primavera.example.internal/cloudapi/restapi/user/status/${encodeURIComponent(jobId)}`;
  const headers = { authorization: basic("admin", env("P6_PASSWORD")) };
  try {
    const first = await getJson<P6UserDataStore | undefined>(url, headers);
    console.log(first.response.status, first.response.headers.get("location"), first.body?.added?.length);

    const deadline = Date.now() + 600_000;
    let done: P6UserDataStore;
    for (let attempt = 1; ; attempt++) {
      const { body, response } = await getJson<P6UserDataStore | undefined>(url, headers);
      if (response.status !== 202) {
        done = body ?? {};
        break;
      }
      if (Date.now() > deadline) throw new Error("timed out");
      const retryAfter = Number(response.headers.get("retry-after") ?? 0) * 1_000;
      await sleep(Math.max(retryAfter, Math.min(30_000, 1_000 * 2 ** attempt)));
    }
    if (done.exception) throw new Error(`job ${jobId} failed: ${done.exception}`);
    console.log(
      done.added?.map((u) => u.loginId),
      done.deleteFailed?.[0]?.organization?.name,
    );

    const res = await fetch(url, { headers });
    if (res.ok) {
      const data = (await res.json()) as P6UserDataStore;
      console.log(data.exception, data.modified?.length, res.headers.get("Location"));
    } else console.log(await res.text());
  } catch (error) {
    if (error instanceof HttpError) console.log(error.status, error.body, error.rawBody);
    else throw error;
  }
}

await customerConnect("1uy14hzktpz7n7a9h");
await enterpriseCloud("a80c1728-cc0c-11e6-8080-525400060300");
await identityGovernance("2029");
await vsphere("vm-42");
await primavera("12345");
