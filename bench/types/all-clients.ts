// Type-check cost benchmark, opstatus side: the five clients and their waiters used the way a user would
// (see each package's README.md). Never executed; only type-checked by types/run.mjs.
import {
  createCustomerConnectClient,
  createCustomerConnectApi,
  CustomerConnectApiError,
  waitForRequest as waitForCcRequest,
} from "@opstatus/vmware-customer-connect";
import {
  createEnterpriseCloudClient,
  createEnterpriseCloudApi,
  EnterpriseCloudApiError,
  waitForOperation,
} from "@opstatus/ntt-enterprise-cloud";
import {
  createIdentityGovernanceClient,
  createIdentityGovernanceApi,
  IdentityGovernanceApiError,
  waitForRequest as waitForOigRequest,
} from "@opstatus/oracle-identity-governance";
import { createVsphereClient, createVsphereApi, VsphereApiError, waitForCustomization } from "@opstatus/vmware-vsphere";
import {
  createPrimaveraClient,
  createPrimaveraApi,
  PrimaveraApiError,
  waitForJob,
} from "@opstatus/oracle-primavera-admin";
import { OpstatusOperationFailedError, OpstatusTimeoutError } from "@opstatus/core";

function env(name: string): string {
  return process.env[name] ?? "";
}

// --- VMware Customer Connect -----------------------------------------------------------------------------------
async function customerConnect(requestId: string): Promise<void> {
  const client = createCustomerConnectClient({ auth: { bearer: () => env("CC_TOKEN") } });
  try {
    const status = await client.getRequestStatus(requestId);
    console.log(status.id, status.status, status.operation, status.creationTime);

    const done = await waitForCcRequest(client, requestId, {
      timeout: 120_000,
      onProgress: (event) => console.log(event.attempt, event.vendorStatus, event.body.message),
    });
    const report = done.body.report;
    console.log(
      done.state,
      done.vendorStatus,
      done.attempts,
      done.elapsedMs,
      Array.isArray(report) ? report.length : report,
    );

    const raw = await createCustomerConnectApi(client).GET("/v1/m4/api/myvmware/external/requests/{requestId}/status", {
      params: { path: { requestId } },
    });
    if (raw.error) console.log(raw.error.errorDetails?.[0]?.errorCode, raw.response.status);
    else console.log(raw.data.status);
  } catch (error) {
    if (error instanceof CustomerConnectApiError) {
      console.log(
        error.status,
        error.body?.traceId,
        error.body?.errorDetails?.map((d) => d.message).join("; "),
        error.rawBody,
      );
    } else if (error instanceof OpstatusOperationFailedError) {
      console.log(error.result.reason, error.result.history.length);
    } else if (error instanceof OpstatusTimeoutError) {
      console.log(error.lastStatus, error.history.length);
    } else throw error;
  }
}

// --- NTT Enterprise Cloud 2.0 (VNA operations) ------------------------------------------------------------------
async function enterpriseCloud(resourceId: string): Promise<void> {
  const client = createEnterpriseCloudClient({ serverVariables: { region: "jp1" }, auth: { token: env("ECL_TOKEN") } });
  try {
    const list = await client.listOperations({ resource_id: resourceId, latest: true });
    for (const op of list.operations ?? []) {
      console.log(op.id, op.status, op.request_type, op.reception_datetime, op.error);
    }

    const done = await waitForOperation(client, { resourceId }, { timeout: 1_800_000 });
    const latest = done.body.operations?.[0];
    console.log(done.state, done.vendorStatus, latest?.commit_datetime, latest?.warning);

    const raw = await createEnterpriseCloudApi(client).GET("/v1.0/operations", {
      params: { query: { resource_id: resourceId, no_deleted: true } },
    });
    if (raw.error) console.log(raw.error.cause ?? raw.error.message ?? raw.error.fault?.faultstring);
    else console.log(raw.data.operations?.length);
  } catch (error) {
    if (error instanceof EnterpriseCloudApiError) {
      console.log(error.status, error.body?.cause, error.body?.fault?.faultstring, error.vendorMessage);
    } else if (error instanceof OpstatusOperationFailedError) {
      console.log(error.result.reason);
    } else throw error;
  }
}

// --- Oracle Identity Governance -----------------------------------------------------------------------------------
async function identityGovernance(reqId: string): Promise<void> {
  const client = createIdentityGovernanceClient({
    serverVariables: { scheme: "https", host: "oig.example.internal", port: "14101" },
    auth: { basic: { username: "xelsysadm", password: env("OIG_PASSWORD") } },
  });
  try {
    const request = await client.getRequest(reqId, { fields: ["reqType", "reqStatus"] });
    console.log(request.id, request.reqType, request.reqStatus, request.reqCreatedOn);
    for (const target of request.reqTargetEntities ?? []) console.log(target.entityName, target.entityType);

    const done = await waitForOigRequest(client, reqId, { timeout: 3_600_000, maxDelay: 60_000 });
    console.log(
      done.state,
      done.vendorStatus,
      done.body.history?.currentApprovers?.[0]?.stage,
      done.body.requestTaskDetails?.length,
    );

    const raw = await createIdentityGovernanceApi(client).GET("/iam/governance/selfservice/api/v1/requests/{reqid}", {
      params: { path: { reqid: reqId }, query: { fields: "reqStatus" } },
    });
    if (raw.data) console.log(raw.data.reqStatus, raw.response.headers.get("ResponseTime"));
    else console.log(raw.error);
  } catch (error) {
    if (error instanceof IdentityGovernanceApiError) {
      console.log(error.status, error.body, error.vendorMessage);
    } else if (error instanceof OpstatusTimeoutError) {
      console.log(error.lastStatus);
    } else throw error;
  }
}

// --- VMware vSphere Automation API (guest customization) ------------------------------------------------------------
async function vsphere(vm: string): Promise<void> {
  const client = createVsphereClient({
    serverVariables: { api_host: "vcenter.example.internal" },
    auth: { apiKey: env("VSPHERE_SESSION") },
  });
  try {
    const info = await client.getCustomization(vm);
    const status: "IDLE" | "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" = info.status;
    console.log(status, info.start_time, info.error);

    const done = await waitForCustomization(client, vm, { timeout: 900_000, unknownStatus: "wait" });
    console.log(done.state, done.body.status, done.body.end_time, done.reason);

    const raw = await createVsphereApi(client).GET("/api/vcenter/vm/{vm}/guest/customization", {
      params: { path: { vm } },
    });
    if (raw.error) console.log(raw.error.error_type, raw.error.messages[0]?.default_message);
    else console.log(raw.data.status, raw.data.end_time);
  } catch (error) {
    if (error instanceof VsphereApiError) {
      console.log(error.status, error.body?.error_type, error.body?.messages.map((m) => m.default_message).join("; "));
    } else if (error instanceof OpstatusOperationFailedError) {
      console.log(error.result.reason);
    } else throw error;
  }
}

// --- Oracle Primavera Administration (user job status) ------------------------------------------------------------
async function primavera(jobId: string): Promise<void> {
  const client = createPrimaveraClient({
    serverVariables: { host: "primavera.example.internal" },
    auth: { basic: { username: "admin", password: env("P6_PASSWORD") } },
  });
  try {
    const job = await client.getJobStatus(jobId);
    console.log(job.httpStatus, job.done, job.location, job.retryAfter, job.result?.added?.length);

    const done = await waitForJob(client, jobId);
    console.log(
      done.state,
      done.reason,
      done.body.added?.map((u) => u.loginId),
      done.body.deleteFailed?.[0]?.organization?.name,
    );

    const raw = await createPrimaveraApi(client).GET("/cloudapi/restapi/user/status/{jobId}", {
      params: { path: { jobId } },
    });
    if (raw.data) console.log(raw.data.exception, raw.data.modified?.length, raw.response.headers.get("Location"));
    else console.log(raw.error);
  } catch (error) {
    if (error instanceof PrimaveraApiError) {
      console.log(error.status, error.body, error.rawBody);
    } else if (error instanceof OpstatusOperationFailedError) {
      console.log(error.result.reason);
    } else throw error;
  }
}

await customerConnect("1uy14hzktpz7n7a9h");
await enterpriseCloud("a80c1728-cc0c-11e6-8080-525400060300");
await identityGovernance("2029");
await vsphere("vm-42");
await primavera("12345");
