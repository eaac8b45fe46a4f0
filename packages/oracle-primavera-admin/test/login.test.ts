import { describeLogin } from "@opstatus/tools/test-kit/login-suite";
import * as module from "../src/index.js";

// the job's state is the HTTP status: 202 while it runs, 200 once it has finished
describeLogin("oracle-primavera-admin", module, {
  target: "12345",
  statuses: [{ "@status": 202 }, { "@status": 202 }, { "@status": 202 }, { "@status": 202 }, { added: [] }],
});
