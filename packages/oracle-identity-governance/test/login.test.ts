import { describeLogin } from "@opstatus/tools/test-kit/login-suite";
import * as module from "../src/index.js";

describeLogin("oracle-identity-governance", module);
