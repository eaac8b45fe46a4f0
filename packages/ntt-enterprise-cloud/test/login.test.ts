import { describeLogin } from "@opstatus/tools/test-kit/login-suite";
import * as module from "../src/index.js";

const id = "75aab8db-8632-42b4-af2f-06b5820798ef";
const list = (status: string) => ({ operations: [{ id, status }] });

describeLogin("ntt-enterprise-cloud", module, {
  target: { operationId: id },
  statuses: [list("PROCESSING"), list("PROCESSING"), list("PROCESSING"), list("PROCESSING"), list("COMPLETE")],
});
