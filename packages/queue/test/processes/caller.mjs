// Another process that asks for a wait's end: `result(id)` through the built @opstatus/queue, configured by
// OPSTATUS_TEST_CALLER (JSON). It prints the result, or what the error is (its class, code and fields), as JSON.
import { createWaitQueue } from "@opstatus/queue";
import * as vsphere from "@opstatus/vmware-vsphere";

const config = JSON.parse(process.env.OPSTATUS_TEST_CALLER ?? "{}");
const queue = createWaitQueue({
  connection: config.connection,
  queueName: config.queueName,
  ...(config.providers ? { providers: [vsphere] } : {}),
});
try {
  const result = await queue.result(config.id);
  process.stdout.write(`${JSON.stringify({ result })}\n`);
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({
      error: {
        class: error.constructor.name,
        name: error.name,
        code: error.code,
        message: error.message,
        status: error.status,
        provider: error.provider,
        operation: error.operation,
        vendorStatus: error.result?.vendorStatus,
        reason: error.result?.reason,
        isOpstatusError: vsphere.isOpstatusError(error),
        isVsphereApiError: error instanceof vsphere.VsphereApiError,
        isOperationFailed: error instanceof vsphere.OpstatusOperationFailedError,
      },
    })}\n`,
  );
} finally {
  await queue.close();
}
